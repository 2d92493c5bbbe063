import type { ChatModel } from '@/utils/panel/conversation-model';
import type { MessageState } from '@/utils/contract/port-messages';
import { t, type MessageKey } from '@/utils/i18n';

const ANNOUNCEMENTS: Partial<Record<MessageState, MessageKey>> = {
  streaming: 'announceReplying',
  done: 'announceDone',
  stopped: 'announceStopped',
};

/**
 * Tells screen-reader users how the reply is going, once per change of state. The reply's text
 * itself is read from the conversation log when it stops being busy; errors are alerts.
 */
export function ReplyAnnouncer({ model }: { model: ChatModel }) {
  const last = model.messages.value.at(-1);
  const key = last?.author === 'assistant' ? ANNOUNCEMENTS[last.state.value] : undefined;
  return (
    <div class="visually-hidden" role="status" aria-live="polite">
      {key ? t(key) : ''}
    </div>
  );
}
