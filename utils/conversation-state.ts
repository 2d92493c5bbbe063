/**
 * What the background remembers between turns, in storage.session so a restarted service
 * worker still knows it: each window's server sessionId, and whether streaming fell back.
 */
import { storage } from 'wxt/utils/storage';

interface WindowSession {
  endpointKey: string;
  sessionId: string;
}

const sessionKey = (windowId: number) => `session:conversation:${windowId}` as const;
const fallbackItem = storage.defineItem<string | null>('session:streamingFallback', { fallback: null });

/** The server session of this window's conversation, if it belongs to the current endpoint and project. */
export async function getSessionId(windowId: number, endpointKey: string): Promise<string | undefined> {
  const saved = await storage.getItem<WindowSession>(sessionKey(windowId));
  return saved?.endpointKey === endpointKey ? saved.sessionId : undefined;
}

export async function setSessionId(windowId: number, endpointKey: string, sessionId: string): Promise<void> {
  await storage.setItem<WindowSession>(sessionKey(windowId), { endpointKey, sessionId });
}

export async function clearSessionId(windowId: number): Promise<void> {
  await storage.removeItem(sessionKey(windowId));
}

export async function hasFallenBack(endpointKey: string): Promise<boolean> {
  return (await fallbackItem.getValue()) === endpointKey;
}

export async function rememberFallback(endpointKey: string): Promise<void> {
  await fallbackItem.setValue(endpointKey);
}

/** Called when the settings change: the new endpoint gets a fresh chance to stream. */
export async function forgetFallback(): Promise<void> {
  await fallbackItem.removeValue();
}
