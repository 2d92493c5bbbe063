/**
 * The panel's side of an endpoint that still needs the user's permission (settings that came
 * from an import): it says so, and asks from the user's click on Allow.
 */
import { signal } from '@preact/signals';
import type { Settings } from '../settings';

type EndpointSettings = Pick<Settings, 'endpoint'>;

export interface EndpointAccessDeps {
  missing(settings: EndpointSettings): Promise<string | undefined>;
  /** Called straight from the click, nothing awaited before it. */
  request(settings: EndpointSettings): Promise<boolean>;
}

export type EndpointAccess = ReturnType<typeof createEndpointAccess>;

export function createEndpointAccess(deps: EndpointAccessDeps) {
  /** The host to ask for, while permission is missing. */
  const missingHost = signal<string | undefined>(undefined);
  let current: EndpointSettings | undefined;

  async function check(settings: EndpointSettings): Promise<void> {
    current = settings;
    const host = await deps.missing(settings).catch(() => undefined);
    if (current === settings) missingHost.value = host;
  }

  function allow(): void {
    const settings = current;
    if (!settings) return;
    void deps.request(settings).then(
      () => check(settings),
      () => check(settings),
    );
  }

  return { missingHost, check, allow };
}
