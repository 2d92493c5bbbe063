import type { PromptsModel } from '@/utils/options/prompts-model';
import type { SelectionAction } from '@/utils/prompt-library';
import { t } from '@/utils/i18n';

/** Whether a selection prompt from the context menu is sent at once or put into the message box first. */
export function SelectionActionChoice({ model }: { model: PromptsModel }) {
  const choice = (value: SelectionAction, label: string) => (
    <label class="radio">
      <input type="radio" name="selection-action" value={value} checked={model.selectionAction.value === value} onChange={() => void model.setSelectionAction(value)} />
      {label}
    </label>
  );
  return (
    <fieldset class="selection-action">
      <legend>{t('optionsSelectionAction')}</legend>
      {choice('send', t('optionsSelectionActionSend'))}
      {choice('fill', t('optionsSelectionActionFill'))}
    </fieldset>
  );
}
