/**
 * The models an OpenAI-compatible server offers, for the Model field's suggestions and the
 * connection test: `GET {base}/models`, and where that is absent, Ollama's own `GET {origin}/api/tags`
 * (it lives at the origin's root, not under /v1).
 */
import * as v from 'valibot';
import { withKey } from './post';
import type { EndpointConfig } from '../settings';

const OpenAiModelsSchema = v.object({ data: v.array(v.object({ id: v.string() })) });
const OllamaTagsSchema = v.object({ models: v.array(v.object({ name: v.string() })) });

/** The model names, sorted; undefined when the server lists none in either form. */
export async function listModels(endpoint: Pick<EndpointConfig, 'url' | 'apiKey'>, fetchImpl: typeof fetch = fetch, signal = AbortSignal.timeout(5000)): Promise<string[] | undefined> {
  const base = endpoint.url.replace(/\/+$/, '');
  const openAi = await getJson(`${base}/models`, endpoint.apiKey, fetchImpl, signal);
  const models = v.safeParse(OpenAiModelsSchema, openAi);
  if (models.success) return models.output.data.map((model) => model.id).sort();
  const tags = v.safeParse(OllamaTagsSchema, await getJson(`${new URL(base).origin}/api/tags`, endpoint.apiKey, fetchImpl, signal));
  return tags.success ? tags.output.models.map((model) => model.name).sort() : undefined;
}

/** Like the chat's requests: no redirects (the key stays with the configured server), no cookies. */
async function getJson(url: string, apiKey: string, fetchImpl: typeof fetch, signal: AbortSignal): Promise<unknown> {
  try {
    const response = await fetchImpl(url, { headers: withKey(apiKey, { Accept: 'application/json' }), redirect: 'manual', credentials: 'omit', signal });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}
