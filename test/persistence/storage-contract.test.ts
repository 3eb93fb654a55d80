// One contract, two implementations (IndexedDB through idb, memory), in real Chromium.
import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import type { Problem } from '../../src/core/errors.js';
import type { StoragePort } from '../../src/core/ports.js';
import type { Deadline, Decision, DeferredWrite } from '../../src/core/snapshot.js';
import { DB_VERSION, IdbStorage, databaseName } from '../../src/persistence/idb-storage.js';
import { MemoryStorage, type MemoryBacking } from '../../src/persistence/memory-storage.js';
import { RECORD_VERSION } from '../../src/persistence/records.js';
import { stateRecord } from '../../src/persistence/stored-state.js';

function decision(id: number, overrides: Partial<Decision> = {}): Decision {
  return {
    id,
    at: 1_700_000_000_000 + id,
    trigger: { side: 'acd', from: 'Available', to: 'Unavailable/Lunch' },
    rule: 'Chat and voice',
    row: { direction: 'publisher', index: 2, text: 'Unavailable/Lunch → Away' },
    action: { side: 'salesforce', target: 'Away' },
    why: 'mapped',
    result: 'pending',
    ms: 0,
    ...overrides,
  };
}

const DEFERRED: DeferredWrite = {
  target: { state: 'Available' },
  at: 1_700_000_000_500,
  decision: decision(7, { why: 'deferred-on-contact', result: 'pending' }),
};

const LUNCH: Deadline = {
  id: 'timeout:salesforce:Away:1700000000000',
  kind: 'timeout',
  at: 1_700_001_800_000,
  warnAt: 1_700_001_680_000,
  warning: false,
  side: 'salesforce',
  target: 'Available_for_Chats',
  source: 'Away',
  setAt: 1_700_000_000_000,
};

const SCHEDULED: Deadline = {
  id: 'scheduled:wfm-1',
  kind: 'scheduled',
  at: 1_700_003_600_000,
  warnAt: 1_700_003_480_000,
  warning: false,
  side: 'acd',
  target: 'Unavailable/Break',
  until: 1_700_004_500_000,
  setAt: 1_700_000_000_000,
  held: true,
};

/** How a suite reaches one implementation: open (again) per user, and write raw junk behind its back. */
interface Subject {
  open(userId: string, limit?: number): StoragePort;
  rawState(userId: string, value: unknown): Promise<void>;
  rawDecision(userId: string, key: string, value: unknown): Promise<void>;
}

const memory = (): Subject => {
  const backings = new Map<string, MemoryBacking>();
  const backing = (userId: string) =>
    backings.get(userId) ??
    (backings.set(userId, { decisions: new Map() }).get(userId) as MemoryBacking);
  return {
    open: (userId, limit) => new MemoryStorage(userId, backing(userId), limit),
    rawState: async (userId, value) => void (backing(userId).state = value),
    rawDecision: async (userId, key, value) =>
      void backing(userId).decisions.set(key, { order: 0, decision: value }),
  };
};

let rawPlaces = 0;
const indexedDb = (): Subject => ({
  open: (userId, limit) => new IdbStorage(userId, limit === undefined ? {} : { limit }),
  rawState: async (userId, value) => {
    const db = await openDB(databaseName(userId));
    await db.put('state', value, 'state');
    db.close();
  },
  rawDecision: async (userId, key, value) => {
    const db = await openDB(databaseName(userId));
    // Below every place the storage hands out, each junk record at its own.
    await db.put('log', { key, decision: value }, -(rawPlaces += 1));
    db.close();
  },
});

let users = 0;
const opened: StoragePort[] = [];
const userIds: string[] = [];
function user(): string {
  const id = `005test${Date.now().toString(36)}${(users += 1)}`;
  userIds.push(id);
  return id;
}

afterEach(async () => {
  for (const storage of opened.splice(0)) storage.close();
  await Promise.all(userIds.splice(0).map((id) => deleteDB(databaseName(id))));
});

