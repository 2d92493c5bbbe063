/**
 * Picks up the replies a terminated worker was running, where their saved text ends: a reply whose
 * saved text is shorter than its checkpoint says (the save was lost) is not resumed.
 */
import type { HistoryStore } from '../history/types';
import { debugLog } from '../log';
import type { MessageSnapshot } from '../contract/port-messages';
import { loadCheckpoints, removeCheckpoint } from './checkpoints';
import type { ReplyLaunch } from './conversation-replies';

export async function resumeCheckpointedReplies(storeOf: (windowId: number) => Promise<HistoryStore>, launch: ReplyLaunch): Promise<void> {
  for (const checkpoint of await loadCheckpoints().catch(() => [])) {
    const { windowId, conversationId, record, textLength, position } = checkpoint;
    const store = await storeOf(windowId);
    const saved = await store.getMessage(record.id);
    if (!saved || saved.text.length < textLength) {
      await removeCheckpoint(record.id);
      continue;
    }
    debugLog('hub', `resuming reply ${record.id} after event ${position.lastEventId ?? '(none)'}`);
    const resumed: MessageSnapshot = { ...record, text: saved.text.slice(0, textLength) };
    launch(windowId, store, conversationId, resumed, { text: record.prompt ?? '', resume: position });
  }
}
