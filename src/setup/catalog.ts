/**
 * `SetupCatalog`: what preflight needs to know about the org and the contact center, behind one
 * port — the org's presence statuses, which agents' profile and permission sets grant which of
 * them, and the ACD's unavailable codes where a list is known (read through the CXone bridge, an
 * import, or pasted by the admin).
 *
 * Invariants: a catalog from outside (Apex, a pasted list) is untrusted until `readCatalog` has
 * checked it; a refused catalog names the JSON path of the first bad value; nothing here decides
 * anything, preflight does.
 */
import { finite, isPlain, list, name, own } from '../core/guard.js';
import type { UnavailableCode } from '../core/values.js';

/** A presence status of the org (`ServicePresenceStatus`). */
export interface CatalogStatus {
  readonly id: string;
  /** The DeveloperName, exactly as Salesforce spells it. */
  readonly apiName: string;
  readonly label: string;
  /** Salesforce's "Online" option (it carries channels); false is "Busy". */
  readonly online: boolean;
}

/**
 * Agents who share one profile and set of permission sets, and the statuses these grant together
 * (Salesforce grants a status through `SetupEntityAccess` on the profile or a permission set).
 */
export interface AgentGroup {
  readonly profile: string;
  readonly permissionSets: readonly string[];
  /** How many Omni-Channel agents have exactly this combination. */
  readonly agents: number;
  /** API names of the statuses the combination grants. */
  readonly statuses: readonly string[];
}

/** The ACD's unavailable codes and where the list came from. */
export interface CatalogCodes {
  readonly source: 'cxone' | 'webex' | 'pasted';
  readonly codes: readonly UnavailableCode[];
}

/** Everything preflight reads; `groups` empty and `codes` null when not known. */
export interface CatalogSnapshot {
  readonly statuses: readonly CatalogStatus[];
  readonly groups: readonly AgentGroup[];
  readonly codes: CatalogCodes | null;
}

/** The port the setup element reads the catalog through (Apex in Salesforce, a simulation in the demo). */
export interface SetupCatalog {
  load(): Promise<CatalogSnapshot>;
}

/** A catalog with nothing known: preflight then checks only what needs no org. */
export const EMPTY_CATALOG: CatalogSnapshot = { statuses: [], groups: [], codes: null };

/** The outcome of reading an untrusted catalog. */
export type CatalogRead =
  | { readonly ok: true; readonly catalog: CatalogSnapshot }
  | { readonly ok: false; readonly path: string; readonly message: string };

const MAX = 5000;

class Refusal {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

function items(value: unknown, path: string): readonly unknown[] {
  const entries = list(value, MAX);
  if (entries === undefined) throw new Refusal(path, `must be a list of at most ${MAX} entries`);
  return entries;
}

function field(record: unknown, key: string, path: string): string {
  const value = isPlain(record) ? name(own(record, key), 255) : undefined;
  if (value === undefined) throw new Refusal(`${path}.${key}`, 'must be a non-empty string');
  return value;
}

function flag(record: unknown, key: string, path: string, missing?: boolean): boolean {
  const value = isPlain(record) ? own(record, key) : undefined;
  if (value === undefined && missing !== undefined) return missing;
  if (typeof value !== 'boolean') throw new Refusal(`${path}.${key}`, 'must be true or false');
  return value;
}

function strings(record: unknown, key: string, path: string): string[] {
  const value = isPlain(record) ? own(record, key) : undefined;
  return items(value ?? [], `${path}.${key}`).map((entry, index) => {
    const text = name(entry, 255);
    if (text === undefined)
      throw new Refusal(`${path}.${key}[${index}]`, 'must be a non-empty string');
    return text;
  });
}

/** Checks a catalog from outside the element; never throws. */
export function readCatalog(value: unknown): CatalogRead {
  try {
    if (!isPlain(value)) throw new Refusal('$', 'must be an object');
    const statuses = items(own(value, 'statuses') ?? [], 'statuses').map((status, index) => {
      const path = `statuses[${index}]`;
      return {
        id: field(status, 'id', path),
        apiName: field(status, 'apiName', path),
        label: field(status, 'label', path),
        online: flag(status, 'online', path),
      };
    });
    const groups = items(own(value, 'groups') ?? [], 'groups').map((group, index) => {
      const path = `groups[${index}]`;
      const agents = isPlain(group) ? finite(own(group, 'agents')) : undefined;
      if (agents === undefined || !Number.isInteger(agents))
        throw new Refusal(`${path}.agents`, 'must be a whole number of agents');
      return {
        profile: field(group, 'profile', path),
        permissionSets: strings(group, 'permissionSets', path),
        agents,
        statuses: strings(group, 'statuses', path),
      };
    });
    const rawCodes = own(value, 'codes');
    let codes: CatalogCodes | null = null;
    if (rawCodes !== undefined && rawCodes !== null) {
      if (!isPlain(rawCodes)) throw new Refusal('codes', 'must be an object or null');
      const source = own(rawCodes, 'source');
      if (source !== 'cxone' && source !== 'webex' && source !== 'pasted')
        throw new Refusal('codes.source', 'must be "cxone", "webex" or "pasted"');
      const list = items(own(rawCodes, 'codes'), 'codes.codes').map((code, index) => {
        const path = `codes.codes[${index}]`;
        return {
          name: field(code, 'name', path),
          isAcw: flag(code, 'isAcw', path, false),
          isActive: flag(code, 'isActive', path, true),
        };
      });
      codes = { source, codes: list };
    }
    return { ok: true, catalog: { statuses, groups, codes } };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, path: error.path, message: error.message };
    throw error;
  }
}

/**
 * A pasted code list (one name per line or comma; `ACW:` before a name marks an after-contact-work
 * code), as the ACD codes of a catalog.
 */
export function pastedCodes(text: string): CatalogCodes {
  const codes = text
    .split(/[\r\n,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .slice(0, MAX)
    .map((entry) => {
      const acw = /^acw:/i.test(entry);
      return { name: acw ? entry.slice(4).trim() : entry, isAcw: acw, isActive: true };
    })
    .filter((code) => code.name !== '');
  return { source: 'pasted', codes };
}
