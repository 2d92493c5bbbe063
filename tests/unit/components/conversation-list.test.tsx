// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConversationList, type ConversationListProps } from '@/components/panel/ConversationList';
import type { ConversationSummary } from '@/utils/history/types';
import { englishMessage } from '../setup/i18n';

// jsdom and wxt/browser do not mix (see markdown-safety.test.ts): answer in English directly.
vi.mock('@/utils/i18n', () => ({ t: (key: string, ...values: unknown[]) => englishMessage(key, values.map(String)) }));

const NOW = Date.parse('2026-11-27T12:00:00Z');
const conversation = (id: string, title: string, minutesAgo: number, messageCount: number): ConversationSummary => ({
  id,
  title,
  createdAt: NOW - 10 * 24 * 60 * 60_000,
  updatedAt: NOW - minutesAgo * 60_000,
  messageCount,
});
const CONVERSATIONS = [conversation('a', 'Keeping a worker alive', 3, 4), conversation('b', '', 24 * 60, 1), conversation('c', 'Quota errors', 3 * 24 * 60, 12)];

let container: HTMLElement;
const handlers = () => ({ onOpen: vi.fn(), onDelete: vi.fn(), onClearAll: vi.fn(), onClose: vi.fn() });

function show(props: Partial<ConversationListProps> & ReturnType<typeof handlers>): void {
  act(() => render(<ConversationList conversations={CONVERSATIONS} currentId="a" now={NOW} {...props} />, container));
}

const buttonNamed = (name: string) => [...container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const click = (name: string) => act(() => buttonNamed(name)!.click());
const press = (key: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));

