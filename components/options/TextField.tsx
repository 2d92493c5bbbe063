import type { OptionsModel } from '@/utils/options/options-model';
import type { SettingsField } from '@/utils/options/settings-form';
import { Field } from './Field';

interface TextFieldProps {
  model: OptionsModel;
  field: SettingsField;
  label: string;
  type?: 'url' | 'text' | 'password' | 'number';
  hint?: string;
  /** A `<datalist>` id with suggestions. */
  list?: string;
  multiline?: boolean;
  onFocus?: () => void;
}

/** One text setting: its input (or textarea) wired to the form's value and error. */
export function TextField({ model, field, label, type = 'text', hint, list, multiline, onFocus }: TextFieldProps) {
  const error = model.errors.value[field];
  const value = String(model.values.value[field]);
  return (
    <Field id={field} label={label} hint={hint} error={error}>
      {(describedBy) => {
        const common = {
          id: field,
          value,
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': describedBy,
          spellcheck: false,
          onFocus,
        };
        return multiline ? (
          <textarea {...common} rows={4} onInput={(event) => model.set(field, event.currentTarget.value)} />
        ) : (
          <input {...common} type={type as 'text'} list={list} autocomplete="off" onInput={(event) => model.set(field, event.currentTarget.value)} />
        );
      }}
    </Field>
  );
}
