/**
 * IndexedDB storage through `idb`: one database per user, a typed schema with a versioned upgrade,
 * the state record (previous-state history, deferred write) and the decision ring.
 *
 * Invariants: operations run one after another in call order (a load never overtakes a save); the
 * ring is trimmed in the same transaction that grows it, so it never exceeds its limit; when the
 * database cannot be opened (no IndexedDB, private mode, blocked by another version, a newer schema)
 * the instance carries on in memory and `load()` says so with `storage-unavailable`; when it is lost
 * later (another tab upgrades or deletes it, the browser closes it) the instance lets go of it,
 * carries on in memory and tells `watch()`'s listeners once.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { ErrorCode, type Problem } from '../core/errors.js';
import { type ClockPort, type StoragePort, type StoredState } from '../core/ports.js';
import { nextTask, systemClock } from '../platform/time.js';
import type { Decision } from '../core/snapshot.js';
import { MemoryStorage, RING_LIMIT, sessionKey } from './memory-storage.js';
import { toDecision } from './records.js';
import {
  readStateRecord,
  stateRecord,
  unreadableDecisions,
  type StateRecord,
} from './stored-state.js';

/** Writes that go in one transaction: the newest state, the newest of each decision by key. */
interface Batch {
  state: StoredState | null;
  decisions: Map<string, Decision>;
  done: Promise<void>;
}

/** The schema version; `upgrade()` migrates from every older one. */
export const DB_VERSION = 2;

/**
 * `log` holds the decision ring under its place in the ring (out-of-line keys, ascending), so a
 * write is one put and trimming is one range delete. Version 1 kept the decisions under their own
 * key with an index on the place: each put cloned the record once more to compute the index, and
 * trimming took a count and a cursor (a Chrome trace showed it).
 */
interface Schema extends DBSchema {
  state: { key: string; value: StateRecord };
  log: { key: number; value: { key: string; decision: Decision } };
}

/** Version 1's decision store, read once by the upgrade. */
const V1_DECISIONS = 'decisions';
type V1Entry = { key?: unknown; order?: unknown; decision?: unknown } | undefined;

/** The database name for a user (one database per user, so users never see each other's records). */
export function databaseName(userId: string): string {
  return `presence-sync:${userId}`;
}

/** How long opening may take before memory is used instead (a blocked open never settles). */
const OPEN_TIMEOUT_MS = 3000;

/**
 * Copies version 1's decisions into `log` under their places, then drops the old store. Only
 * IndexedDB requests are awaited, so the upgrade transaction stays active throughout.
 */
async function moveV1Decisions(
  database: IDBPDatabase<Schema>,
  transaction: IDBPTransaction<Schema, ('state' | 'log')[], 'versionchange'>,
): Promise<void> {
  const old = (
    transaction as unknown as IDBPTransaction<unknown, string[], 'versionchange'>
  ).objectStore(V1_DECISIONS);
  const entries = (await old.getAll()) as V1Entry[];
  const log = transaction.objectStore('log');
  const places = new Set<number>();
  for (const entry of entries) {
    // Stored bytes are untrusted: a record without a usable place is left behind (the decision
    // itself is checked on every read).
    if (
      typeof entry?.key !== 'string' ||
      !Number.isSafeInteger(entry.order) ||
      places.has(entry.order as number)
    )
      continue;
    places.add(entry.order as number);
    await log.put({ key: entry.key, decision: entry.decision as Decision }, entry.order as number);
  }
  database.deleteObjectStore(V1_DECISIONS as never);
}

/** How an `IdbStorage` opens: tests pass their own factory, clock and ring size. */
export interface IdbStorageOptions {
  /** Pass `undefined` to act as if the browser had no IndexedDB (idb itself always uses the global one). */
  indexedDB?: IDBFactory | undefined;
  clock?: ClockPort;
  limit?: number;
}

/**
 * The product's storage: one IndexedDB database per Salesforce user (`presence-sync:<user-id>`)
 * holding the state that must survive a reload and a ring of the newest decisions (1,000 by
 * default). Falls back to memory, saying `storage-unavailable`, when IndexedDB is missing, blocked
 * or lost.
 */
export class IdbStorage implements StoragePort {
  private readonly session = sessionKey();
  private readonly limit: number;
  private readonly db: Promise<IDBPDatabase<Schema> | null>;
  /** Memory, once the database could not be opened or was lost; every operation uses it from then on. */
  private fallback: MemoryStorage | null = null;
  private problem: Problem | null = null;
  private readonly listeners = new Set<(problem: Problem) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The writes waiting for the next task (`batchToJoin`). */
  private gathering: Batch | null = null;
  /** Every place up to this one has left the ring (null until this instance has trimmed once). */
  private trimmed: number | null = null;
  /** This session's recent keys and their places in the ring. */
  private readonly orders = new Map<string, number>();

