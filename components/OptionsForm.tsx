import type { OptionsModel } from '@/utils/options-model';
import { isPlainHttpRemote } from '@/utils/host-permission';
import type { Settings } from '@/utils/settings';
import { ConnectionReportView } from './ConnectionReportView';
import { Field } from './Field';

export function OptionsForm({ model }: { model: OptionsModel }) {
  const values = model.values.value;
  const errors = model.errors.value;
  const status = model.status.value;

  const text = (field: keyof Settings, label: string, type: 'url' | 'text' | 'password' | 'number', hint?: string) => (
    <Field id={field} label={label} hint={hint} error={errors[field]}>
      {(describedBy) => (
        <input
          id={field}
          type={type as 'text'}
          value={String(values[field])}
          aria-invalid={errors[field] ? 'true' : undefined}
          aria-describedby={describedBy}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => model.set(field, event.currentTarget.value)}
        />
      )}
    </Field>
  );

  const checkbox = (field: keyof Settings, label: string, hint: string) => (
    <div class="field checkbox">
      <input id={field} type="checkbox" checked={Boolean(values[field])} aria-describedby={`${field}-hint`} onChange={(event) => model.set(field, event.currentTarget.checked)} />
      <label for={field}>{label}</label>
      <p id={`${field}-hint`} class="field-hint">
        {hint}
      </p>
    </div>
  );

  return (
    <main>
      <form
        class="options"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.save();
        }}
      >
        <h1>Sidechat options</h1>
        <fieldset>
          <legend>Endpoint</legend>
          {text('endpointUrl', 'Endpoint URL', 'url', 'Origin and optional path prefix. The reference endpoint (npm run server) listens on http://127.0.0.1:8787.')}
          {isPlainHttpRemote(String(values.endpointUrl)) && (
            <p class="field-warning" role="note">
              This endpoint uses plain http on another machine: the API key and your conversation travel unencrypted, readable by anyone on the network path. Use https if you can.
            </p>
          )}
          {text('projectId', 'Project ID', 'text')}
          {text('apiKey', 'API key', 'password', 'Sent as a Bearer token to this endpoint only. Stored on this device, never synced.')}
        </fieldset>
        <fieldset>
          <legend>Conversation</legend>
          {checkbox('streaming', 'Streaming', 'Show replies as they are written. When the endpoint cannot stream, Sidechat falls back to regular mode by itself.')}
          {text('historyLimit', 'History limit', 'number', 'Messages the side panel keeps; older ones are dropped.')}
          {checkbox('debug', 'Debug logging', 'Log requests and events to the extension console. API keys are always redacted.')}
        </fieldset>
        <fieldset>
          <legend>Look</legend>
          <Field id="theme" label="Theme">
            {() => (
              <select id="theme" value={String(values.theme)} onChange={(event) => model.set('theme', event.currentTarget.value)}>
                <option value="system">Same as the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            )}
          </Field>
        </fieldset>
        <div class="actions">
          <button type="submit">Save</button>
          <button type="button" onClick={() => void model.test()} disabled={model.connection.value === 'testing'}>
            Test connection
          </button>
          <p class={`status ${status.kind}`} role="status">
            {status.kind === 'saved' && 'Saved.'}
            {status.kind === 'invalid' && 'Not saved — fix the fields marked above.'}
            {status.kind === 'failed' && status.message}
          </p>
        </div>
        <ConnectionReportView report={model.connection.value} />
      </form>
    </main>
  );
}
