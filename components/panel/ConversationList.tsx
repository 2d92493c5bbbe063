import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationItem } from '@/utils/contract/port-messages';
import { relativeTime } from '@/utils/panel/relative-time';
import { t } from '@/utils/i18n';
import './conversations.css';

export interface ConversationListProps {
  conversations: ConversationItem[];
  currentId?: string;
  /** The time the dates are relative to; the render's time unless given. */
  now?: number;
  onOpen(id: string): void;
  onDelete(id: string): void;
  onClearAll(): void;
  onClose(): void;
}

/** The saved conversations: open one, delete one, or clear them all after an inline confirmation. */
export function ConversationList({ conversations, currentId, now = Date.now(), onOpen, onDelete, onClearAll, onClose }: ConversationListProps) {
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
      {conversations.length === 0 ? (
        <p class="conversations-empty">{t('conversationsEmpty')}</p>
      ) : (
        <>
          <ul class="conversation-rows">
            {conversations.map((conversation, index) => {
              const title = conversation.title || t('conversationsUntitled');
              return (
                <li key={conversation.id} class="conversation-row">
                  <button type="button" class="conversation-open" aria-current={conversation.id === currentId ? 'true' : undefined} onClick={() => onOpen(conversation.id)}>
                    <span class="conversation-title">{title}</span>
                    <span class="conversation-meta">
                      <time dateTime={new Date(conversation.updatedAt).toISOString()} title={new Date(conversation.updatedAt).toLocaleString(locale)}>
                        {relativeTime(conversation.updatedAt, now, locale)}
                      </time>
                      {' · '}
                      {conversation.messageCount === 1 ? t('conversationsMessageCountOne') : t('conversationsMessageCount', conversation.messageCount)}
                    </span>
                  </button>
                  <button
                    type="button"
                    class="conversation-delete"
                    aria-label={t('conversationsDeleteNamed', title)}
                    onClick={() => {
                      focusAfterChange.current = index;
                      onDelete(conversation.id);
                    }}
                  >
                    {t('conversationsDelete')}
                  </button>
                </li>
              );
            })}
          </ul>
          <div class="conversations-footer">
            {confirming ? (
              <div class="clear-confirm" role="group" aria-labelledby="clear-question">
                <p id="clear-question">{t('conversationsClearAllQuestion', conversations.length)}</p>
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    setConfirming(false);
                    focusAfterChange.current = 0;
                    onClearAll();
                  }}
                >
                  {t('conversationsClearAllConfirm')}
                </button>
                <button type="button" class="clear-cancel" onClick={() => setConfirming(false)}>
                  {t('conversationsCancel')}
                </button>
              </div>
            ) : (
              <button type="button" class="clear-all" onClick={() => setConfirming(true)}>
                {t('conversationsClearAll')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
