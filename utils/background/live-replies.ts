/**
 * The replies running in the background, independent of any panel: a panel that closes leaves
 * its reply running (Stop still aborts it), and a panel that opens is shown the reply as far as
 * it got. While a reply runs, its text is saved about once a second and its stream position
 * checkpointed, so a terminated worker's successor can resume it (`resume`).
 */
import { holdAwake } from './keep-awake';
import { debugLog } from '../log';
import type { MessageSnapshot, MessageView } from '../contract/port-messages';
import { removeCheckpoint, saveCheckpoint, type ReplyCheckpoint } from './checkpoints';
import { applyReplyEvent, isFinal, savedPart, type ReplyEvent } from '../contract/reply-reducer';
import { startReply, type ReplyDeps, type RunningReply, type ServerSessionSlot, type StreamPosition } from './reply-runner';
import { createThrottledTask } from './throttled-task';

/** How often a streaming reply's text and position are saved. */
export const SAVE_INTERVAL_MS = 1000;

export interface LaunchOptions {
  windowId: number;
  conversationId: string;
  /** The reply's record: pending for a new question, as saved for a resumed one. */
  record: MessageSnapshot;
  /** The user's question, asked again by Retry. */
  text: string;
  shareContext?: boolean;
  session: ServerSessionSlot;
  resume?: StreamPosition;
  /** The conversation before this reply, for servers that keep no session. */
  earlier?: () => Promise<MessageSnapshot[]>;
  /** Saves the record to the conversation's history. */
  save(record: MessageSnapshot): Promise<void>;
  /** Every message about the reply, after the record took it in. */
  emit(message: ReplyEvent): void;
}

interface LiveReply {
  windowId: number;
  conversationId: string;
  /** What a panel that opens now is shown: the saved fields, and whether the reply is reconnecting. */
  record(): MessageView;
  running: RunningReply;
}

export function createLiveReplies(deps: ReplyDeps) {
  const live = new Map<string, LiveReply>();
  /**
   * Each reply run here, to its last save (ended or not): a page read while one ended is read
   * again after it. A settled promise per reply is all it keeps.
   */
  const lastSaves = new Map<string, Promise<void>>();

  function launch(options: LaunchOptions): void {
    const { windowId, conversationId } = options;
    const replyId = options.record.id;
    let record: MessageView = options.record;
    const release = holdAwake();
    let position: StreamPosition | undefined;
    let ended = false;
    const persist = createThrottledTask(async () => {
      // Taken at one instant: the checkpoint's length and event id describe exactly this text.
      const copy = savedPart(record);
      const at = position;
      await options.save(copy).catch((error) => debugLog('history', 'saving a reply failed', error));
      if (ended || !at) return;
      // Regular mode has no position to resume from: a checkpoint of the stream before it would mislead.
      if (at.mode !== 'stream') return void (await removeCheckpoint(replyId).catch(() => {}));
      const { text, ...rest } = copy;
      const checkpoint: ReplyCheckpoint = { windowId, conversationId, record: rest, textLength: text.length, position: at };
      await saveCheckpoint(checkpoint).catch((error) => debugLog('reply', 'checkpoint failed', error));
    }, SAVE_INTERVAL_MS);

    const running = startReply(
      { windowId, replyId, text: options.text, shareContext: options.shareContext, session: options.session, resume: options.resume, earlier: options.earlier },
      deps,
      {
        emit(message) {
          record = applyReplyEvent(record, message).reply;
          if (isFinal(message)) {
            ended = true;
            live.delete(replyId);
          }
          options.emit(message);
          persist.request();
        },
        onPosition(next) {
          // The first one at once: a worker stopped before the first save can still resume.
          const first = position === undefined;
          position = next;
          persist.request();
          if (first) void persist.flush();
        },
      },
    );
    live.set(replyId, { windowId, conversationId, record: () => record, running });
    const saved = running.finished.then(async () => {
      await persist.flush();
      await removeCheckpoint(replyId).catch(() => {});
      release();
    });
    lastSaves.set(replyId, saved);
  }

  return {
    launch,
    /** The running reply's record, if `replyId` is running. */
    record: (replyId: string) => live.get(replyId)?.record(),
    /** Settles once the last state of a reply run here is saved; undefined for one never run here. */
    lastSave: (replyId: string): Promise<void> | undefined => lastSaves.get(replyId),
    isRunningIn: (conversationId: string) => [...live.values()].some((reply) => reply.conversationId === conversationId),
    /** Stops the replies of conversations about to be deleted; resolves once they have ended. */
    async stopWhere(matches: (reply: { windowId: number; conversationId: string }) => boolean): Promise<void> {
      const stopping = [...live.values()].filter(matches);
      stopping.forEach((reply) => reply.running.abort());
      await Promise.all(stopping.map((reply) => reply.running.finished));
    },
    stop(replyId: string): void {
      live.get(replyId)?.running.abort();
    },
    /** Resolves when every reply started so far has ended and been saved. */
    async settled(): Promise<void> {
      await Promise.all(lastSaves.values());
    },
  };
}

export type LiveReplies = ReturnType<typeof createLiveReplies>;
