import type { ChatMessage } from '@/utils/chat-model';
import { FunctionCalls, type ConsentHandler } from './FunctionCalls';
import { UsageLine } from './UsageLine';

interface MessageViewProps {
  message: ChatMessage;
  /** Only the last reply can be regenerated: the server's session continues from it. */
  isLast: boolean;
  onRetry: (id: string) => void;
  onConsent: ConsentHandler;
}

export function MessageView({ message, isLast, onRetry, onConsent }: MessageViewProps) {
  const state = message.state.value;
  const isAssistant = message.author === 'assistant';
  return (
    <article class={`message ${message.author}`} data-author={message.author} data-state={isAssistant ? state : undefined}>
      <div class="author">{isAssistant ? 'Sidechat' : 'You'}</div>
      <FunctionCalls message={message} onConsent={onConsent} />
      {/* Model output is untrusted: it is rendered as a text node, never as HTML. */}
      <div class="text">
        {message.text.value}
        {state === 'streaming' && <span class="streaming-indicator" aria-hidden="true" />}
      </div>
      {state === 'pending' && <div class="spinner" role="status" aria-label="Waiting for the reply" />}
      {state === 'stopped' && <div class="note">Stopped.</div>}
      {message.notice.value && <div class="note">{message.notice.value}</div>}
      {state === 'error' && (
        <div class="error" role="alert">
          <span>{message.error.value}</span>
          <button type="button" onClick={() => onRetry(message.id)}>
            Retry
          </button>
        </div>
      )}
      {message.usage.value && <UsageLine usage={message.usage.value} />}
      {isAssistant && isLast && (state === 'done' || state === 'stopped') && (
        <button type="button" class="link regenerate" onClick={() => onRetry(message.id)}>
          Regenerate
        </button>
      )}
    </article>
  );
}
