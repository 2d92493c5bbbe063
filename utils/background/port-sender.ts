/**
 * Only the extension's own pages may open a chat port. Content scripts of this extension and
 * pages of other extensions (via `runtime.connect(ourId)`, when externally_connectable allows
 * it) must not be able to drive requests that carry the user's API key.
 */
export interface PortSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

export function isOwnExtensionPage(sender: PortSender | undefined, extensionId: string, extensionOrigin: string): boolean {
  if (!sender || sender.id !== extensionId || !sender.url) return false;
  // An extension page shown in a tab has `tab` too; the origin check is what matters.
  return new URL(sender.url).origin === new URL(extensionOrigin).origin;
}
