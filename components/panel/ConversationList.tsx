import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationItem, SearchItem } from '@/utils/contract/port-messages';
import { t } from '@/utils/i18n';
import { ClearAllFooter } from './ClearAllFooter';
import { ConversationRow } from './ConversationRow';
import { ConversationSearch } from './ConversationSearch';
import './conversations.css';

export interface ConversationListProps {
  conversations: ConversationItem[];
  currentId?: string;
  /** The time the dates are relative to; the render's time unless given. */
  now?: number;
  /** What the search box says; with words in it, `results` are shown instead of every conversation. */
  query?: string;
  results?: SearchItem[];
  /** How many conversations answered the search; `results` are the best of them. */
  total?: number;
  onQuery?(text: string): void;
  onOpen(id: string): void;
  onDelete(id: string): void;
  onPin?(id: string, pinned: boolean): void;
  onRename?(id: string, title: string): void;
  onClearAll(): void;
  onClose(): void;
}

const ignore = () => {};

/** The saved conversations: search them, open, pin, rename or delete one, or clear them all after an inline confirmation. */
export function ConversationList(props: ConversationListProps) {
  const { conversations, currentId, now = Date.now(), query = '', results, onOpen, onDelete, onClearAll, onClose } = props;
  const searching = query.trim() !== '';
  const shown = searching ? (results ?? []) : conversations;
  const root = useRef<HTMLElement>(null);
  const [confirming, setConfirming] = useState(false);
  // Where focus goes once the list has changed: the row that took a deleted row's place.
  const focusAfterChange = useRef<number | undefined>(undefined);
  const wasConfirming = useRef(false);
  const locale = document.documentElement.lang || undefined;

  function focusRow(index: number): void {
    const rows = root.current?.querySelectorAll<HTMLElement>('.conversation-open') ?? [];
    const target = rows[Math.min(index, rows.length - 1)] ?? root.current?.querySelector<HTMLElement>('.conversations-close');
    target?.focus();
  }

  useEffect(() => focusRow(Math.max(0, conversations.findIndex((c) => c.id === currentId))), []);

  // Before the list's effect: after "Delete all", focus waits for the emptied list.
  useEffect(() => {
    const query = confirming ? '.clear-cancel' : wasConfirming.current && focusAfterChange.current === undefined ? '.clear-all' : undefined;
    if (query) root.current?.querySelector<HTMLElement>(query)?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  useEffect(() => {
    if (focusAfterChange.current === undefined) return;
    focusRow(focusAfterChange.current);
    focusAfterChange.current = undefined;
  }, [conversations]);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // Esc belongs to this list while it is open, not to the panel's Stop shortcut.
    event.preventDefault();
    event.stopPropagation();
    if (confirming) setConfirming(false);
    else onClose();
  }

  return (
    <section class="conversations" aria-labelledby="conversations-heading" ref={root} onKeyDown={onKeyDown}>
      <header class="conversations-header">
        <h2 id="conversations-heading">{t('conversationsHeading')}</h2>
        <button type="button" class="link conversations-close" onClick={onClose}>
          {t('conversationsClose')}
        </button>
      </header>
      {(conversations.length > 0 || searching) && (
        <ConversationSearch query={query} results={searching ? results : undefined} total={props.total} onQuery={props.onQuery ?? ignore} />
      )}
      {shown.length === 0 ? (
        !searching && <p class="conversations-empty">{t('conversationsEmpty')}</p>
      ) : (
        <>
          <ul class="conversation-rows">
            {shown.map((item, index) => (
              <ConversationRow
                key={item.id}
                item={item}
                current={item.id === currentId}
                now={now}
                locale={locale}
                onOpen={onOpen}
                onPin={props.onPin ?? ignore}
                onRename={props.onRename ?? ignore}
                onDelete={(id) => {
                  focusAfterChange.current = index;
                  onDelete(id);
                }}
              />
            ))}
          </ul>
          <div class="conversations-footer" hidden={searching}>
            <ClearAllFooter
              count={conversations.length}
              confirming={confirming}
              onConfirming={setConfirming}
              onClearAll={() => {
                focusAfterChange.current = 0;
                onClearAll();
              }}
            />
          </div>
        </>
      )}
    </section>
  );
}
