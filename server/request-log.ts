import type { IncomingHttpHeaders } from 'node:http';
import type { ChatMode } from '../utils/contract/sidechat-wire';

export interface RequestRecord {
  /** Increasing from 1 over the server's life, so tests can tell requests apart. */
  id: number;
  route: ChatMode;
  projectId: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it was not JSON; undefined until read (or when too large). */
  body: unknown;
  /** Set once the reply's headers are sent. */
  status?: number;
  /** True once the reply is over, whether it finished or the connection closed. */
  ended: boolean;
  /** True when the client ended the reply early: closed the connection before all of it was on its way, or cancelled it. */
  closedByClient: boolean;
}

type Listener = (record: RequestRecord) => void;

/** What the server saw, for tests to assert on and to wait for. Keeps the newest records only. */
export class RequestLog {
  readonly #max: number;
  #records: RequestRecord[] = [];
  #nextId = 1;
  readonly #listeners = new Set<Listener>();

  constructor(max = 200) {
    this.#max = max;
  }

  get all(): readonly RequestRecord[] {
    return this.#records;
  }

  add(fields: Omit<RequestRecord, 'id'>): RequestRecord {
    const record = { id: this.#nextId++, ...fields };
    this.#records.push(record);
    if (this.#records.length > this.#max) this.#records.shift();
    this.#notify(record);
    return record;
  }

  update(record: RequestRecord, changes: Partial<Omit<RequestRecord, 'id'>>): void {
    Object.assign(record, changes);
    this.#notify(record);
  }

  clear(): void {
    this.#records = [];
  }

  /**
   * The first record, existing or yet to come, that matches; records are live objects and are
   * re-tested whenever they change (a status arrives, the client closes).
   */
  waitFor(predicate: (record: RequestRecord) => boolean, timeoutMs = 5000): Promise<RequestRecord> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
        outcome();
      };
      const listener: Listener = (record) => {
        try {
          if (predicate(record)) settle(() => resolve(record));
        } catch (error) {
          settle(() => reject(error));
        }
      };
      const timer = setTimeout(() => {
        const seen = this.#records.map((r) => `#${r.id} ${r.route} ${r.status ?? '-'}`).join(', ');
        settle(() => reject(new Error(`No request matched within ${timeoutMs} ms (seen: ${seen || 'none'})`)));
      }, timeoutMs);
      this.#listeners.add(listener);
      for (const record of this.#records) {
        if (!this.#listeners.has(listener)) break;
        listener(record);
      }
    });
  }

  #notify(record: RequestRecord): void {
    for (const listener of [...this.#listeners]) listener(record);
  }
}
