const SUGGESTIONS = ['What can you do?', 'Explain server-sent events in two sentences', 'count to 20'];

/** A greeting and a few prompts to start from, so an empty panel is never a dead end. */
export function EmptyState({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <div class="empty">
      <p class="empty-title">Hi! Ask anything.</p>
      <p>Replies stream in as they are written. Enter sends, Shift+Enter starts a new line.</p>
      <ul class="suggestions" aria-label="Suggested prompts">
        {SUGGESTIONS.map((prompt) => (
          <li key={prompt}>
            <button type="button" onClick={() => onPick(prompt)}>
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
