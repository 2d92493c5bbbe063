import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationItem, SearchItem } from '@/utils/contract/port-messages';
import { relativeTime } from '@/utils/panel/relative-time';
import { t } from '@/utils/i18n';
import { Highlighted } from './Highlighted';

export interface ConversationRowProps {
  /** A search's hit carries the marks to highlight and a passage of the message that matched. */
  item: ConversationItem | SearchItem;
  current: boolean;
  now: number;
  locale?: string;
  onOpen(id: string): void;
  onDelete(id: string): void;
  onPin(id: string, pinned: boolean): void;
  onRename(id: string, title: string): void;
}

/** One saved conversation: open it, pin it, rename it in place, or delete it. */
export function ConversationRow({ item, current, now, locale, onOpen, onDelete, onPin, onRename }: ConversationRowProps) {
  const [editing, setEditing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const title = item.title || t('conversationsUntitled');
  const hit = 'titleMarks' in item ? item : undefined;

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  if (editing) {
    const save = () => {
      const name = input.current?.value.trim() ?? '';
      if (name && name !== item.title) onRename(item.id, name);
      setEditing(false);
    };
    return (
      <li class="conversation-row editing">
        <form
          class="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            setEditing(false);
          }}
        >
          <input ref={input} type="text" aria-label={t('conversationsRenameLabel')} defaultValue={item.title} maxLength={200} required />
          <button type="submit">{t('conversationsRenameSave')}</button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('conversationsRenameCancel')}
          </button>
        </form>
      </li>
    );
  }

  return (
    <li class={`conversation-row${item.pinned ? ' pinned' : ''}`}>
      <button type="button" class="conversation-open" aria-current={current ? 'true' : undefined} onClick={() => onOpen(item.id)}>
        <span class="conversation-title">
          {item.pinned && <span class="pin-mark" role="img" aria-label={t('conversationsPinned')} title={t('conversationsPinned')} />}
          <Highlighted text={title} marks={hit?.titleMarks} />
        </span>
        {hit?.snippet && (
          <span class="conversation-snippet">
            <Highlighted text={hit.snippet.text} marks={hit.snippet.marks} />
          </span>
        )}
        <span class="conversation-meta">
          <time dateTime={new Date(item.updatedAt).toISOString()} title={new Date(item.updatedAt).toLocaleString(locale)}>
            {relativeTime(item.updatedAt, now, locale)}
          </time>
          {' · '}
          {item.messageCount === 1 ? t('conversationsMessageCountOne') : t('conversationsMessageCount', item.messageCount)}
        </span>
      </button>
      <div class="conversation-actions">
        <button type="button" class="conversation-pin" aria-pressed={item.pinned ? 'true' : 'false'} title={item.pinned ? t('conversationsUnpinNamed', title) : t('conversationsPinNamed', title)} onClick={() => onPin(item.id, !item.pinned)}>
          {item.pinned ? t('conversationsUnpin') : t('conversationsPin')}
        </button>
        <button type="button" class="conversation-rename" title={t('conversationsRenameNamed', title)} onClick={() => setEditing(true)}>
          {t('conversationsRename')}
        </button>
        <button type="button" class="conversation-delete" aria-label={t('conversationsDeleteNamed', title)} onClick={() => onDelete(item.id)}>
          {t('conversationsDelete')}
        </button>
      </div>
    </li>
  );
}
