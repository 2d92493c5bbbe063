import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describePanelPage } from '@/utils/background/page-indicator';
import { rememberPanelTab } from '@/utils/background/panel-tab';

const tab = (id: number, fields: object = {}) => ({ id, windowId: 1, index: id, highlighted: false, incognito: false, pinned: false, active: false, ...fields });

describe('which page the panel says it will share', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is the clicked tab, by title, and says so when the user has switched to another tab', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => tab(id, { title: 'Tide tables' }) as never);
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(5, { active: true })] as never);
    await rememberPanelTab({ id: 5, windowId: 1 });
    expect(await describePanelPage(1)).toEqual({ type: 'page', title: 'Tide tables', otherTab: false });
    query.mockResolvedValue([tab(6, { active: true })] as never);
    expect(await describePanelPage(1)).toEqual({ type: 'page', title: 'Tide tables', otherTab: true });
  });

  it('without a click follows the most recently used tab, and says when there is none', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab(2, { url: 'https://a.example/', title: 'A', lastAccessed: 3 })] as never);
    expect(await describePanelPage(1)).toEqual({ type: 'page', title: 'A', otherTab: false });
    query.mockResolvedValue([]);
    expect(await describePanelPage(1)).toMatchObject({ otherTab: false, problem: expect.any(String) });
  });
});
