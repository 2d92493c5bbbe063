/**
 * Where the server keeps what outlives one request: the replies a client may resume and the
 * sessions' conversation memory. Two implementations: in this process's memory (the default,
 * `reply-store.ts`, `sessions.ts`) and in Redis, shared by many instances (`server/redis/`).
 * `tests/unit/server/storage-contract.ts` holds both to the same behaviour.
 */
import type { FunctionCall, StreamEvent } from '../utils/contract/sidechat-wire';
import type { Turn } from './responders/types';

type MaybePromise<T> = T | Promise<T>;

/** What one connection reads a reply from: the reply running here, or its copy in shared storage. */
export interface ReplySource {
  /** The reply finished or was aborted; with `finalId` unset it was aborted (cancelled, forgotten). */
  readonly ended: boolean;
  /** Id of the done or error event, once there is one. */
  readonly finalId: number | undefined;
  /** Whether a reader can go on after event `id` (0: from the start). */
  canResumeAfter(id: number): MaybePromise<boolean>;
  /** Frames after event `id`, up to about `maxBytes`; undefined when they were trimmed away. */
  framesAfter(id: number, maxBytes: number): MaybePromise<string[] | undefined>;
  /** A reader arrives; the returned function is its leaving. */
  attach(): () => void;
  /** A reader has sent everything up to event `id`. */
  markTaken(id: number): void;
  /**
   * Settles once there is a frame after `afterId` or the reply ended (at once if so already),
   * or on notify(). Taking the reader's position closes the gap between its read and its wait.
   */
  changed(afterId: number): Promise<void>;
  /** Wakes whoever waits on changed(). */
  notify(): void;
}

export type ReplyEvents = (signal: AbortSignal) => AsyncIterable<StreamEvent>;

export interface ReplyStorage {
  /** The reply named `requestId` while it runs and for a while after, wherever it runs. */
  find(requestId: string): Promise<ReplySource | undefined>;
  /**
   * Starts the reply named `requestId` with `events`, or, when a request (on any instance) got
   * there first, returns that reply without calling `events`: one generation per requestId.
   */
  open(requestId: string, events: ReplyEvents): Promise<ReplySource>;
  /** Aborts the reply wherever it runs and forgets it: resuming it is then a 410. */
  forget(requestId: string): Promise<void>;
  /** Settles when no reply runs on this instance any more. */
  whenIdle(): Promise<void>;
  /**
   * Aborts what still runs here and lets go of shared storage. A reply cut short this way ends,
   * for a reader on another instance, with the "server restarted" error.
   */
  close(): Promise<void>;
}

/** Conversation memory per sessionId, the server's own history of turns. */
export interface SessionStorage {
  /**
   * The session for `id`, or a new one with a server-issued id when `id` is missing or unknown
   * (expired, from another server run, or made up).
   */
  resolve(id: string | undefined): Promise<Session>;
  /** Adds a finished turn to the session (in place); `save` stores it. */
  addTurn(session: Session, turn: Turn): void;
  save(session: Session): Promise<void>;
}

/** The error a storage call fails with when its backend is down: the request gets a 503. */
export class StorageUnavailableError extends Error {}

/** A turn whose reply asked for functions and waits for their results. */
export interface PendingTurn {
  message: string;
  /** The reply's text so far; the continuation adds to it. */
  reply: string;
  calls: FunctionCall[];
}

export interface Session {
  id: string;
  /** The most recent turns only; see `maxTurns`. */
  turns: Turn[];
  turnCount: number;
  pending?: PendingTurn;
}
