import type { ChatModel } from '@/utils/chat-model';
import { MessageView } from './MessageView';
import { EmptyState } from './EmptyState';

export function Conversation({ model }: { model: ChatModel }) {
  const messages = model.messages.value;
  return (
    // aria-busy holds back screen-reader announcements while a reply streams, so the reply is read once, not per chunk.
    <div class="conversation" role="log" aria-label="Conversation" aria-busy={model.activeReply.value ? 'true' : 'false'}>
      {messages.length === 0 ? (
        <EmptyState onPick={model.send} />
      ) : (
        messages.map((message, index) => <MessageView key={message.id} message={message} isLast={index === messages.length - 1} onRetry={model.retry} onConsent={model.answerConsent} />)
      )}
    </div>
  );
}
