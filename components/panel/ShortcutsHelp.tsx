import { t, type MessageKey } from '@/utils/i18n';

const SHORTCUTS: Array<[string | MessageKey, MessageKey]> = [
  ['Enter', 'shortcutSend'],
  ['Shift+Enter', 'shortcutNewLine'],
  ['Esc', 'shortcutStop'],
  ['shortcutEditKeys', 'shortcutEdit'],
  ['Alt+Shift+Y', 'shortcutToggle'],
];

export function ShortcutsHelp() {
  return (
    <details class="shortcuts">
      <summary>{t('panelShortcuts')}</summary>
      <dl>
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys === 'shortcutEditKeys' ? t(keys) : keys}</kbd>
            </dt>
            <dd>{t(action)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