  constructor(
    private readonly userId: string,
    options: IdbStorageOptions = {},
  ) {
    this.limit = options.limit ?? RING_LIMIT;
    this.db = this.open(
      'indexedDB' in options ? options.indexedDB : globalThis.indexedDB,
      options.clock ?? systemClock,
    );
  }

  /** Carries on in memory from now on, with `message` as the problem. */
  private toMemory(message: string): Problem {
    this.fallback = new MemoryStorage(this.userId, undefined, this.limit);
    this.problem = { code: ErrorCode.storageUnavailable, message, recoverable: true };
    return this.problem;
  }

  /**
   * The database went away mid-session: closes this connection, so another tab's upgrade or
   * deletion is not blocked (it would wait on it, then give up), and says so once.
   */
  private lose(why: string, connection?: IDBDatabase): void {
    connection?.close();
    if (this.fallback !== null) return;
    const problem = this.toMemory(
      `IndexedDB was lost (${why}); until this tab is reloaded it keeps its state in memory, and what it records meanwhile is not kept.`,
    );
    for (const listener of [...this.listeners]) listener(problem);
  }

  private async open(
    factory: IDBFactory | undefined,
    clock: ClockPort,
  ): Promise<IDBPDatabase<Schema> | null> {
    const fail = (why: string): null => {
      this.toMemory(
        `IndexedDB is unavailable (${why}); this tab keeps its state in memory, so a reload forgets the previous state and any deferred write.`,
      );
      return null;
    };
    if (factory === undefined || factory === null) return fail('this browser context has none');
    let timer: unknown;
    try {
      const opening = openDB<Schema>(databaseName(this.userId), DB_VERSION, {
        upgrade(database, oldVersion, _newVersion, transaction) {
          // Versioned upgrade: each step migrates from the version before it.
          if (oldVersion < 1) database.createObjectStore('state');
          if (oldVersion < 2) {
            database.createObjectStore('log');
            // A failed move aborts the upgrade: the open fails and this tab carries on in memory.
            if (oldVersion === 1) {
              moveV1Decisions(database, transaction).catch(() => {
                try {
                  transaction.abort();
                } catch {
                  // Already aborted by the failure itself.
                }
              });
            }
          }
        },
        // idb's OpenDBCallbacks (idb 8 README): `blocking` on a versionchange event at this
        // connection, `terminated` on its close event (the browser closed it, not us).
        blocking: (_current, next, event) =>
          this.lose(
            next === null
              ? 'it was deleted in another tab'
              : `a newer version of presence-sync, schema ${next}, opened it in another tab`,
            event.target as IDBDatabase,
          ),
        terminated: () => this.lose('the browser closed it: site data cleared, or a disk error'),
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = clock.setTimeout(
          () =>
            reject(
              new Error(`opening took longer than ${OPEN_TIMEOUT_MS} ms (blocked by another tab?)`),
            ),
          OPEN_TIMEOUT_MS,
        );
      });
      return await Promise.race([opening, timeout]);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return fail(reason.slice(0, 200));
    } finally {
      clock.clearTimeout(timer);
    }
  }

