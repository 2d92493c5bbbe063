import type { Prompt } from '@/utils/contract/prompts';
import type { PromptsModel } from '@/utils/options/prompts-model';
import { usesSelection } from '@/utils/contract/prompts';
import { t } from '@/utils/i18n';

/** One saved prompt with its buttons; each button's name says which prompt it acts on. */
export function PromptRow({ model, prompt, first, last }: { model: PromptsModel; prompt: Prompt; first: boolean; last: boolean }) {
  return (
    <>
      <div class="prompt-summary">
        <span class="prompt-name">{prompt.name}</span>
        {usesSelection(prompt) && <span class="prompt-badge">{t('optionsPromptInMenu')}</span>}
        <span class="prompt-text">{prompt.text}</span>
      </div>
      <div class="prompt-actions">
        <button type="button" aria-label={t('optionsPromptMoveUpNamed', prompt.name)} disabled={first} onClick={() => void model.move(prompt.id, -1)}>
          ↑
        </button>
        <button type="button" aria-label={t('optionsPromptMoveDownNamed', prompt.name)} disabled={last} onClick={() => void model.move(prompt.id, 1)}>
          ↓
        </button>
        <button type="button" aria-label={t('optionsPromptEditNamed', prompt.name)} onClick={() => model.startEdit(prompt.id)}>
          {t('optionsPromptEdit')}
        </button>
        <button type="button" aria-label={t('optionsPromptDeleteNamed', prompt.name)} onClick={() => void model.remove(prompt.id)}>
          {t('optionsPromptDelete')}
        </button>
      </div>
    </>
  );
}
