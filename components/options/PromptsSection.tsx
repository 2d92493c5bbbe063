import type { PromptsModel } from '@/utils/options/prompts-model';
import { t } from '@/utils/i18n';
import { PromptEditor } from './PromptEditor';
import { PromptRow } from './PromptRow';
import { SelectionActionChoice } from './SelectionActionChoice';
import './prompts.css';

/** Options → Prompts: the saved prompts, in the order `/` and the selection menu offer them. */
export function PromptsSection({ model }: { model: PromptsModel }) {
  const prompts = model.prompts.value;
  const editingId = model.editor.value?.id;
  const adding = model.editor.value !== undefined && editingId === undefined;
  const status = model.status.value;
  return (
    <section class="options prompts" aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">{t('optionsPromptsHeading')}</h2>
      <p class="field-hint">{t('optionsPromptsHint')}</p>
      {prompts.length === 0 && <p class="prompts-empty">{t('optionsPromptsEmpty')}</p>}
      <ol class="prompt-list">
        {prompts.map((prompt, index) => (
          <li key={prompt.id} class="prompt">
            {editingId === prompt.id ? <PromptEditor model={model} /> : <PromptRow model={model} prompt={prompt} first={index === 0} last={index === prompts.length - 1} />}
          </li>
        ))}
      </ol>
      {adding ? (
        <PromptEditor model={model} />
      ) : (
        <div class="actions">
          <button type="button" onClick={model.startAdd}>
            {t('optionsPromptAdd')}
          </button>
          {model.confirmingReset.value ? (
            <>
              <button type="button" class="danger" onClick={() => void model.reset()}>
                {t('optionsPromptsResetConfirm')}
              </button>
              <button type="button" onClick={() => (model.confirmingReset.value = false)}>
                {t('optionsPromptCancel')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => (model.confirmingReset.value = true)}>
              {t('optionsPromptsReset')}
            </button>
          )}
        </div>
      )}
      <p class={`status ${status.kind}`} role="status">
        {status.kind === 'saved' && t('optionsPromptsSaved')}
        {status.kind === 'reset' && t('optionsPromptsResetDone')}
        {status.kind === 'failed' && status.message}
        {status.kind === 'deleted' && t('optionsPromptDeleted', status.name)}
        {status.kind === 'deleted' && (
          <button type="button" class="undo" onClick={() => void model.undoDelete()}>
            {t('optionsPromptUndo')}
          </button>
        )}
      </p>
      <SelectionActionChoice model={model} />
    </section>
  );
}
