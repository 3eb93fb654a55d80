/**
 * IndexedDB storage through `idb`: one database per user, a typed schema with a versioned upgrade,
 * the state record (previous-state history, deferred write) and the decision ring.
 *
 * Invariants: operations run one after another in call order (a load never overtakes a save); the
 * ring is trimmed in the same transaction that grows it, so it never exceeds its limit; when the
 * database cannot be opened (no IndexedDB, private mode, blocked by another version, a newer schema)
 * the instance carries on in memory and `load()` says so with `storage-unavailable`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ErrorCode, type Problem } from '../core/errors.js';
import { systemClock, type ClockPort, type StoragePort, type StoredState } from '../core/ports.js';
import type { Decision } from '../core/state.js';
import { MemoryStorage, RING_LIMIT, sessionKey } from './memory-storage.js';
import { toDecision } from './records.js';
import { readStateRecord, stateRecord, unreadableDecisions, type StateRecord } from './stored-state.js';

/** The schema version; `upgrade()` migrates from every older one. */
export const DB_VERSION = 1;

interface Schema extends DBSchema {
  state: { key: string; value: StateRecord };
  decisions: { key: string; value: { key: string; order: number; decision: Decision }; indexes: { order: number } };
}

/** The database name for a user (one database per user, so users never see each other's records). */
export function databaseName(userId: string): string {
  return `presence-sync:${userId}`;
}

/** How long opening may take before memory is used instead (a blocked open never settles). */
const OPEN_TIMEOUT_MS = 3000;

export interface IdbStorageOptions {
  /** Pass `undefined` to act as if the browser had no IndexedDB (idb itself always uses the global one). */
  indexedDB?: IDBFactory | undefined;
  clock?: ClockPort;
  limit?: number;
}

export class IdbStorage implements StoragePort {
  private readonly session = sessionKey();
  private readonly limit: number;
  private readonly db: Promise<IDBPDatabase<Schema> | null>;
  private fallback: MemoryStorage | null = null;
  private problem: Problem | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private order = 0;

  constructor(
    private readonly userId: string,
    options: IdbStorageOptions = {},
  ) {
    this.limit = options.limit ?? RING_LIMIT;
    this.db = this.open('indexedDB' in options ? options.indexedDB : globalThis.indexedDB, options.clock ?? systemClock);
  }

  private async open(factory: IDBFactory | undefined, clock: ClockPort): Promise<IDBPDatabase<Schema> | null> {
    const fail = (why: string): null => {
      this.fallback = new MemoryStorage(this.userId, undefined, this.limit);
      this.problem = {
        code: ErrorCode.storageUnavailable,
        message: `IndexedDB is unavailable (${why}); this tab keeps its state in memory, so a reload forgets the previous state and any deferred write.`,
        recoverable: true,
      };
      return null;
    };
    if (factory === undefined || factory === null) return fail('this browser context has none');
    let timer: unknown;
    try {
      const opening = openDB<Schema>(databaseName(this.userId), DB_VERSION, {
        upgrade(database, oldVersion) {
          // Versioned upgrade: each step migrates from the version before it.
          if (oldVersion < 1) {
            database.createObjectStore('state');
            database.createObjectStore('decisions', { keyPath: 'key' }).createIndex('order', 'order');
          }
        },
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = clock.setTimeout(() => reject(new Error(`opening took longer than ${OPEN_TIMEOUT_MS} ms (blocked by another tab?)`)), OPEN_TIMEOUT_MS);
      });
      const db = await Promise.race([opening, timeout]);
      const last = await db.transaction('decisions').store.index('order').openCursor(null, 'prev');
      this.order = typeof last?.value.order === 'number' ? last.value.order : 0;
      return db;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return fail(reason.slice(0, 200));
    } finally {
      clock.clearTimeout(timer);
    }
  }

  /** Runs operations one at a time, in call order. */
  private serial<T>(operation: (db: IDBPDatabase<Schema> | null) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.db).then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every operation asked for so far has finished. */
  flush(): Promise<void> {
    return this.serial(async () => undefined);
  }

  /** `indexeddb` when IndexedDB is in use, `memory` after falling back. */
  async kind(): Promise<'indexeddb' | 'memory'> {
    return (await this.db) === null ? 'memory' : 'indexeddb';
  }

  load(): Promise<StoredState> {
    return this.serial(async (db) => {
      if (db === null) {
        const state = await (this.fallback as MemoryStorage).load();
        return { ...state, problems: [this.problem as Problem, ...(state.problems ?? [])] };
      }
      const tx = db.transaction(['state', 'decisions']);
      const [record, decisions] = await Promise.all([tx.objectStore('state').get('state'), tx.objectStore('decisions').getAll()]);
      const state = readStateRecord(record, this.userId);
      const unreadable = decisions.filter((entry) => toDecision(entry?.decision) === null).length;
      return { ...state, problems: [...(state.problems ?? []), ...unreadableDecisions(unreadable)] };
    });
  }

  save(state: StoredState): Promise<void> {
    return this.serial(async (db) => {
      if (db === null) return (this.fallback as MemoryStorage).save(state);
      await db.put('state', stateRecord(this.userId, state), 'state');
    });
  }

  putDecision(decision: Decision): Promise<void> {
    return this.serial(async (db) => {
      if (db === null) return (this.fallback as MemoryStorage).putDecision(decision);
      const key = `${this.session}:${decision.id}`;
      const tx = db.transaction('decisions', 'readwrite');
      const existing = await tx.store.get(key);
      await tx.store.put({ key, order: existing?.order ?? ++this.order, decision });
      if (existing === undefined) {
        // Trim in the same transaction: the ring is never seen above its limit.
        let excess = (await tx.store.count()) - this.limit;
        let cursor = excess > 0 ? await tx.store.index('order').openCursor() : null;
        while (cursor !== null && excess > 0) {
          await cursor.delete();
          excess -= 1;
          cursor = await cursor.continue();
        }
      }
      await tx.done;
    });
  }

  decisions(limit = this.limit): Promise<Decision[]> {
    return this.serial(async (db) => {
      if (db === null) return (this.fallback as MemoryStorage).decisions(limit);
      const entries = await db.getAllFromIndex('decisions', 'order');
      return entries
        .map((entry) => toDecision(entry?.decision))
        .filter((decision): decision is Decision => decision !== null)
        .slice(-limit);
    });
  }

  close(): void {
    void this.db.then((db) => db?.close());
  }
}
