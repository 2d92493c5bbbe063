/**
 * Host permissions for the configured endpoint. Loopback is declared in the manifest; any other
 * origin is an optional host permission, asked for when the user saves it.
 */

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
