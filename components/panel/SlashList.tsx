import { useLayoutEffect } from 'preact/hooks';
import type { SlashCommands } from '@/utils/panel/slash-commands';
import { t } from '@/utils/i18n';
import './slash.css';

export const SLASH_LIST_ID = 'slash-list';
export const slashOptionId = (promptId: string) => `slash-option-${promptId}`;

/** The prompts offered after `/`; the message box keeps the focus and points at the active one. */
export function SlashList({ slash }: { slash: SlashCommands }) {
  const active = slash.active.value;
  useLayoutEffect(() => {
    if (active) document.getElementById(slashOptionId(active.id))?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  if (!slash.open.value) return null;
  const matches = slash.matches.value;
  return (
    <div class="slash-popup">
      {matches.length === 0 ? (
        <p class="slash-empty" role="status">
          {t('slashNoMatch', (slash.query.value ?? '').trim())}
        </p>
      ) : (
        <ul id={SLASH_LIST_ID} class="slash-list" role="listbox" aria-label={t('slashListLabel')}>
          {matches.map((prompt) => (
            <li
              key={prompt.id}
              id={slashOptionId(prompt.id)}
              role="option"
              aria-selected={prompt === active}
              // Chosen on mousedown, before the box loses the focus.
              onMouseDown={(event) => {
                event.preventDefault();
                void slash.choose(prompt);
              }}
            >
              <span class="slash-name">{prompt.name}</span>
              <span class="slash-text">{prompt.text}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="slash-hint" aria-hidden="true">
        {t('slashHint')}
      </p>
    </div>
  );
}
