import { useSignal } from '@preact/signals';
import type { ChatModel } from '@/utils/chat-model';

export function Composer({ model }: { model: ChatModel }) {
  const draft = useSignal('');
  const running = model.activeReply.value !== undefined;

  const submit = () => {
    if (model.send(draft.value)) draft.value = '';
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        aria-label="Message"
        placeholder="Message Sidechat…"
        rows={2}
        autofocus
        value={draft.value}
        onInput={(event) => (draft.value = event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit();
          } else if (event.key === 'ArrowUp' && !draft.value) {
            const previous = model.editLast();
            if (previous !== undefined) {
              event.preventDefault();
              draft.value = previous;
            }
          }
        }}
      />
      <div class="composer-actions">
        {running && (
          <button type="button" class="stop" onClick={model.stop}>
            Stop
          </button>
        )}
        <button type="submit" disabled={running || !draft.value.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
