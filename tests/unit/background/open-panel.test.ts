import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPanelFromToolbar } from '@/utils/background/open-panel';

type Tab = Parameters<typeof openPanelFromToolbar>[0];
const tab = { windowId: 3, id: 9 } as Tab;
const browserWith = fakeBrowser as unknown as Record<string, unknown>;

describe('openPanelFromToolbar', () => {
  afterEach(() => {
    delete browserWith.sidebarAction;
    delete browserWith.sidePanel;
  });

  it("toggles Firefox's sidebar", () => {
    const toggle = vi.fn(async () => {});
    browserWith.sidebarAction = { toggle };
    openPanelFromToolbar(tab);
    expect(toggle).toHaveBeenCalledOnce();
  });

  it("opens Chrome's side panel for the clicked tab's window", () => {
    const open = vi.fn(async () => {});
    browserWith.sidePanel = { open };
    openPanelFromToolbar(tab);
    expect(open).toHaveBeenCalledWith({ windowId: 3 });
  });
});
