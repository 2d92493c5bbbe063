import type { PromptsModel } from '@/utils/options/prompts-model';
import { PROMPT_LIMITS } from '@/utils/prompt-library';
import { t } from '@/utils/i18n';
import { Field } from './Field';

/** Adding or editing one prompt: its name and text, checked when saved. */
export function PromptEditor({ model }: { model: PromptsModel }) {
  const draft = model.editor.value;
  if (!draft) return null;
  const errors = model.errors.value;
  return (
    <form
      class="prompt-editor"
      noValidate
      aria-label={draft.id ? t('optionsPromptEditing', draft.name) : t('optionsPromptNew')}
      onSubmit={(event) => {
        event.preventDefault();
        void model.saveEdit();
      }}
    >
      <Field id="prompt-name" label={t('optionsPromptName')} error={errors.name}>
        {(describedBy) => (
          <input
            id="prompt-name"
            type="text"
            autoFocus
            value={draft.name}
            maxLength={PROMPT_LIMITS.name * 2}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={describedBy}
            autocomplete="off"
            onInput={(event) => model.edit('name', event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="prompt-text" label={t('optionsPromptText')} error={errors.text}>
        {(describedBy) => (
          <textarea
            id="prompt-text"
            rows={5}
            value={draft.text}
            aria-invalid={errors.text ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(event) => model.edit('text', event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit">{t('optionsPromptSave')}</button>
        <button type="button" onClick={model.cancelEdit}>
          {t('optionsPromptCancel')}
        </button>
      </div>
    </form>
  );
}