for (const [name, make] of [
  ['memory', memory],
  ['IndexedDB', indexedDb],
] as const) {
  describe(`StoragePort contract: ${name}`, () => {
    let subject: Subject;
    const open = (userId: string, limit?: number) => {
      const storage = subject.open(userId, limit);
      opened.push(storage);
      return storage;
    };
    beforeEach(() => {
      subject = make();
    });

    it('starts empty, without problems', async () => {
      expect(await open(user()).load()).to.deep.equal({
        history: [],
        deferred: null,
        problems: [],
      });
    });

    it('keeps the history and the deferred write across a reopen', async () => {
      const id = user();
      const first = open(id);
      await first.save({
        history: [{ state: 'Available' }, { state: 'Unavailable', reason: 'Lunch' }],
        deferred: DEFERRED,
      });
      first.close();
      const loaded = await open(id).load();
      expect(loaded.history).to.deep.equal([
        { state: 'Available' },
        { state: 'Unavailable', reason: 'Lunch' },
      ]);
      expect(loaded.deferred).to.deep.equal(DEFERRED);
      expect(loaded.problems).to.deep.equal([]);
    });

    it('keeps the Omni-Channel status to return to after an acdWork contact across a reopen', async () => {
      const id = user();
      const first = open(id);
      const beforeContact = {
        status: { id: '0N5000000000003', apiName: 'Away', label: 'Away' },
        at: 1_700_000_000_000,
        overridden: false,
      };
      await first.save({ history: [], deferred: null, beforeContact });
      first.close();
      const loaded = await open(id).load();
      expect(loaded.beforeContact).to.deep.equal(beforeContact);
      expect(loaded.problems).to.deep.equal([]);
    });

    it('keeps when a Salesforce choice made during a contact stands across a reopen', async () => {
      const id = user();
      const first = open(id);
      await first.save({ history: [], deferred: null, standing: 1_700_000_000_000 });
      first.close();
      const loaded = await open(id).load();
      expect(loaded.standing).to.equal(1_700_000_000_000);
      expect(loaded.problems).to.deep.equal([]);
    });

    it('keeps deadlines and the start of the idle period across a reopen (a reload mid-lunch)', async () => {
      const id = user();
      const first = open(id);
      await first.save({
        history: [{ state: 'Unavailable', reason: 'Lunch' }],
        deferred: null,
        deadlines: [LUNCH, SCHEDULED],
        idleFrom: 1_700_000_000_000,
      });
      first.close();
      const loaded = await open(id).load();
      expect(loaded.deadlines).to.deep.equal([LUNCH, SCHEDULED]);
      expect(loaded.idleFrom).to.equal(1_700_000_000_000);
      expect(loaded.problems).to.deep.equal([]);
    });

    it('drops a malformed deadline with a problem naming it, and loses nothing else', async () => {
      const id = user();
      await open(id).save({ history: [], deferred: null });
      const bad = [
        { ...LUNCH, at: 'later' },
        { ...LUNCH, id: 'idle:1', kind: 'idle' },
        { ...SCHEDULED, side: 'omni' },
        { ...SCHEDULED, until: SCHEDULED.at - 1 },
        { ...LUNCH, side: null },
      ];
      await subject.rawState(id, {
        v: RECORD_VERSION,
        userId: id,
        history: [{ state: 'Available' }],
        deferred: DEFERRED,
        deadlines: [bad[0], LUNCH, ...bad.slice(1), LUNCH, SCHEDULED],
        idleFrom: 5,
      });
      const loaded = await open(id).load();
      expect(loaded.deadlines).to.deep.equal([LUNCH, SCHEDULED]);
      expect(loaded.history).to.deep.equal([{ state: 'Available' }]);
      expect(loaded.deferred).to.deep.equal(DEFERRED);
      expect(loaded.idleFrom).to.equal(5);
      expect(loaded.problems?.map((problem) => problem.path)).to.deep.equal([
        'state.deadlines[0]',
        'state.deadlines[2]',
        'state.deadlines[3]',
        'state.deadlines[4]',
        'state.deadlines[5]',
        'state.deadlines[6]',
      ]);
      expect(loaded.problems?.[5]?.message).to.contain('repeats id');
    });

    it("reads back decisions with the agent day's codes, and skips one with a code it does not know", async () => {
      const id = user();
      const storage = open(id);
      await storage.putDecision(decision(1, { why: 'timed-out' }));
      await storage.putDecision(decision(2, { why: 'unclean-end', action: 'none' }));
      await subject.rawDecision(id, 'junk', { ...decision(3), why: 'made-up' });
      expect((await open(id).decisions()).map((entry) => entry.why)).to.deep.equal([
        'timed-out',
        'unclean-end',
      ]);
    });

    it('keeps users apart', async () => {
      const alice = user();
      await open(alice).save({ history: [{ state: 'Available' }], deferred: null });
      expect((await open(user()).load()).history).to.deep.equal([]);
    });

    it('replaces a decision with the same id, and a reopened instance never overwrites the earlier ones', async () => {
      const id = user();
      const first = open(id);
      await first.putDecision(decision(1));
      await first.putDecision(decision(1, { result: 'ok' }));
      await first.putDecision(decision(2));
      const second = open(id);
      await second.putDecision(decision(1, { why: 'echo' }));
      const stored = await second.decisions();
      expect(stored.map((entry) => [entry.id, entry.why, entry.result])).to.deep.equal([
        [1, 'mapped', 'ok'],
        [2, 'mapped', 'pending'],
        [1, 'echo', 'pending'],
      ]);
      expect((await second.decisions(2)).map((entry) => entry.why)).to.deep.equal([
        'mapped',
        'echo',
      ]);
    });

    it('takes a burst of decisions in one task: the newest of each, in first-asked order, every caller answered', async () => {
      const storage = open(user());
      const puts = [
        decision(1),
        decision(2),
        decision(1, { result: 'ok' }),
        decision(3),
        decision(2, { result: 'failed' }),
      ].map((entry) => storage.putDecision(entry));
      await Promise.all(puts);
      const stored = await storage.decisions();
      expect(stored.map((entry) => [entry.id, entry.result])).to.deep.equal([
        [1, 'ok'],
        [2, 'failed'],
        [3, 'pending'],
      ]);
      await storage.putDecision(decision(3, { result: 'ok' }));
      expect((await storage.decisions()).map((entry) => [entry.id, entry.result])).to.deep.equal([
        [1, 'ok'],
        [2, 'failed'],
        [3, 'ok'],
      ]);
    });

    it('never holds more decisions than its ring limit, dropping the oldest', async () => {
      const storage = open(user(), 1000);
      await Promise.all(
        Array.from({ length: 1012 }, (_, index) => storage.putDecision(decision(index + 1))),
      );
      const stored = await storage.decisions(5000);
      expect(stored).to.have.length(1000);
      expect(stored[0]?.id).to.equal(13);
      expect(stored[999]?.id).to.equal(1012);
    });

    it('keeps the newest decisions within its limit across batches and a reopen', async () => {
      const id = user();
      const storage = open(id, 3);
      await Promise.all([1, 2, 3, 4].map((n) => storage.putDecision(decision(n))));
      await storage.putDecision(decision(5));
      await storage.putDecision(decision(6));
      expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([4, 5, 6]);
      storage.close();
      const again = open(id, 3);
      await again.putDecision(decision(7));
      await again.putDecision(decision(8));
      expect((await again.decisions()).map((entry) => entry.id)).to.deep.equal([6, 7, 8]);
    });

    it('shares one ring between two instances open at once (two tabs of one user): places in the order written, one limit', async () => {
      const id = user();
      const first = open(id, 3);
      const second = open(id, 3);
      await first.putDecision(decision(1));
      await first.putDecision(decision(2));
      await first.putDecision(decision(3));
      await second.putDecision(decision(1, { why: 'echo' }));
      const mine = (entries: Decision[]) =>
        entries.map((entry) => [entry.id, entry.why, entry.result]);
      expect(mine(await first.decisions())).to.deep.equal([
        [2, 'mapped', 'pending'],
        [3, 'mapped', 'pending'],
        [1, 'echo', 'pending'],
      ]);
      // An update keeps its place while the decision is in the ring; one that has left comes back as the newest.
      await first.putDecision(decision(3, { result: 'ok' }));
      await first.putDecision(decision(1, { result: 'ok' }));
      expect(mine(await second.decisions())).to.deep.equal([
        [3, 'mapped', 'ok'],
        [1, 'echo', 'pending'],
        [1, 'mapped', 'ok'],
      ]);
    });

    const corruptions: Array<[string, unknown, string]> = [
      ['not a record', 'garbage', 'not a record'],
      [
        'another schema version',
        { v: RECORD_VERSION + 1, userId: 'x', history: [], deferred: null },
        'schema version',
      ],
      [
        'foreign (another user)',
        {
          v: RECORD_VERSION,
          userId: '005someoneelse',
          history: [{ state: 'Available' }],
          deferred: null,
        },
        'another user',
      ],
      [
        'a malformed history',
        { v: RECORD_VERSION, userId: '', history: [{ state: 'Busy' }], deferred: null },
        'history',
      ],
      [
        'a malformed deferred write',
        {
          v: RECORD_VERSION,
          userId: '',
          history: [],
          deferred: { target: { state: 'Available' }, at: 'soon' },
        },
        'deferred',
      ],
      [
        'a malformed status to return to after a contact',
        {
          v: RECORD_VERSION,
          userId: '',
          history: [],
          deferred: null,
          beforeContact: {
            status: { id: '0N5<script>', apiName: 'Away', label: 'Away' },
            at: 1,
            overridden: false,
          },
        },
        'after a contact',
      ],
      [
        'a malformed time of a Salesforce choice that stands',
        { v: RECORD_VERSION, userId: '', history: [], deferred: null, standing: 'soon' },
        'choice that stands',
      ],
      [
        'prototype tricks',
        JSON.parse(
          `{"__proto__": {"v": ${RECORD_VERSION}, "history": [{"state": "Available"}], "deferred": null}}`,
        ),
        'schema version',
      ],
    ];
    for (const [what, record, says] of corruptions) {
      it(`ignores a stored state that is ${what}, with a storage-unavailable problem`, async () => {
        const id = user();
        await open(id).save({ history: [], deferred: null });
        const patched =
          typeof record === 'object' &&
          record !== null &&
          (record as { userId?: string }).userId === ''
            ? { ...record, userId: id }
            : record;
        await subject.rawState(id, patched);
        const loaded = await open(id).load();
        expect(loaded.history).to.deep.equal([]);
        expect(loaded.deferred).to.equal(null);
        expect(loaded.problems).to.have.length(1);
        expect(loaded.problems?.[0]?.code).to.equal('storage-unavailable');
        expect(loaded.problems?.[0]?.message).to.contain(says);
      });
    }

    it('skips unreadable decision records, says how many, and keeps the rest', async () => {
      const id = user();
      const storage = open(id);
      await storage.putDecision(decision(1));
      await subject.rawDecision(id, 'junk-1', { id: 'one', why: 'mapped' });
      await subject.rawDecision(id, 'junk-2', null);
      expect((await open(id).decisions()).map((entry) => entry.id)).to.deep.equal([1]);
      const loaded = await open(id).load();
      expect(loaded.problems?.map((problem) => problem.message)).to.deep.equal([
        '2 stored decision record(s) were unreadable and ignored.',
      ]);
    });
  });
}

