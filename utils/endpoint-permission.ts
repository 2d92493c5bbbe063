/**
 * Whether the configured endpoint's origin is one Sidechat may reach. Saving settings in Options
 * asks at once (the Save click); settings that arrive otherwise — an import — are kept, and the
 * panel asks the first time it is used, from the user's click there (a permission request needs one).
 */
import { browser } from 'wxt/browser';
import { hostPermissionPattern } from './host-permission';
import type { Settings } from './settings';

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
