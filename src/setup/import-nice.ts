/**
 * NICE CXone's presence-sync rule for Salesforce, as its Adapters API answers
 * `GET https://api-{area}.{domain}/adapter-apis/v1/{partnerName}/rule/{partnerAccountId}`:
 * `{ publisherStateMap: [{ incontactAgentState, partnerAgentState }], subscriberStateMap: [...] }`,
 * both values plain strings (`@nice-devone/common-sdk@25.1.2`,
 * `cxone-partner-presence-sync-rule-mapping.js` `parse()`, which maps exactly these four names and
 * throws when either list is missing). In NICE's editor a publisher row maps an ACD state to a
 * Salesforce state and a subscriber row maps back, with "Previous State" as a subscriber target
 * (CXone Agent Embedded for Salesforce, "Create a presence rule").
 *
 * Invariants: pure; the answer's name, team and user assignment are not in NICE's answer, so the
 * rule is named by the caller and assigned to nobody in particular; every entry left out or changed
 * has a note with its path.
 */
import { isPlain, list, own } from '../core/guard.js';
import type { CatalogSnapshot } from './catalog.js';
import type { Direction, DraftRule } from './draft.js';
import { emptyRule } from './draft.js';
import {
  addRow,
  blankable,
  finish,
  importProblem,
  type ImportResult,
  Notes,
  readStatus,
} from './import-common.js';

const MAX_ENTRIES = 500;

// NICE's editor shows state names with spaces ("Inbound Contact", "Previous State"); the contract's
// keywords have none. Compared without case, spaces, hyphens or underscores.
const STATE_WORDS: Record<string, string> = {
  available: 'Available',
  unavailable: 'Unavailable',
  inboundcontact: 'InboundContact',
  inbound: 'InboundContact',
  outboundcontact: 'OutboundContact',
  outbound: 'OutboundContact',
  inboundconsult: 'InboundConsult',
  outboundconsult: 'OutboundConsult',
  dialer: 'Dialer',
  acw: 'ACW',
  aftercontactwork: 'ACW',
  loggedout: 'LoggedOut',
  logout: 'LoggedOut',
  previousstate: 'PreviousState',
};

const SETTABLE = ['Available', 'Unavailable', 'PreviousState'];

/**
 * One of NICE's ACD state strings as a contract ACD string: a state name in NICE's spelling, or
 * an unavailable code name (`ACW/<name>` when the catalog knows it as an after-contact-work code).
 */
function acdOf(value: string, catalog: CatalogSnapshot): string {
  const word = STATE_WORDS[value.toLowerCase().replace(/[\s_-]+/g, '')];
  if (word !== undefined) return word;
  if (value.includes('/')) return value;
  const code = catalog.codes?.codes.find((candidate) => candidate.name === value);
  return code?.isAcw === true ? `ACW/${value}` : `Unavailable/${value}`;
}

/** Options of `importNiceRule`. */
export interface NiceImportOptions {
  /** The imported rule's name (NICE's answer carries none). */
  readonly name: string;
  /** The org's statuses (labels become API names) and the ACD's codes (ACW codes), when known. */
  readonly catalog: CatalogSnapshot;
}

/** Imports NICE's rule (a JSON string or the parsed answer) as a one-rule set. */
export function importNiceRule(input: unknown, options: NiceImportOptions): ImportResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [importProblem('$', `not valid JSON (${detail})`)] };
    }
  }
  if (!isPlain(value))
    return {
      ok: false,
      problems: [
        importProblem('$', 'must be an object with publisherStateMap and subscriberStateMap'),
      ],
    };
  const problems = [];
  const maps: Record<Direction, readonly unknown[]> = { publisher: [], subscriber: [] };
  for (const direction of ['publisher', 'subscriber'] as const) {
    const key = `${direction}StateMap`;
    const entries = list(own(value, key), MAX_ENTRIES);
    if (entries === undefined)
      problems.push(importProblem(key, `must be a list of at most ${MAX_ENTRIES} entries`));
    else maps[direction] = entries;
  }
  if (problems.length > 0) return { ok: false, problems };
  const notes = new Notes();
  for (const key of Object.keys(value))
    if (key !== 'publisherStateMap' && key !== 'subscriberStateMap')
      notes.add('ignored-field', key, { value: key });
  const rule: DraftRule = emptyRule(options.name);
  for (const direction of ['publisher', 'subscriber'] as const) {
    const firstPaths = new Map<string, string>();
    for (const [index, entry] of maps[direction].entries()) {
      const path = `${direction}StateMap[${index}]`;
      if (!isPlain(entry)) {
        problems.push(importProblem(path, 'must be an object'));
        continue;
      }
      const rawAcd = own(entry, 'incontactAgentState');
      const rawStatus = own(entry, 'partnerAgentState');
      for (const [name, raw] of [
        ['incontactAgentState', rawAcd],
        ['partnerAgentState', rawStatus],
      ] as const) {
        if (raw !== undefined && raw !== null && typeof raw !== 'string')
          problems.push(importProblem(`${path}.${name}`, 'must be a string'));
      }
      const acdText = blankable(rawAcd);
      const statusText = blankable(rawStatus);
      if (acdText === undefined || statusText === undefined) {
        notes.add('unmapped', path, { value: acdText ?? statusText ?? '' });
        continue;
      }
      const acd = acdOf(acdText, options.catalog);
      if (direction === 'publisher' && acd === 'PreviousState') {
        notes.add('previous-on-publisher', `${path}.incontactAgentState`, { value: acdText });
        continue;
      }
      if (direction === 'subscriber' && !SETTABLE.includes(acd.split('/')[0]!)) {
        notes.add('not-settable', `${path}.incontactAgentState`, { value: acdText });
        continue;
      }
      const salesforce = readStatus(
        statusText,
        `${path}.partnerAgentState`,
        options.catalog.statuses,
        notes,
      );
      if (salesforce === undefined) continue;
      addRow(rule, direction, { acd, salesforce }, path, notes, firstPaths);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return finish({ version: 1, rules: [rule] }, notes);
}
