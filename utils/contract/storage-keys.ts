/** Storage keys one side writes and another watches, named once so the two cannot drift. */

/** The tab the user clicked Sidechat on in a window (written by the background, watched by the panel). */
export const panelTabKey = (windowId: number) => `session:panelTab:${windowId}` as const;
