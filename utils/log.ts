/**
 * Debug logging, off unless "Debug logging" is on. Every line passes through `redact`, so an
 * API key or a bearer token never reaches the console, whatever is being logged.
 */
let enabled = false;
let secrets: string[] = [];

export function configureLogging(options: { debug: boolean; apiKey: string }): void {
  enabled = options.debug;
  secrets = options.apiKey ? [options.apiKey] : [];
}

export function redact(text: string): string {
  let out = text.replace(/(Bearer\s+)[^\s"',}]+/gi, '$1[redacted]');
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
