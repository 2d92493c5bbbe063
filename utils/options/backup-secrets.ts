/**
 * API keys and the like in a stored value, whatever its shape: left out of an export unless the
 * user asks, and — when an import without them replaces settings — kept from what is there.
 */
// Whole names only: a field such as contextBudgetTokens is a setting, not a secret.
const SECRET_FIELD = /^(api[-_]?key|secret|token|password)$/i;

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy without any field whose name says it holds a secret, at any depth. */
export function withoutSecrets(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, inner]) => (SECRET_FIELD.test(key) ? [] : [[key, withoutSecrets(inner)]])));
}

/**
 * `incoming` with each secret it lacks taken from `current` at the same place (array items are
 * paired by their `id` when they have one, else by position).
 */
export function keepingSecrets(incoming: Json, current: Json): Json {
  if (Array.isArray(incoming)) {
    const before = Array.isArray(current) ? current : [];
    return incoming.map((item, i) => {
      const id = isObject(item) ? item.id : undefined;
      const pair = id !== undefined ? before.find((old) => isObject(old) && old.id === id) : before[i];
      return keepingSecrets(item, pair);
    });
  }
  if (!isObject(incoming)) return incoming;
  const old = isObject(current) ? current : {};
  const kept = Object.fromEntries(Object.entries(old).filter(([key]) => SECRET_FIELD.test(key) && !(key in incoming)));
  return { ...kept, ...Object.fromEntries(Object.entries(incoming).map(([key, inner]) => [key, keepingSecrets(inner, old[key])])) };
}
