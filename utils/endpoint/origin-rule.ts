/**
 * Lets the extension talk to a stock Ollama (and other servers that refuse unknown origins):
 * Ollama answers 403 to a request whose Origin is an extension's unless OLLAMA_ORIGINS is set.
 * A declarativeNetRequest session rule removes the Origin header from the requests the extension
 * itself makes to the configured OpenAI-compatible endpoint's origin — those from no tab (the
 * background) and those its own pages start (Options: the model list, Test connection). A web
 * page's requests to that server match neither condition and keep their Origin, so the server's
 * guard against other sites stays whole.
 */
import { browser } from 'wxt/browser';
import type { EndpointConfig } from '../settings';
import { debugLog } from '../log';

const RULE_IDS = [1, 2];
const TAB_ID_NONE = -1;

/** `|scheme://host:port/`: urlFilter matches the port (requestDomains would ignore it). */
export function originFilter(endpointUrl: string): string {
  return `|${new URL(endpointUrl).origin}/`;
}

export function originRules(endpoint: Pick<EndpointConfig, 'type' | 'url'>, extensionHost: string) {
  if (endpoint.type !== 'openai') return [];
  const action = { type: 'modifyHeaders' as const, requestHeaders: [{ header: 'origin', operation: 'remove' as const }] };
  const urlFilter = originFilter(endpoint.url);
  return [
    { id: RULE_IDS[0], priority: 1, action, condition: { urlFilter, tabIds: [TAB_ID_NONE] } },
    { id: RULE_IDS[1], priority: 1, action, condition: { urlFilter, initiatorDomains: [extensionHost] } },
  ];
}

/** Replaces the rules with those for `endpoint` (none for the Sidechat protocol, whose servers answer extension origins). */
export async function syncOriginRule(endpoint: Pick<EndpointConfig, 'type' | 'url'>): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  if (!dnr?.updateSessionRules) return debugLog('origin', 'declarativeNetRequest is not available: requests keep their Origin');
  try {
    await dnr.updateSessionRules({ removeRuleIds: RULE_IDS, addRules: originRules(endpoint, new URL(browser.runtime.getURL('/')).host) });
  } catch (error) {
    debugLog('origin', 'could not set the Origin rule', error);
  }
}
