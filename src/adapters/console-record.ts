/**
 * The record of an open console (docs/contract.md §6.12): while any console tab of the user lives,
 * `localStorage` says "open, last seen at T"; the last tab's `pagehide` says "closed". A start
 * that finds "open" with no other console tab alive knows the previous console session ended
 * without a close (a crash, the browser killed, the machine off) and since when it was unseen.
 *
 * Invariants: the record is written synchronously (`localStorage`, so a `pagehide` write lands);
 * what is read back is validated, and anything else counts as no record; without storage nothing
 * is recorded and no unclean end is ever reported.
 */
import { finite, isPlain, own } from '../core/guard.js';

/** The record as stored. */
export type ConsoleRecord =
  | { readonly open: true; readonly lastSeen: number }
  | { readonly open: false; readonly closedAt: number };

/** The part of `Storage` used here. */
export type RecordStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The record's key for a user. */
export function recordKey(userId: string): string {
  return `presence-sync:console:${userId}`;
}

/** Parses a stored record; null for none or anything malformed. */
export function parseRecord(raw: string | null): ConsoleRecord | null {
  if (raw === null || raw.length > 200) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlain(value)) return null;
  const open = own(value, 'open');
  if (open === true) {
    const lastSeen = finite(own(value, 'lastSeen'));
    return lastSeen === undefined ? null : { open, lastSeen };
  }
  if (open === false) {
    const closedAt = finite(own(value, 'closedAt'));
    return closedAt === undefined ? null : { open, closedAt };
  }
  return null;
}

/** Reads and writes one user's record; every call is safe without storage. */
export class ConsoleRecordStore {
  constructor(
    private readonly storage: RecordStorage | null,
    private readonly key: string,
  ) {}

  read(): ConsoleRecord | null {
    try {
      return parseRecord(this.storage?.getItem(this.key) ?? null);
    } catch {
      return null;
    }
  }

  /** The console is open and was seen at `at`. */
  seen(at: number): void {
    this.write({ open: true, lastSeen: at });
  }

  /** The last console tab closed at `at`. */
  closed(at: number): void {
    this.write({ open: false, closedAt: at });
  }

  private write(record: ConsoleRecord): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(record));
    } catch {
      // Storage full or taken away: an unclean end may then go unnoticed, nothing worse.
    }
  }
}

/** `localStorage`, or null where the page has none (blocked, sandboxed). */
export function pageStorage(): RecordStorage | null {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('presence-sync:probe');
    return storage;
  } catch {
    return null;
  }
}
