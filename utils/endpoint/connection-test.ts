/**
 * "Test connection" on the Options page: one short streaming request that is stopped after the
 * first events, reporting what a person needs to know to fix a setup.
 */
import { isEventStream, postRequest } from './post';
import { TurnError } from './http-errors';
import { protocolFor } from './protocols';
import { listModels } from './model-list';
import type { EndpointConfig } from '../settings';
import { readSseMessages } from './sse-events';
import { t } from '../i18n';

export const TEST_MESSAGE = 'Sidechat connection test';

export interface ConnectionReport {
  ok: boolean;
  /** One line per finding, in the order a person would check them. */
  findings: string[];
}

/** Events that arrive within this window of the first one came in the same network read. */
const SAME_READ_MS = 3;
const EVENTS_TO_SAMPLE = 4;

type TestOptions = { fetch?: typeof fetch; timeoutMs?: number; now?: () => number };

/** The stream's findings; for an OpenAI-compatible server, what its model list says after them. */
export async function testConnection(endpoint: EndpointConfig, options: TestOptions = {}): Promise<ConnectionReport> {
  const models = endpoint.type === 'openai' ? modelFindings(endpoint, options.fetch) : Promise.resolve([]);
  const report = await testStream(endpoint, options);
  return { ok: report.ok, findings: [...report.findings, ...(await models)] };
}

async function testStream(endpoint: EndpointConfig, options: TestOptions): Promise<ConnectionReport> {
  const now = options.now ?? (() => performance.now());
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = now();
  try {
    const protocol = protocolFor(endpoint);
    const request = protocol.firstRequest({ message: TEST_MESSAGE, history: [] });
    const response = await postRequest(protocol.post(request, 'stream'), controller.signal, options.fetch);
    const findings = [t('connectionReachable', `${response.status} ${response.statusText}`.trim()), t('connectionContentType', response.headers.get('content-type') || t('connectionNone'))];
    findings.push(keyFinding(response.status, Boolean(endpoint.apiKey)));
    if (!isEventStream(response)) {
      findings.push(response.ok ? t('connectionNoStream') : t('connectionStreamRefused'));
      return { ok: response.ok, findings };
    }
    const arrivals: number[] = [];
    let finished = false;
    const decoder = protocol.streamDecoder();
    for await (const { data, event: name } of readSseMessages(response.body!)) {
      arrivals.push(now());
      const events = decoder.message(data, name);
      const ended = events.find((event) => event.type === 'done' || event.type === 'error');
      if (ended || arrivals.length >= EVENTS_TO_SAMPLE) {
        finished = ended?.type === 'done';
        break;
      }
    }
    if (arrivals.length === 0) return { ok: false, findings: [...findings, t('connectionEmpty')] };
    findings.push(t('connectionFirstEvent', Math.round(arrivals[0] - started)));
    const buffered = arrivals.length > 1 && arrivals.at(-1)! - arrivals[0] < SAME_READ_MS && (finished || arrivals.length >= EVENTS_TO_SAMPLE);
    findings.push(buffered ? t('connectionBuffered') : t('connectionIncremental'));
    return { ok: true, findings };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, findings: [t('connectionTimeout', timeoutMs / 1000)] };
    return { ok: false, findings: [error instanceof TurnError ? error.message : String(error)] };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** What the server's model list says, and whether the configured model is in it. */
async function modelFindings(endpoint: EndpointConfig, fetchImpl?: typeof fetch): Promise<string[]> {
  const models = await listModels(endpoint, fetchImpl);
  if (!models?.length) return [t('connectionNoModels')];
  const found = [t('connectionModels', models.join(', '))];
  return models.includes(endpoint.model) ? found : [...found, t('connectionModelMissing', endpoint.model)];
}

function keyFinding(status: number, hasKey: boolean): string {
  if (status === 401 || status === 403) return hasKey ? t('connectionKeyRefused') : t('connectionKeyWanted');
  return hasKey ? t('connectionKeyAccepted') : t('connectionKeyNone');
}