  /** Runs operations one at a time, in call order. */
  private serial<T>(operation: (db: IDBPDatabase<Schema> | null) => Promise<T>): Promise<T> {
    // Whatever is asked after this operation goes in a batch behind it.
    this.gathering = null;
    const run = this.queue.then(() => this.db).then((db) => operation(this.live(db)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The database while it is in use; null once memory has taken over. */
  private live(db: IDBPDatabase<Schema> | null): IDBPDatabase<Schema> | null {
    return this.fallback === null ? db : null;
  }

  /**
   * Calls `listener` when the database is lost mid-session (problems found when opening come with
   * `load()`); returns the unsubscribe.
   */
  watch(listener: (problem: Problem) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves once every operation asked for so far has finished. */
  flush(): Promise<void> {
    return this.serial(async () => undefined);
  }

  /** `indexeddb` when IndexedDB is in use, `memory` after falling back. */
  async kind(): Promise<'indexeddb' | 'memory'> {
    await this.db;
    return this.fallback === null ? 'indexeddb' : 'memory';
  }

  load(): Promise<StoredState> {
    return this.serial(async (db) => {
      if (db === null) {
        const state = await (this.fallback as MemoryStorage).load();
        return { ...state, problems: [this.problem as Problem, ...(state.problems ?? [])] };
      }
      const tx = db.transaction(['state', 'log']);
      const [record, decisions] = await Promise.all([
        tx.objectStore('state').get('state'),
        tx.objectStore('log').getAll(),
      ]);
      const state = readStateRecord(record, this.userId);
      const unreadable = decisions.filter((entry) => toDecision(entry?.decision) === null).length;
      return {
        ...state,
        problems: [...(state.problems ?? []), ...unreadableDecisions(unreadable)],
      };
    });
  }

  /** Keeps the state record (history, deferred write); written with the next batch. */
  save(state: StoredState): Promise<void> {
    const batch = this.batchToJoin();
    batch.state = state;
    return batch.done;
  }

  /** Logs a decision (again when its result changes); written with the next batch. */
  putDecision(decision: Decision): Promise<void> {
    const batch = this.batchToJoin();
    batch.decisions.set(`${this.session}:${decision.id}`, decision);
    return batch.done;
  }

  /**
   * The open batch, or a new one queued behind every operation asked for so far. A change makes
   * several writes (a decision, its result, the state), and a transaction each, with a read and a
   * count, showed in the bench's profile. Writes asked before the batch starts (all of one
   * change's, which the engine makes in one go, and the next changes' until the batch's task comes)
   * share one transaction: the newest state, the newest of each decision. A read closes the batch,
   * so it never sees later writes.
   */
  private batchToJoin(): Batch {
    if (this.gathering !== null) return this.gathering;
    const batch: Batch = { state: null, decisions: new Map(), done: Promise.resolve() };
    batch.done = this.serial(async (db) => {
      // IndexedDB's calls clone and index each record on the page's thread (~0.3-1 ms a change in
      // a Chrome trace), which the console and, in the same process, the agent app share: a later
      // task, so the change's port writes and posts go out first, and a storm's changes share one.
      if (db !== null) await new Promise<void>((resolve) => nextTask(resolve));
      if (this.gathering === batch) this.gathering = null;
      try {
        await this.write(this.live(db), batch);
      } catch (error) {
        // Lost while writing (when the close event comes only after the failed transaction, this
        // batch is reported as failed as well): the writes go to memory like the ones after them.
        if (this.fallback === null) throw error;
        await this.write(null, batch);
      }
    });
    this.gathering = batch;
    return batch;
  }

  private async write(db: IDBPDatabase<Schema> | null, batch: Batch): Promise<void> {
    if (db === null) {
      const memory = this.fallback as MemoryStorage;
      if (batch.state !== null) await memory.save(batch.state);
      for (const [, decision] of batch.decisions) await memory.putDecision(decision);
      return;
    }
    const tx = db.transaction(['state', 'log'], 'readwrite');
    const puts: Promise<unknown>[] = [];
    if (batch.state !== null)
      puts.push(tx.objectStore('state').put(stateRecord(this.userId, batch.state), 'state'));
    const log = tx.objectStore('log');
    // Places come from the ring's own last key, read in this transaction: another tab of the same
    // user writes to this ring too, and read-write transactions over one store never overlap, across
    // tabs as well (IndexedDB 3.0 §2.7.2), so no two decisions are handed the same place.
    const top = await log.openKeyCursor(null, 'prev');
    let last = typeof top?.key === 'number' ? Math.max(0, top.key) : 0;
    const leftBelow = last - this.limit;
    let added = false;
    for (const [key, decision] of batch.decisions) {
      // An update keeps its place from memory, so no read is needed, while the place is in the ring;
      // a decision that has left it (or that this session no longer remembers) comes back as the newest.
      let order = this.orders.get(key);
      if (order === undefined || order <= leftBelow) {
        order = ++last;
        added = true;
        this.orders.delete(key);
        this.orders.set(key, order);
        if (this.orders.size > this.limit)
          this.orders.delete(this.orders.keys().next().value as string);
      }
      puts.push(log.put({ key, decision }, order));
    }
    // Trim in the same transaction, so the ring is never seen above its limit: places are whole
    // numbers up to `last`, so at most `limit` of them are above `last - limit`. Only the places
    // that left since this instance's last trim: a range from the bottom may walk every earlier
    // deletion again (a LevelDB backend keeps them as tombstones until compaction). Another tab's
    // trims only ever cover places below the line, so the range still reaches every place that left.
    const trimTo = last - this.limit;
    if (added && trimTo > 0) {
      puts.push(
        log.delete(
          this.trimmed === null
            ? IDBKeyRange.upperBound(trimTo)
            : IDBKeyRange.bound(this.trimmed, trimTo, true),
        ),
      );
    }
    await Promise.all(puts);
    await tx.done;
    if (added && trimTo > 0) this.trimmed = trimTo;
  }

  decisions(limit = this.limit): Promise<Decision[]> {
    return this.serial(async (db) => {
      if (db === null) return (this.fallback as MemoryStorage).decisions(limit);
      const entries = await db.getAll('log');
      return entries
        .map((entry) => toDecision(entry?.decision))
        .filter((decision): decision is Decision => decision !== null)
        .slice(-limit);
    });
  }

  /** Closes the database once every operation asked for so far, writes included, has finished. */
  close(): void {
    void this.serial(async (db) => db?.close());
  }
}
