export function EmptyState() {
  return (
    <div class="empty">
      <p class="empty-title">Ask anything</p>
      <p>Replies stream in as they are written. Enter sends, Shift+Enter starts a new line.</p>
    </div>
  );
}
