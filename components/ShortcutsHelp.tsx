const SHORTCUTS: Array<[string, string]> = [
  ['Enter', 'Send'],
  ['Shift+Enter', 'New line'],
  ['Esc', 'Stop the reply'],
  ['↑ in an empty box', 'Edit your last message'],
  ['Alt+Shift+Y', 'Open or close Sidechat'],
];

export function ShortcutsHelp() {
  return (
    <details class="shortcuts">
      <summary>Shortcuts</summary>
      <dl>
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
