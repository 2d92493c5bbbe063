import type { ChatMessage } from '@/utils/chat-model';
import { UsageLine } from './UsageLine';

export function MessageView({ message, onRetry }: { message: ChatMessage; onRetry: (id: string) => void }) {
  const state = message.state.value;
  const isAssistant = message.author === 'assistant';
  return (
    <article class={`message ${message.author}`} data-author={message.author} data-state={isAssistant ? state : undefined}>
      <div class="author">{isAssistant ? 'Sidechat' : 'You'}</div>
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
    </article>
  );
}
