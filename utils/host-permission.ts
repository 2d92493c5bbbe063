/**
 * Host permissions for the configured endpoint. Loopback is declared in the manifest; any other
 * origin is an optional host permission. Saving settings in Options asks at once (the Save click);
 * settings that arrive otherwise — an import — are kept, and the panel asks the first time it is
 * used, from the user's click there (a permission request needs one).
 */
import { browser } from 'wxt/browser';
import type { Settings } from './settings';

/** Origins covered by the manifest's host_permissions (any port). */
const DECLARED_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * The match pattern that covers an endpoint, or undefined when the manifest already covers it.
 * Match patterns carry no port (Firefox refuses one), so the pattern covers every port of the host.
 */
export function hostPermissionPattern(endpointUrl: string): string | undefined {
  const url = new URL(endpointUrl);
  if (url.protocol === 'http:' && DECLARED_HOSTS.has(url.hostname)) return undefined;
  return `${url.protocol}//${url.hostname}/*`;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Plain http to another machine: the API key and the conversation travel readable by anyone on the way. */
export function isPlainHttpRemote(endpointUrl: string): boolean {
  try {
    const url = new URL(endpointUrl);
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

/** The endpoint's host when it still needs the user's permission; undefined when it has it (or needs none). */
export async function missingEndpointHost(settings: Pick<Settings, 'endpoint'>): Promise<string | undefined> {
  const pattern = safePattern(settings.endpoint.url);
  if (!pattern) return undefined;
  return (await browser.permissions.contains({ origins: [pattern] })) ? undefined : new URL(settings.endpoint.url).host;
}

/** Call straight from a click: Firefox shows the prompt only while the click's user gesture is current. */
export function requestEndpointPermission(settings: Pick<Settings, 'endpoint'>): Promise<boolean> {
  const pattern = safePattern(settings.endpoint.url);
  return pattern ? browser.permissions.request({ origins: [pattern] }) : Promise.resolve(true);
}

function safePattern(endpointUrl: string): string | undefined {
  try {
    return hostPermissionPattern(endpointUrl);
  } catch {
    return undefined;
  }
}
