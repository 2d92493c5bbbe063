/**
 * Debug logging, off unless "Debug logging" is on. Every line passes through `redact`, so an
 * API key or a bearer token never reaches the console, whatever is being logged: the keys the
 * settings hold, and anything shaped like a key or sent as one.
 */
let enabled = false;
let secrets: string[] = [];

export function configureLogging(options: { debug: boolean; keys: readonly string[] }): void {
  enabled = options.debug;
  secrets = options.keys.filter((key) => key.length > 0);
}

/** Key shapes of the common providers (OpenAI and OpenRouter `sk-…`, Groq `gsk_…`), and JSON fields named like keys. */
const KEY_SHAPES = [/(Bearer\s+)[^\s"',}]+/gi, /\b(sk-|gsk_)[A-Za-z0-9_-]{8,}/g, /("(?:apiKey|api_key|authorization)"\s*:\s*")[^"]*/gi];

export function redact(text: string): string {
  let out = text;
  for (const shape of KEY_SHAPES) out = out.replace(shape, (_match, prefix: string) => `${prefix.startsWith('sk-') || prefix.startsWith('gsk_') ? '' : prefix}[redacted]`);
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

export function debugLog(scope: string, message: string, detail?: unknown): void {
  if (!enabled) return;
  const suffix = detail === undefined ? '' : ` ${safeStringify(detail)}`;
  console.debug(redact(`[sidechat:${scope}] ${message}${suffix}`));
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