/** Runs `body` while every IndexedDB transaction opened is shown to `spy` (its connection and mode). */
async function spyingOnTransactions<T>(
  spy: (connection: IDBDatabase, mode: IDBTransactionMode) => void,
  body: () => Promise<T>,
): Promise<T> {
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    spy(this, args[1] ?? 'readonly');
    return original.apply(this, args);
  };
  try {
    return await body();
  } finally {
    IDBDatabase.prototype.transaction = original;
  }
}

describe('IdbStorage batches', () => {
  it('writes in a later task than the one that asked, one transaction for all it asked', async () => {
    const storage = new IdbStorage(user());
    opened.push(storage);
    expect(await storage.kind()).to.equal('indexeddb');
    const opens: string[] = [];
    await spyingOnTransactions(
      (_connection, mode) => opens.push(mode),
      async () => {
        const asked = [
          storage.putDecision(decision(1)),
          storage.save({ history: [{ state: 'Available' }], deferred: null }),
        ];
        // A later microtask of the same task still joins the batch.
        await Promise.resolve();
        asked.push(storage.putDecision(decision(2)));
        for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
        expect(opens).to.deep.equal([]);
        await Promise.all(asked);
        expect(opens).to.deep.equal(['readwrite']);
      },
    );
    expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([1, 2]);
    expect((await storage.load()).history).to.deep.equal([{ state: 'Available' }]);
  });
});

