import { describe, expect, it, vi } from 'vitest';
import type { PanelMessage } from '@/utils/contract/port-messages';
import { createHistoryModel } from '@/utils/panel/history-model';

function setup() {
  const posted: PanelMessage[] = [];
  const timers: Array<() => void> = [];
  const saveFile = vi.fn();
  const model = createHistoryModel({ post: (m) => posted.push(m) }, { saveFile, setTimer: (callback) => timers.push(callback), clearTimer: () => timers.splice(0) });
  return { model, posted, timers, saveFile };
}

const item = (id: string) => ({ id, title: id, createdAt: 1, updatedAt: 2, messageCount: 3, titleMarks: [] });

describe('history model', () => {
  it('searches once typing pauses, for what the box says then', () => {
    const { model, posted, timers } = setup();
    model.setQuery('l');
    model.setQuery('li');
    model.setQuery('lig');
    expect(posted).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]();
    expect(posted).toEqual([{ type: 'search', query: 'lig' }]);
  });

  it('shows only the answer to the query in the box, and nothing once the box is empty', () => {
    const { model } = setup();
    model.setQuery('light');
    model.receive({ type: 'search-results', query: 'lig', items: [item('old')], total: 1 });
    expect(model.results.value).toBeUndefined();
    model.receive({ type: 'search-results', query: 'light', items: [item('a')], total: 1 });
    expect(model.results.value?.map((i) => i.id)).toEqual(['a']);
    expect(model.total.value).toBe(1);
    model.setQuery('  ');
    expect(model.results.value).toBeUndefined();
  });

  it('pins and renames, then asks for the list (or the search) again', () => {
    const { model, posted } = setup();
    model.pin('c1', true);
    expect(model.rename('c1', '   ')).toBe(false);
    model.rename('c1', ' Trip ');
    expect(posted).toEqual([{ type: 'pin', conversationId: 'c1', pinned: true }, { type: 'list' }, { type: 'rename', conversationId: 'c1', title: 'Trip' }, { type: 'list' }]);
  });

  it('saves an exported conversation as a Markdown file', () => {
    const { model, posted, saveFile } = setup();
    model.exportConversation('c1');
    expect(posted).toEqual([{ type: 'export-conversation', conversationId: 'c1' }]);
    expect(model.receive({ type: 'conversation-export', conversationId: 'c1', fileName: 'a.md', markdown: '# A' })).toBe(true);
    expect(saveFile).toHaveBeenCalledWith('a.md', '# A', 'text/markdown;charset=utf-8');
    expect(model.receive({ type: 'stopped', replyId: 'r' })).toBe(false);
  });
});