beforeEach(() => {
  document.documentElement.lang = 'en';
  container = document.body.appendChild(document.createElement('div'));
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('ConversationList', () => {
  it('lists each conversation with its title, when it was last used and its size, the open one marked', () => {
    show(handlers());
    const list = container.querySelector('section')!;
    expect(document.getElementById(list.getAttribute('aria-labelledby')!)?.textContent).toBe('Conversations');
    expect(container.querySelector('h2')?.textContent).toBe('Conversations');
    const rows = [...container.querySelectorAll('li')].map((li) => li.querySelector('.conversation-open')!.textContent);
    expect(rows).toEqual(['Keeping a worker alive3 minutes ago · 4 messages', 'New conversationyesterday · 1 message', 'Quota errors3 days ago · 12 messages']);
    expect([...container.querySelectorAll('[aria-current="true"]')].map((b) => b.textContent)).toEqual([rows[0]]);
    expect(container.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-27T11:57:00.000Z');
  });

  it('names every Delete button after its conversation', () => {
    show(handlers());
    const names = [...container.querySelectorAll('.conversation-delete')].map((b) => [b.getAttribute('aria-label'), b.textContent]);
    expect(names).toEqual([
      ['Delete “Keeping a worker alive”', 'Delete'],
      ['Delete “New conversation”', 'Delete'],
      ['Delete “Quota errors”', 'Delete'],
    ]);
  });

  it('opens and deletes by id, and focus moves to the row that took the deleted one’s place', () => {
    const on = handlers();
    show(on);
    expect(document.activeElement?.textContent).toContain('Keeping a worker alive');
    act(() => (container.querySelectorAll<HTMLButtonElement>('.conversation-open')[2]).click());
    expect(on.onOpen).toHaveBeenCalledWith('c');

    click('Delete “New conversation”');
    expect(on.onDelete).toHaveBeenCalledWith('b');
    show({ ...on, conversations: CONVERSATIONS.filter((c) => c.id !== 'b') });
    expect(document.activeElement?.textContent).toContain('Quota errors');
  });

  it('clears all only after an inline confirmation, and Cancel or Esc steps back', () => {
    const on = handlers();
    show(on);
    click('Clear all…');
    const group = container.querySelector('[role="group"]')!;
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent).toBe('Delete all 3 conversations? This cannot be undone.');
    expect(document.activeElement?.textContent).toBe('Cancel');

    click('Cancel');
    expect(container.querySelector('[role="group"]')).toBeNull();
    expect(document.activeElement?.textContent).toBe('Clear all…');

    click('Clear all…');
    press('Escape');
    expect(container.querySelector('[role="group"]')).toBeNull();
    expect(on.onClose).not.toHaveBeenCalled();

    click('Clear all…');
    click('Delete all');
    expect(on.onClearAll).toHaveBeenCalledTimes(1);
    expect(on.onDelete).not.toHaveBeenCalled();
  });

  it('closes on Esc without Esc reaching the panel’s Stop shortcut', () => {
    const on = handlers();
    const panelEscape = vi.fn();
    document.addEventListener('keydown', panelEscape);
    show(on);
    press('Escape');
    document.removeEventListener('keydown', panelEscape);
    expect(on.onClose).toHaveBeenCalledTimes(1);
    expect(panelEscape).not.toHaveBeenCalled();
    click('Close');
    expect(on.onClose).toHaveBeenCalledTimes(2);
  });

  it('says so when there is nothing saved, with nothing to clear', () => {
    show({ ...handlers(), conversations: [] });
    expect(container.textContent).toContain('No saved conversations yet.');
    expect(container.querySelector('ul')).toBeNull();
    expect(buttonNamed('Clear all…')).toBeUndefined();
    expect(document.activeElement?.textContent).toBe('Close');
  });

  it('shows a search’s hits with the words marked, and says when nothing matched', () => {
    const on = { ...handlers(), onQuery: vi.fn() };
    const hit = { ...CONVERSATIONS[2], titleMarks: [[0, 5]] as Array<[number, number]>, snippet: { text: '…the quota is full…', marks: [[5, 10]] as Array<[number, number]> } };
    show({ ...on, query: 'quota', results: [hit] });
    const input = container.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(input.getAttribute('aria-label')).toBe('Search conversations');
    expect(input.value).toBe('quota');
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Quota', 'quota']);
    expect(container.querySelectorAll('li')).toHaveLength(1);
    expect(container.querySelector('[role=status]')?.textContent).toBe('1 conversation found');
    expect(container.querySelector<HTMLElement>('.conversations-footer')!.hidden).toBe(true);

    show({ ...on, query: 'zebra', results: [] });
    expect(container.querySelector('[role=status]')?.textContent).toBe('No conversation has “zebra”.');
    act(() => {
      input.value = 'zebras';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(on.onQuery).toHaveBeenCalledWith('zebras');
  });

  it('pins, and renames in place: Enter saves, Esc leaves the name as it was', () => {
    const on = { ...handlers(), onPin: vi.fn(), onRename: vi.fn() };
    show({ ...on, conversations: [{ ...CONVERSATIONS[0], pinned: true }, CONVERSATIONS[2]] });
    const pins = [...container.querySelectorAll<HTMLButtonElement>('.conversation-pin')];
    expect(pins.map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([['Unpin', 'true'], ['Pin', 'false']]);
    expect(container.querySelector('.pin-mark')?.getAttribute('aria-label')).toBe('Pinned');
    act(() => pins[1].click());
    expect(on.onPin).toHaveBeenCalledWith('c', true);

    act(() => container.querySelectorAll<HTMLButtonElement>('.conversation-rename')[1].click());
    const field = container.querySelector<HTMLInputElement>('input[aria-label="New name"]')!;
    expect(field.value).toBe('Quota errors');
    act(() => void field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(container.querySelector('input[aria-label="New name"]')).toBeNull();
    expect(on.onClose).not.toHaveBeenCalled();

    act(() => container.querySelectorAll<HTMLButtonElement>('.conversation-rename')[1].click());
    const again = container.querySelector<HTMLInputElement>('input[aria-label="New name"]')!;
    again.value = '  Storage limits ';
    act(() => void again.form!.requestSubmit());
    expect(on.onRename).toHaveBeenCalledWith('c', 'Storage limits');
  });
});