describe('IdbStorage upgrade', () => {
  it('moves a version 1 database over: the state, the decisions in their order, new ones after them', async () => {
    const id = user();
    const v1 = await openDB(databaseName(id), 1, {
      upgrade(database) {
        database.createObjectStore('state');
        database.createObjectStore('decisions', { keyPath: 'key' }).createIndex('order', 'order');
      },
    });
    await v1.put(
      'state',
      stateRecord(id, { history: [{ state: 'Unavailable', reason: 'Lunch' }], deferred: DEFERRED }),
      'state',
    );
    await v1.put('decisions', { key: 'earlier:2', order: 7, decision: decision(2) });
    await v1.put('decisions', { key: 'earlier:1', order: 3, decision: decision(1) });
    // Junk left by someone else: no place in the ring, so it is not carried over.
    await v1.put('decisions', { key: 'junk', order: 'first', decision: decision(9) });
    v1.close();

    const storage = new IdbStorage(id);
    opened.push(storage);
    expect(await storage.kind()).to.equal('indexeddb');
    const loaded = await storage.load();
    expect(loaded.history).to.deep.equal([{ state: 'Unavailable', reason: 'Lunch' }]);
    expect(loaded.deferred).to.deep.equal(DEFERRED);
    expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([1, 2]);
    await storage.putDecision(decision(3));
    expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([1, 2, 3]);
    storage.close();
    await storage.flush();

    const raw = await openDB(databaseName(id));
    expect([raw.version, [...raw.objectStoreNames].sort()]).to.deep.equal([
      DB_VERSION,
      ['log', 'state'],
    ]);
    expect(await raw.getAllKeys('log')).to.deep.equal([3, 7, 8]);
    raw.close();
  });
});

