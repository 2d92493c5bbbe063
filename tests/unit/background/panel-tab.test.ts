import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { panelTab, rememberPanelTab } from '@/utils/background/panel-tab';

const tab = (id: number, fields: object = {}) => ({ id, windowId: 1, index: id, highlighted: false, incognito: false, pinned: false, active: false, ...fields });

describe('the page the panel belongs to', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is the tab the user clicked Sidechat on, even after switching to another tab', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => tab(id) as never);
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    await rememberPanelTab({ id: 5, windowId: 1 });
    expect((await panelTab(1)).id).toBe(5);
    expect(query).not.toHaveBeenCalled();
  });

  it('without a click, is the window’s most recently used web tab, never a Sidechat page', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      tab(1, { url: 'https://old.example/', lastAccessed: 100 }),
      tab(2, { url: 'https://recent.example/', lastAccessed: 300 }),
      tab(3, { url: fakeBrowser.runtime.getURL('/sidepanel.html'), lastAccessed: 400, active: true }),
      tab(4, { lastAccessed: 200 }),
    ] as never);
    expect((await panelTab(1)).id).toBe(2);
    expect(query).toHaveBeenCalledWith({ windowId: 1, windowType: 'normal' });
  });

  it('falls back to the active tab where tabs have no lastAccessed (Chrome before 121)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(1, { url: 'https://a.example/' }), tab(2, { url: 'https://b.example/', active: true })] as never);
    expect((await panelTab(1)).id).toBe(2);
  });

  it('is a clear error when the clicked tab has closed or moved to another window, and then falls back', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => (id === 6 ? (tab(6, { windowId: 2 }) as never) : Promise.reject(new Error('No tab'))));
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(8, { url: 'https://b.example/' })] as never);
    await rememberPanelTab({ id: 5, windowId: 1 });
    await expect(panelTab(1)).rejects.toThrow(/has been closed/);
    expect((await panelTab(1)).id).toBe(8);
    await rememberPanelTab({ id: 6, windowId: 1 });
    await expect(panelTab(1)).rejects.toThrow(/has been closed/);
  });
});
