import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '@/utils/chat-model';
import { followBottom } from '@/utils/autoscroll';
import { MessageView } from './MessageView';
import { EmptyState } from './EmptyState';
import { t } from '@/utils/i18n';

export function Conversation({ model }: { model: ChatModel }) {
  const messages = model.messages.value;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const follower = useRef<ReturnType<typeof followBottom> | undefined>(undefined);
  useEffect(() => {
    follower.current = followBottom(scroller.current!, content.current!);
    return () => follower.current?.dispose();
  }, []);
  // A reply that starts (Send, Retry) is followed, even if the user had scrolled up before.
  useSignalEffect(() => {
    if (model.activeReply.value) follower.current?.pin();
  });
  return (
    // aria-busy holds back screen-reader announcements while a reply streams, so the reply is read once, not per chunk.
    <div class="conversation" ref={scroller} role="log" aria-label={t('conversationLabel')} aria-busy={model.activeReply.value ? 'true' : 'false'}>
      <div class="conversation-content" ref={content}>
        {messages.length === 0 ? (
          <EmptyState onPick={model.send} />
        ) : (
          messages.map((message, index) => <MessageView key={message.id} message={message} isLast={index === messages.length - 1} onRetry={model.retry} onConsent={model.answerConsent} />)
        )}
      </div>
    </div>
  );
}
