import { useComputed, useSignal } from '@preact/signals';
import type { ChatMessage } from '@/utils/panel/message-model';
import { isRunning, type MessageState } from '@/utils/contract/port-messages';
import { t } from '@/utils/i18n';
import { CopyButton } from './CopyButton';
import { FunctionCalls, type ConsentHandler } from './FunctionCalls';
import { MarkdownView } from './MarkdownView';
import { UsageLine } from './UsageLine';
import { ThinkingView } from './ThinkingView';

interface MessageViewProps {
  message: ChatMessage;
  /** Only the last reply can be regenerated: the server's session continues from it. */
  isLast: boolean;
  onRetry: (id: string) => void;
  onConsent: ConsentHandler;
}

/**
 * The state a reply shows (data-state, its footer): an ended reply reads as still arriving until
 * its whole text is on screen, so "done" means all of it can be read. Stop shows at once.
 */
function shownState(state: MessageState, shownInFull: boolean, hasText: boolean): MessageState {
  if ((state === 'done' || state === 'error') && !shownInFull) return hasText ? 'streaming' : 'pending';
  return state;
}

export function MessageView({ message, isLast, onRetry, onConsent }: MessageViewProps) {
  const isAssistant = message.author === 'assistant';
  const shownInFull = useSignal(false);
  // Computed, so the message re-renders when the reply gets its first text, not on every chunk.
  const hasText = useComputed(() => message.text.value !== '');
  const state = isAssistant ? shownState(message.state.value, shownInFull.value, hasText.value) : message.state.value;
  const usage = isRunning(state) ? undefined : message.usage.value;
  const canCopy = isAssistant && !isRunning(state) && hasText.value;
  const canRegenerate = isAssistant && isLast && (state === 'done' || state === 'stopped');
  return (
    <article class={`message ${message.author}`} data-author={message.author} data-state={isAssistant ? state : undefined}>
      <div class="author">{isAssistant ? t('authorAssistant') : t('authorUser')}</div>
      {isAssistant && <ThinkingView reasoning={message.reasoning} />}
      <FunctionCalls message={message} onConsent={onConsent} />
      {/* Model output is untrusted: MarkdownView builds it as DOM nodes under a strict policy, never as HTML. */}
      {isAssistant ? <MarkdownView message={message} shownInFull={shownInFull} /> : <div class="text">{message.text}</div>}
      {state === 'pending' && <div class="spinner" role="status" aria-label={t('replyWaiting')} />}
      {message.reconnecting.value && (
        <div class="note" role="status">
          {t('replyReconnecting', message.reconnecting.value.attempt, message.reconnecting.value.attempts)}
        </div>
      )}
      {state === 'stopped' && <div class="note">{t('replyStopped')}</div>}
      {message.notice.value && <div class="note">{message.notice.value}</div>}
      {state === 'error' && (
        <div class="error" role="alert">
          <span>{message.error.value}</span>
          <button type="button" onClick={() => onRetry(message.id)}>
            {t('replyRetry')}
          </button>
        </div>
      )}
      {(usage || canCopy || canRegenerate) && (
        <div class="message-footer">
          {usage && <UsageLine usage={usage} />}
          <div class="message-actions">
            {canRegenerate && (
              <button type="button" class="link regenerate" onClick={() => onRetry(message.id)}>
                {t('replyRegenerate')}
              </button>
            )}
            {canCopy && <CopyButton label={t('copyReply')} text={message.text} />}
          </div>
        </div>
      )}
    </article>
  );
}