describe('IdbStorage losing the database mid-session', () => {
  /** Opens `id` at `version` as another tab would; resolves false instead of waiting when this tab blocks it. */
  async function openElsewhere(id: string, version?: number): Promise<boolean> {
    let blocked!: () => void;
    const wasBlocked = new Promise<boolean>((resolve) => (blocked = () => resolve(true)));
    const opening = openDB(databaseName(id), version, { blocked: () => blocked() });
    const result = await Promise.race([opening.then(() => false), wasBlocked]);
    void opening.then((db) => db.close());
    return !result;
  }

  function watched(storage: IdbStorage): Problem[] {
    const problems: Problem[] = [];
    storage.watch((problem) => problems.push(problem));
    return problems;
  }

  it('steps aside for a newer version opened in another tab: its upgrade is not blocked, this tab carries on in memory and says so once', async () => {
    const id = user();
    const storage = new IdbStorage(id);
    opened.push(storage);
    const problems = watched(storage);
    await storage.putDecision(decision(1));
    expect(await storage.kind()).to.equal('indexeddb');

    expect(await openElsewhere(id, DB_VERSION + 1)).to.equal(true);
    expect(problems.map((problem) => [problem.code, problem.recoverable])).to.deep.equal([
      ['storage-unavailable', true],
    ]);
    expect(problems[0]?.message)
      .to.contain('newer version')
      .and.to.contain('another tab')
      .and.to.contain('in memory');
    expect(await storage.kind()).to.equal('memory');
    // Later writes go to memory and do not fail; no second problem.
    await storage.save({ history: [{ state: 'Available' }], deferred: null });
    await storage.putDecision(decision(2));
    expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([2]);
    expect((await storage.load()).history).to.deep.equal([{ state: 'Available' }]);
    expect(problems).to.have.length(1);
  });

  it('lets another tab delete the database, and says it was deleted', async () => {
    const id = user();
    const storage = new IdbStorage(id);
    opened.push(storage);
    const problems = watched(storage);
    expect(await storage.kind()).to.equal('indexeddb');
    let blocked = false;
    await deleteDB(databaseName(id), { blocked: () => void (blocked = true) });
    expect(blocked).to.equal(false);
    expect(problems.map((problem) => problem.message)).to.satisfy(
      (messages: string[]) => messages.length === 1 && messages[0]?.includes('deleted'),
    );
  });

  it('notices the browser closing the database (site data cleared) and keeps the writes asked meanwhile', async () => {
    const id = user();
    const storage = new IdbStorage(id);
    opened.push(storage);
    const problems = watched(storage);
    let raw: IDBDatabase | null = null;
    await spyingOnTransactions(
      (connection) => (raw = connection),
      () => storage.putDecision(decision(1)),
    );
    // What Chromium fires at a connection it closed itself (IndexedDB 3.0, "close a database connection" with forced).
    const asked = storage.putDecision(decision(2));
    (raw as IDBDatabase | null)?.close();
    (raw as IDBDatabase | null)?.dispatchEvent(new Event('close'));
    await asked;
    expect(problems.map((problem) => problem.message)).to.satisfy(
      (messages: string[]) => messages.length === 1 && messages[0]?.includes('closed'),
    );
    expect((await storage.decisions()).map((entry) => entry.id)).to.deep.equal([2]);
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const id = user();
    const storage = new IdbStorage(id);
    opened.push(storage);
    const problems: Problem[] = [];
    storage.watch((problem) => problems.push(problem))();
    expect(await storage.kind()).to.equal('indexeddb');
    expect(await openElsewhere(id, DB_VERSION + 1)).to.equal(true);
    expect(problems).to.deep.equal([]);
  });
});

describe('IdbStorage fallbacks', () => {
  it('uses memory and reports storage-unavailable when the browser has no IndexedDB', async () => {
    const storage = new IdbStorage(user(), { indexedDB: undefined });
    opened.push(storage);
    expect(await storage.kind()).to.equal('memory');
    await storage.save({ history: [{ state: 'Available' }], deferred: null });
    const loaded = await storage.load();
    expect(loaded.history).to.deep.equal([{ state: 'Available' }]);
    expect(loaded.problems?.[0]?.code).to.equal('storage-unavailable');
    expect(loaded.problems?.[0]?.message).to.contain('in memory');
  });

  it('uses memory when the database was written by a newer schema version', async () => {
    const id = user();
    const newer = await openDB(databaseName(id), DB_VERSION + 1);
    newer.close();
    const storage = new IdbStorage(id);
    opened.push(storage);
    expect(await storage.kind()).to.equal('memory');
    expect((await storage.load()).problems?.[0]?.message).to.contain('VersionError');
  });
});
