/**
 * Asking again, the engine's way: the first request of a mode retried while nothing came back yet
 * (and only when repeating it cannot start a second generation), `Retry-After` honoured, every
 * wait announced. The refusal of a request becomes a TurnError in the protocol's words.
 */
import type { ChatMode } from '../contract/sidechat-wire';
import { httpError, TurnError } from './http-errors';
import { openConnection, type Connection } from './post';
import { backoffDelay, parseRetryAfter } from './retry-policy';
import { t } from '../i18n';
import type { Turn } from './turn-types';
import type { WireFormat } from './wire-protocol';

/** A proxy or an overloaded server answered before the request reached the model: safe to repeat. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** One POST of the turn's request in `mode`. */
export function postOnce<Req>(turn: Turn<Req>, mode: ChatMode, lastEventId?: string): Promise<Connection> {
  const spec = turn.protocol.post(turn.request, mode, lastEventId);
  return openConnection(spec, turn.options.signal, turn.timeouts.firstByteMs, turn.options.fetch);
}

/** The first request of a mode: retried while nothing came back yet. Other statuses go to the caller. */
export async function postWithRetries<Req>(turn: Turn<Req>, mode: ChatMode, lastEventId?: string): Promise<Connection> {
  const { policy, protocol } = turn;
  for (let attempt = 1; ; attempt++) {
    const last = attempt > policy.firstByteAttempts;
    let hintMs: number | undefined;
    try {
      const connection = await postOnce(turn, mode, lastEventId);
      const { response } = connection;
      if (!response.ok && !RETRY_STATUSES.has(response.status) && (await simplifiedAfter(turn, connection))) {
        attempt -= 1;
        continue;
      }
      if (!RETRY_STATUSES.has(response.status) || last) return connection;
      const text = await response.text().catch(() => '');
      connection.release();
      hintMs = retryAfterHint(turn, response, text);
    } catch (error) {
      // A request the server can't recognise as a repeat is not sent again while it may be running there.
      const repeatable = isRetryableFailure(error) && (protocol.repeatable(mode) || (error as TurnError).code !== 'first_byte_timeout');
      if (last || !repeatable) throw error;
    }
    await wait(turn, attempt, policy.firstByteAttempts, hintMs ?? backoffDelay(attempt, policy));
  }
}

/**
 * A refusal the protocol can work around by leaving an optional part out (once per turn): the
 * turn's request becomes that, and true. Otherwise the response is left unread for the caller.
 */
async function simplifiedAfter<Req>(turn: Turn<Req>, connection: Connection): Promise<boolean> {
  const { protocol } = turn;
  if (turn.simplified || !protocol.withoutRefusedPart) return false;
  const text = await connection.response.clone().text().catch(() => '');
  const simpler = protocol.withoutRefusedPart(turn.request, connection.response.status, protocol.errorBody(text)?.message ?? text);
  if (!simpler) return false;
  connection.release();
  turn.request = simpler;
  turn.simplified = true;
  return true;
}

export function isRetryableFailure(error: unknown): boolean {
  return error instanceof TurnError && (error.code === 'unreachable' || error.code === 'first_byte_timeout');
}

/** The server's refusal in words, with the advice this endpoint's protocol gives for its status. */
export function refusal(protocol: WireFormat, response: Response, bodyText: string, advice?: string): TurnError {
  return httpError({ status: response.status, statusText: response.statusText, body: protocol.errorBody(bodyText), adviceFor: protocol.advice }, advice);
}

/** `Retry-After` on 429/503, within reason; a longer one fails now, saying when to come back. */
export function retryAfterHint<Req>(turn: Turn<Req>, response: Response, bodyText: string): number | undefined {
  if (!RETRY_AFTER_STATUSES.has(response.status)) return undefined;
  const { policy } = turn;
  const now = policy.now();
  const ms = parseRetryAfter(response.headers.get('retry-after'), now);
  if (ms === undefined || ms <= policy.maxRetryAfterMs) return ms;
  const when = new Date(Math.ceil((now + ms) / 60_000) * 60_000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const error = refusal(turn.protocol, response, bodyText, t('adviceRetryAt', when));
  throw new TurnError(error.message, 'retry_later', response.status);
}

export async function wait<Req>(turn: Turn<Req>, attempt: number, attempts: number, delayMs: number): Promise<void> {
  turn.options.onEvent({ type: 'reconnecting', attempt, attempts, delayMs });
  await turn.policy.sleep(delayMs, turn.options.signal);
}
