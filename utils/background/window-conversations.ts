/**
 * Which conversation each window's panel shows, in storage.session: a restarted worker still
 * knows it, and a new browser session starts from the most recent conversation instead.
 */
import { storage } from 'wxt/utils/storage';

const key = (windowId: number) => `session:window-conversation:${windowId}` as const;

export async function currentConversation(windowId: number): Promise<string | undefined> {
  return (await storage.getItem<string>(key(windowId))) ?? undefined;
}

export async function setCurrentConversation(windowId: number, conversationId: string | undefined): Promise<void> {
  if (conversationId) await storage.setItem(key(windowId), conversationId);
  else await storage.removeItem(key(windowId));
}
