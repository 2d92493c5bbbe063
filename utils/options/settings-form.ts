/** The options form's values (text and checkboxes, one per field) and turning them into Settings, or into what is wrong with them. */
import { t } from '../i18n';
import { DEFAULT_ENDPOINT, DEFAULT_SETTINGS, type EndpointType, type Settings, type Theme } from '../settings';

const THEMES: Theme[] = ['system', 'light', 'dark'];
const ENDPOINT_TYPES: EndpointType[] = ['sidechat', 'openai'];

const TIMEOUT_RANGE_SEC = { min: 5, max: 600 };
const CONTEXT_BUDGET_RANGE = { min: 500, max: 2_000_000 };
const SYSTEM_PROMPT_MAX = 20_000;

/** The form's fields; their names are the inputs' ids. */
export type SettingsField =
  | 'endpointType'
  | 'endpointUrl'
  | 'projectId'
  | 'apiKey'
  | 'model'
  | 'systemPrompt'
  | 'contextBudgetTokens'
  | 'streaming'
  | 'historyLimit'
  | 'firstByteTimeoutSec'
  | 'idleTimeoutSec'
  | 'debug'
  | 'theme';

/** The form's raw values, as the options page reads them. */
export type SettingsInput = Record<SettingsField, string | boolean>;

export type SettingsErrors = Partial<Record<SettingsField, string>>;

export type ValidatedSettings = { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors };

export function toInput({ endpoint, ...settings }: Settings): SettingsInput {
  return {
    endpointType: endpoint.type,
    endpointUrl: endpoint.url,
    projectId: endpoint.projectId,
    apiKey: endpoint.apiKey,
    model: endpoint.model,
    systemPrompt: endpoint.systemPrompt,
    contextBudgetTokens: String(settings.contextBudgetTokens),
    streaming: settings.streaming,
    historyLimit: String(settings.historyLimit),
    firstByteTimeoutSec: String(settings.firstByteTimeoutSec),
    idleTimeoutSec: String(settings.idleTimeoutSec),
    debug: settings.debug,
    theme: settings.theme,
  };
}

export function validateSettings(input: SettingsInput): ValidatedSettings {
  const errors: SettingsErrors = {};
  const text = (field: SettingsField) => String(input[field]).trim();
  const type: EndpointType = ENDPOINT_TYPES.includes(input.endpointType as EndpointType) ? (input.endpointType as EndpointType) : 'sidechat';
  const endpointUrl = text('endpointUrl');
  const endpointError = checkEndpointUrl(endpointUrl);
  if (endpointError) errors.endpointUrl = endpointError;

  const projectId = text('projectId');
  if (type === 'sidechat' && !projectId) errors.projectId = t('errorProjectEmpty');
  const model = text('model');
  if (type === 'openai' && !model) errors.model = t('errorModelEmpty');
  const systemPrompt = String(input.systemPrompt).trim();
  if (systemPrompt.length > SYSTEM_PROMPT_MAX) errors.systemPrompt = t('errorSystemPromptLong', SYSTEM_PROMPT_MAX.toLocaleString('en-US'));

  const historyLimit = readWhole(input.historyLimit, 2, 10_000);
  if (historyLimit === undefined) errors.historyLimit = t('errorHistoryLimit');
  const contextBudgetTokens = readWhole(input.contextBudgetTokens, CONTEXT_BUDGET_RANGE.min, CONTEXT_BUDGET_RANGE.max);
  if (contextBudgetTokens === undefined) errors.contextBudgetTokens = t('errorContextBudget');
  const firstByteTimeoutSec = readWhole(input.firstByteTimeoutSec, TIMEOUT_RANGE_SEC.min, TIMEOUT_RANGE_SEC.max);
  if (firstByteTimeoutSec === undefined) errors.firstByteTimeoutSec = t('errorTimeoutRange');
  const idleTimeoutSec = readWhole(input.idleTimeoutSec, TIMEOUT_RANGE_SEC.min, TIMEOUT_RANGE_SEC.max);
  if (idleTimeoutSec === undefined) errors.idleTimeoutSec = t('errorTimeoutRange');

  if (Object.keys(errors).length > 0 || historyLimit === undefined || contextBudgetTokens === undefined || firstByteTimeoutSec === undefined || idleTimeoutSec === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    settings: {
      endpoint: { type, url: endpointUrl.replace(/\/+$/, ''), projectId, apiKey: text('apiKey'), model, systemPrompt },
      contextBudgetTokens,
      streaming: Boolean(input.streaming),
      historyLimit,
      firstByteTimeoutSec,
      idleTimeoutSec,
      debug: Boolean(input.debug),
      theme: THEMES.includes(input.theme as Theme) ? (input.theme as Theme) : 'system',
    },
  };
}

/** A whole number within [min, max], or undefined. */
function readWhole(value: string | boolean, min: number, max: number): number | undefined {
  const text = String(value).trim().replace(/[,_\s]/g, '');
  const number = Number(text);
  return /^\d+$/.test(text) && number >= min && number <= max ? number : undefined;
}

function checkEndpointUrl(text: string): string | undefined {
  if (!text) return t('errorEndpointEmpty');
  let url: URL;
  try {
    // "localhost:8787" parses as a URL with the scheme "localhost:", so insist on "//".
    if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) throw new TypeError('no scheme');
    url = new URL(text);
  } catch {
    return t('errorEndpointNotUrl', text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return t('errorEndpointScheme', url.protocol.replace(':', ''));
  }
  if (url.username || url.password) return t('errorEndpointCredentials');
  if (url.search || url.hash) return t('errorEndpointQuery');
  return undefined;
}

/**
 * A stored settings value from elsewhere (an imported file), checked as the form checks what a
 * person types: fields it lacks take their defaults; a value in the shape before endpoint types
 * (top-level endpointUrl, projectId, apiKey) is read as a Sidechat endpoint.
 */
export function parseStoredSettings(value: unknown): ValidatedSettings {
  const stored = asRecord(value);
  const { endpointUrl, projectId, apiKey, endpoint, ...rest } = stored;
  const legacy = asRecord({ url: endpointUrl, projectId, apiKey });
  const given = Object.fromEntries(Object.entries({ ...legacy, ...asRecord(endpoint) }).filter(([, v]) => v !== undefined));
  const merged = { ...DEFAULT_SETTINGS, ...rest, endpoint: { ...DEFAULT_ENDPOINT, ...given } } as Settings;
  const input = Object.fromEntries(Object.entries(toInput(merged)).map(([field, v]) => [field, typeof v === 'boolean' ? v : String(v)])) as SettingsInput;
  return validateSettings(input);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
