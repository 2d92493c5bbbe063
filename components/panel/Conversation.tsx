import { useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '@/utils/panel/conversation-model';
import { followBottom } from '@/utils/panel/autoscroll';
import { MessageView } from './MessageView';
import { EmptyState } from './EmptyState';
import { t } from '@/utils/i18n';

/** How near the top a scroll asks for older messages: before the user hits the edge. */
const OLDER_THRESHOLD_PX = 200;

export function Conversation({ model }: { model: ChatModel }) {
  const messages = model.messages.value;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const follower = useRef<ReturnType<typeof followBottom> | undefined>(undefined);
  useEffect(() => {
    follower.current = followBottom(scroller.current!, content.current!);
    return () => follower.current?.dispose();
  }, []);
  // Older messages go in above what the user is reading: keep it where it was on screen.
  const fromBottom = useRef<number | undefined>(undefined);
  const onScroll = () => {
    const element = scroller.current!;
    if (element.scrollTop > OLDER_THRESHOLD_PX || !model.hasOlder.value || model.loadingOlder.value) return;
    fromBottom.current = element.scrollHeight - element.scrollTop;
    model.loadOlder();
  };
  const firstId = messages[0]?.id;
  useLayoutEffect(() => {
    const element = scroller.current!;
    if (fromBottom.current === undefined || model.loadingOlder.value) return;
    element.scrollTop = element.scrollHeight - fromBottom.current;
    fromBottom.current = undefined;
  }, [firstId]);
  // A reply that starts (Send, Retry) is followed, even if the user had scrolled up before.
  useSignalEffect(() => {
    if (model.activeReply.value) follower.current?.pin();
  });
  return (
    // aria-busy holds back screen-reader announcements while a reply streams, so the reply is read once, not per chunk.
    <div class="conversation" ref={scroller} onScroll={onScroll} role="log" aria-label={t('conversationLabel')} aria-busy={model.activeReply.value ? 'true' : 'false'}>
      <div class="conversation-content" ref={content}>
        {model.loadingOlder.value && <div class="older-status">{t('conversationOlderLoading')}</div>}
        {messages.length === 0 ? (
          <EmptyState onPick={model.send} />
        ) : (
          messages.map((message, index) => <MessageView key={message.id} message={message} isLast={index === messages.length - 1} onRetry={model.retry} onConsent={model.answerConsent} />)
        )}
      </div>
    </div>
  );
}
