/**
 * The presence rule document (CONTRACT.md §4): parse, validate, select, match.
 *
 * Invariants:
 * - `parseRules` never throws on bad input: it returns every problem it found, each with the JSON
 *   path of the offending value, and no document at all when there is any problem (an engine must
 *   never run half a rule).
 * - Only own, enumerable properties are read: `__proto__`, `constructor` and friends in a JSON
 *   document are just unknown keys.
 * - Matching is pure and total: every ACD state and every Salesforce status either matches exactly
 *   one row (the most specific) or none.
 */
import { ErrorCode, type Problem } from './errors.js';
import {
  CONTACT_BASES,
  type AcdBase,
  type AcdState,
  type AcdTarget,
  type AgentIdentity,
  type OmniTarget,
  type SalesforceStatus,
  type StatusInfo,
  type SubscriberTarget,
  type UnavailableCode,
} from './state.js';

/** What a publisher row's ACD side matches. */
export type AcdPattern =
  | { readonly kind: 'Available' }
  | { readonly kind: 'Unavailable'; readonly code?: string }
  | { readonly kind: 'ACW'; readonly code?: string }
  | { readonly kind: 'contact'; readonly state: AcdBase }
  | { readonly kind: 'LoggedOut' };

/** A Salesforce status as a rule names it. */
export type StatusRef =
  | { readonly kind: 'offline' }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'apiName'; readonly apiName: string };

/** ACD → Salesforce. */
export interface PublisherRow {
  readonly index: number;
  readonly text: string;
  readonly acd: AcdPattern;
  readonly salesforce: StatusRef;
}

/** Salesforce → ACD. */
export interface SubscriberRow {
  readonly index: number;
  readonly text: string;
  readonly salesforce: StatusRef;
  readonly acd: SubscriberTarget;
}

/** One rule of the document, parsed. */
export interface Rule {
  readonly name: string;
  readonly index: number;
  readonly publisher: readonly PublisherRow[];
  readonly subscriber: readonly SubscriberRow[];
  readonly omniWork: {
    readonly atPercent: number;
    readonly acd: AcdTarget;
    readonly text: string;
  } | null;
  readonly skipUnavailableCodeValidation: boolean;
  readonly teams: readonly string[];
  readonly users: readonly string[];
}

/** The whole document, parsed and structurally valid. */
export interface RuleDocument {
  readonly version: 1;
  readonly orgId?: string;
  readonly rules: readonly Rule[];
}

/** The outcome of `parseRules`: a document, or every problem found. */
export type ParseResult =
  | { readonly ok: true; readonly document: RuleDocument }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const MAX_DOCUMENT_CHARS = 1_000_000;
const MAX_RULES = 200;
const MAX_ROWS = 500;
const MAX_TEXT = 200;

const KEYWORDS: Record<string, string> = {
  available: 'Available',
  unavailable: 'Unavailable',
  inboundcontact: 'InboundContact',
  outboundcontact: 'OutboundContact',
  inboundconsult: 'InboundConsult',
  outboundconsult: 'OutboundConsult',
  dialer: 'Dialer',
  acw: 'ACW',
  loggedout: 'LoggedOut',
  previousstate: 'PreviousState',
};

const STATUS_ID = /^0N5[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const ORG_ID = /^00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

/** Salesforce ids are compared on their case-sensitive 15-character form (18-char ids add a checksum). */
export function id15(id: string): string {
  return id.slice(0, 15);
}

function own(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

class Collector {
  readonly problems: Problem[] = [];
  add(path: string, message: string): void {
    if (this.problems.length < 100) {
      this.problems.push({
        code: ErrorCode.rulesInvalid,
        message: `${path}: ${message}`,
        recoverable: false,
        path,
      });
    }
  }
}

function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  out: Collector,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      out.add(
        path === '' ? key : `${path}.${key}`,
        `unknown property (expected one of ${allowed.join(', ')})`,
      );
  }
}

function checkText(value: unknown, path: string, out: Collector, what: string): string | undefined {
  if (typeof value !== 'string') {
    out.add(path, `${what} must be a string, got ${describe(value)}`);
    return undefined;
  }
  if (value.trim() === '') {
    out.add(path, `${what} must not be empty`);
    return undefined;
  }
  if (value !== value.trim()) {
    out.add(path, `${what} "${value}" has leading or trailing spaces (names are matched exactly)`);
    return undefined;
  }
  if (value.length > MAX_TEXT) {
    out.add(path, `${what} is longer than ${MAX_TEXT} characters`);
    return undefined;
  }
  return value;
}

type ParsedAcd = AcdPattern | { readonly kind: 'PreviousState' };

function parseAcd(value: unknown, path: string, out: Collector): ParsedAcd | undefined {
  let keyword: string | undefined;
  let code: string | undefined;
  if (isPlainObject(value)) {
    checkKeys(value, ['state', 'reason'], path, out);
    const state = checkText(own(value, 'state'), `${path}.state`, out, 'ACD state');
    if (state === undefined) return undefined;
    keyword = KEYWORDS[state.toLowerCase()];
    if (keyword === undefined) {
      out.add(
        `${path}.state`,
        `unknown ACD state "${state}" (expected ${Object.values(KEYWORDS).join(', ')})`,
      );
      return undefined;
    }
    const reason = own(value, 'reason');
    if (reason !== undefined && reason !== '') {
      code = checkText(reason, `${path}.reason`, out, 'reason');
      if (code === undefined) return undefined;
    }
  } else {
    const text = checkText(value, path, out, 'ACD state');
    if (text === undefined) return undefined;
    const slash = text.indexOf('/');
    const head = slash === -1 ? text : text.slice(0, slash);
    keyword = KEYWORDS[head.toLowerCase()];
    if (slash !== -1) {
      if (keyword !== 'Unavailable' && keyword !== 'ACW') {
        out.add(path, `"${text}": only Unavailable/<code> and ACW/<code> take a code name`);
        return undefined;
      }
      code = text.slice(slash + 1);
      if (code.trim() === '' || code !== code.trim()) {
        out.add(
          path,
          `"${text}": the code name after "/" is empty or has leading or trailing spaces`,
        );
        return undefined;
      }
    } else if (keyword === undefined) {
      // A bare word that is no keyword is an unavailable code name (CONTRACT.md §4): "Lunch" ≡ "Unavailable/Lunch".
      keyword = 'Unavailable';
      code = text;
    }
  }
  if (code !== undefined && keyword !== 'Unavailable' && keyword !== 'ACW') {
    out.add(path, `${keyword} takes no reason`);
    return undefined;
  }
  switch (keyword) {
    case 'Available':
    case 'LoggedOut':
    case 'PreviousState':
      return { kind: keyword };
    case 'Unavailable':
    case 'ACW':
      return code === undefined ? { kind: keyword } : { kind: keyword, code };
    default:
      return { kind: 'contact', state: keyword as AcdBase };
  }
}

function parseStatusRef(value: unknown, path: string, out: Collector): StatusRef | undefined {
  const text = checkText(value, path, out, 'Salesforce status');
  if (text === undefined) return undefined;
  if (text.toLowerCase() === 'offline') return { kind: 'offline' };
  if (text.startsWith('0N5')) {
    if (!STATUS_ID.test(text)) {
      out.add(
        path,
        `"${text}" looks like a presence status id but is not 15 or 18 letters and digits`,
      );
      return undefined;
    }
    return { kind: 'id', id: id15(text) };
  }
  if (!API_NAME.test(text) || text.endsWith('_') || text.length > 80) {
    out.add(
      path,
      `"${text}" is not a presence status API name (letters, digits and single underscores, starting with a letter) nor a 0N5… id`,
    );
    return undefined;
  }
  return { kind: 'apiName', apiName: text };
}

function patternKey(pattern: AcdPattern): string {
  switch (pattern.kind) {
    case 'Unavailable':
    case 'ACW':
      return pattern.code === undefined ? pattern.kind : `${pattern.kind}/${pattern.code}`;
    case 'contact':
      return pattern.state;
    default:
      return pattern.kind;
  }
}

function refKey(ref: StatusRef): string {
  return ref.kind === 'offline' ? 'Offline' : ref.kind === 'id' ? ref.id : ref.apiName;
}

function toTarget(parsed: ParsedAcd): SubscriberTarget | undefined {
  if (parsed.kind === 'PreviousState') return { previous: true };
  if (parsed.kind === 'Available') return { state: 'Available' };
  if (parsed.kind === 'Unavailable') return { state: 'Unavailable', reason: parsed.code ?? '' };
  return undefined;
}

function rowText(acd: unknown, salesforce: unknown, direction: 'publisher' | 'subscriber'): string {
  const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return direction === 'publisher'
    ? `${show(acd)} → ${show(salesforce)}`
    : `${show(salesforce)} → ${show(acd)}`;
}

function parseRows(
  value: unknown,
  path: string,
  direction: 'publisher' | 'subscriber',
  out: Collector,
) {
  const publisher: PublisherRow[] = [];
  const subscriber: SubscriberRow[] = [];
  if (value === undefined) return { publisher, subscriber };
  if (!Array.isArray(value)) {
    out.add(path, `must be a list of rows, got ${describe(value)}`);
    return { publisher, subscriber };
  }
  if (value.length > MAX_ROWS)
    out.add(path, `has ${value.length} rows; at most ${MAX_ROWS} are allowed`);
  const seen = new Map<string, number>();
  value.slice(0, MAX_ROWS).forEach((row, index) => {
    const rowPath = `${path}[${index}]`;
    if (!isPlainObject(row)) {
      out.add(rowPath, `must be an object with "acd" and "salesforce", got ${describe(row)}`);
      return;
    }
    checkKeys(row, ['acd', 'salesforce'], rowPath, out);
    const acdRaw = own(row, 'acd');
    const sfRaw = own(row, 'salesforce');
    const acd = parseAcd(acdRaw, `${rowPath}.acd`, out);
    const salesforce = parseStatusRef(sfRaw, `${rowPath}.salesforce`, out);
    const target = acd === undefined || direction === 'publisher' ? undefined : toTarget(acd);
    if (acd !== undefined && direction === 'publisher' && acd.kind === 'PreviousState') {
      out.add(
        `${rowPath}.acd`,
        'PreviousState is only allowed as a subscriber target (Salesforce → ACD)',
      );
      return;
    }
    if (acd !== undefined && direction === 'subscriber' && target === undefined) {
      out.add(
        `${rowPath}.acd`,
        `${patternKey(acd as AcdPattern)} cannot be set on the contact center: use Available, Unavailable, Unavailable/<code> or PreviousState`,
      );
      return;
    }
    if (acd === undefined || salesforce === undefined) return;
    const text = rowText(acdRaw, sfRaw, direction);
    if (direction === 'publisher') {
      if (acd.kind === 'PreviousState') return;
      const key = patternKey(acd);
      const first = seen.get(key);
      if (first !== undefined)
        out.add(
          `${rowPath}.acd`,
          `duplicate source: "${key}" is already mapped by ${path}[${first}]`,
        );
      else seen.set(key, index);
      publisher.push({ index, text, acd, salesforce });
    } else {
      if (target === undefined) return;
      const key = refKey(salesforce);
      const first = seen.get(key);
      if (first !== undefined)
        out.add(
          `${rowPath}.salesforce`,
          `duplicate source: "${key}" is already mapped by ${path}[${first}]`,
        );
      else seen.set(key, index);
      subscriber.push({ index, text, salesforce, acd: target });
    }
  });
  return { publisher, subscriber };
}

function parseList(value: unknown, path: string, out: Collector): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    out.add(path, `must be a list of strings, got ${describe(value)}`);
    return [];
  }
  const result: string[] = [];
  value.slice(0, MAX_ROWS).forEach((item, index) => {
    const text = checkText(item, `${path}[${index}]`, out, 'entry');
    if (text !== undefined) result.push(text);
  });
  return result;
}

function parseRule(value: unknown, index: number, out: Collector): Rule | undefined {
  const path = `rules[${index}]`;
  if (!isPlainObject(value)) {
    out.add(path, `must be an object, got ${describe(value)}`);
    return undefined;
  }
  checkKeys(
    value,
    [
      'name',
      'publisher',
      'subscriber',
      'omniWork',
      'skipUnavailableCodeValidation',
      'teams',
      'users',
    ],
    path,
    out,
  );
  const name = checkText(own(value, 'name'), `${path}.name`, out, 'rule name');
  const { publisher } = parseRows(own(value, 'publisher'), `${path}.publisher`, 'publisher', out);
  const { subscriber } = parseRows(
    own(value, 'subscriber'),
    `${path}.subscriber`,
    'subscriber',
    out,
  );
  if (
    publisher.length === 0 &&
    subscriber.length === 0 &&
    own(value, 'publisher') === undefined &&
    own(value, 'subscriber') === undefined
  ) {
    out.add(path, 'has neither publisher nor subscriber rows');
  }
  const skip = own(value, 'skipUnavailableCodeValidation');
  if (skip !== undefined && typeof skip !== 'boolean')
    out.add(
      `${path}.skipUnavailableCodeValidation`,
      `must be true or false, got ${describe(skip)}`,
    );
  let omniWork: Rule['omniWork'] = null;
  const work = own(value, 'omniWork');
  if (work !== undefined) {
    if (!isPlainObject(work))
      out.add(
        `${path}.omniWork`,
        `must be an object with "atPercent" and "acd", got ${describe(work)}`,
      );
    else {
      checkKeys(work, ['atPercent', 'acd'], `${path}.omniWork`, out);
      const atPercent = own(work, 'atPercent');
      const valid =
        typeof atPercent === 'number' &&
        Number.isFinite(atPercent) &&
        atPercent > 0 &&
        atPercent <= 100;
      if (!valid)
        out.add(
          `${path}.omniWork.atPercent`,
          `must be a number above 0 and at most 100, got ${describe(atPercent)}`,
        );
      const acdRaw = own(work, 'acd');
      const parsed = parseAcd(acdRaw, `${path}.omniWork.acd`, out);
      const target = parsed === undefined ? undefined : toTarget(parsed);
      if (parsed !== undefined && (target === undefined || 'previous' in target)) {
        out.add(`${path}.omniWork.acd`, 'must be Available, Unavailable or Unavailable/<code>');
      } else if (valid && target !== undefined && !('previous' in target)) {
        omniWork = {
          atPercent: atPercent as number,
          acd: target,
          text: `workload ≥ ${atPercent as number}% → ${typeof acdRaw === 'string' ? acdRaw : JSON.stringify(acdRaw)}`,
        };
      }
    }
  }
  const teams = parseList(own(value, 'teams'), `${path}.teams`, out);
  const users = parseList(own(value, 'users'), `${path}.users`, out);
  if (name === undefined) return undefined;
  return {
    name,
    index,
    publisher,
    subscriber,
    omniWork,
    skipUnavailableCodeValidation: skip === true,
    teams,
    users,
  };
}

/**
 * Parses and structurally validates a rule document given as a JSON string or an object.
 * Context checks that need the org's statuses or the agent's codes are in `validateRuleContext`.
 */
export function parseRules(input: unknown): ParseResult {
  const out = new Collector();
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_DOCUMENT_CHARS) {
      out.add(
        '$',
        `the document is ${input.length} characters; at most ${MAX_DOCUMENT_CHARS} are allowed`,
      );
      return { ok: false, problems: out.problems };
    }
    try {
      value = JSON.parse(input);
    } catch (error) {
      out.add('$', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return { ok: false, problems: out.problems };
    }
  }
  if (!isPlainObject(value)) {
    out.add('$', `the rule document must be an object, got ${describe(value)}`);
    return { ok: false, problems: out.problems };
  }
  checkKeys(value, ['version', 'orgId', 'rules'], '', out);
  const version = own(value, 'version');
  if (version !== 1) out.add('version', `must be 1, got ${describe(version)}`);
  const orgId = own(value, 'orgId');
  if (orgId !== undefined && (typeof orgId !== 'string' || !ORG_ID.test(orgId))) {
    out.add(
      'orgId',
      `must be a 15- or 18-character Salesforce org id starting with 00D, got ${describe(orgId)}`,
    );
  }
  const rawRules = own(value, 'rules');
  const rules: Rule[] = [];
  if (!Array.isArray(rawRules) || rawRules.length === 0) {
    out.add('rules', `must be a non-empty list of rules, got ${describe(rawRules)}`);
  } else {
    if (rawRules.length > MAX_RULES)
      out.add('rules', `has ${rawRules.length} rules; at most ${MAX_RULES} are allowed`);
    const names = new Map<string, number>();
    rawRules.slice(0, MAX_RULES).forEach((raw, index) => {
      const rule = parseRule(raw, index, out);
      if (rule === undefined) return;
      const first = names.get(rule.name);
      if (first !== undefined)
        out.add(
          `rules[${index}].name`,
          `duplicate rule name "${rule.name}" (also rules[${first}])`,
        );
      else names.set(rule.name, index);
      rules.push(rule);
    });
  }
  if (out.problems.length > 0) return { ok: false, problems: out.problems };
  const document: RuleDocument =
    typeof orgId === 'string' ? { version: 1, orgId: id15(orgId), rules } : { version: 1, rules };
  return { ok: true, document };
}

/** Compares an id-like string the Salesforce way (15 characters) when both look like Salesforce ids. */
function sameId(a: string, b: string): boolean {
  const sf = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;
  return sf.test(a) && sf.test(b) ? id15(a) === id15(b) : a === b;
}

/** The outcome of rule selection: a rule, or `rules-ambiguous` / `rules-no-match`. */
export type Selection =
  { readonly ok: true; readonly rule: Rule } | { readonly ok: false; readonly problem: Problem };

/**
 * Picks the rule for the signed-in agent: a rule listing the agent (CXone agent id or Salesforce
 * user id), else one listing the agent's team (id or name), else one that lists neither.
 */
export function selectRule(
  document: RuleDocument,
  identity: AgentIdentity | null,
  userId?: string,
): Selection {
  const ids = [identity?.agentId, identity?.userId, userId].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const teams = [identity?.teamId, identity?.teamName].filter(
    (team): team is string => typeof team === 'string' && team !== '',
  );
  const levels: Array<{ what: string; rules: Rule[] }> = [
    {
      what: 'the agent',
      rules: document.rules.filter((rule) =>
        rule.users.some((user) => ids.some((id) => sameId(user, id))),
      ),
    },
    {
      what: "the agent's team",
      rules: document.rules.filter((rule) => rule.teams.some((team) => teams.includes(team))),
    },
    {
      what: 'nobody in particular (the default)',
      rules: document.rules.filter((rule) => rule.teams.length === 0 && rule.users.length === 0),
    },
  ];
  for (const level of levels) {
    if (level.rules.length === 1) return { ok: true, rule: level.rules[0] as Rule };
    if (level.rules.length > 1) {
      const names = level.rules.map((rule) => `"${rule.name}"`).join(', ');
      return {
        ok: false,
        problem: {
          code: ErrorCode.rulesAmbiguous,
          message: `Rules ${names} all apply to ${level.what}; keep one.`,
          recoverable: false,
        },
      };
    }
  }
  const who =
    [...ids.map((id) => `user ${id}`), ...teams.map((team) => `team ${team}`)].join(', ') ||
    'an agent with no identity yet';
  return {
    ok: false,
    problem: {
      code: ErrorCode.rulesNoMatch,
      message: `No rule applies to ${who}: add the user or team to a rule, or add a rule with neither.`,
      recoverable: false,
    },
  };
}

/** Finds a status in the catalogue by a rule's reference. */
export function findStatus(
  ref: StatusRef,
  catalogue: readonly StatusInfo[],
): StatusInfo | undefined {
  if (ref.kind === 'offline') return undefined;
  return ref.kind === 'id'
    ? catalogue.find((status) => id15(status.id) === ref.id)
    : catalogue.find((status) => status.apiName === ref.apiName);
}

function codesUsed(
  rule: Rule,
): Array<{ path: string; code: string; acw: boolean; target: boolean }> {
  const used: Array<{ path: string; code: string; acw: boolean; target: boolean }> = [];
  const base = `rules[${rule.index}]`;
  for (const row of rule.publisher) {
    if ((row.acd.kind === 'Unavailable' || row.acd.kind === 'ACW') && row.acd.code !== undefined) {
      used.push({
        path: `${base}.publisher[${row.index}].acd`,
        code: row.acd.code,
        acw: row.acd.kind === 'ACW',
        target: false,
      });
    }
  }
  for (const row of rule.subscriber) {
    if (!('previous' in row.acd) && row.acd.state === 'Unavailable' && row.acd.reason !== '') {
      used.push({
        path: `${base}.subscriber[${row.index}].acd`,
        code: row.acd.reason,
        acw: false,
        target: true,
      });
    }
  }
  if (
    rule.omniWork &&
    rule.omniWork.acd.state === 'Unavailable' &&
    rule.omniWork.acd.reason !== ''
  ) {
    used.push({
      path: `${base}.omniWork.acd`,
      code: rule.omniWork.acd.reason,
      acw: false,
      target: true,
    });
  }
  return used;
}

/**
 * Checks a selected rule against what only the running systems know: the statuses the user may use
 * (when the host lists them) and the agent's team unavailable codes (unless the rule skips that).
 */
export function validateRuleContext(
  rule: Rule,
  statuses: readonly StatusInfo[] | null,
  codes: readonly UnavailableCode[] | null,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, code: ErrorCode = ErrorCode.rulesInvalid) =>
    problems.push({ code, message: `${path}: ${message}`, recoverable: false, path });
  const base = `rules[${rule.index}]`;
  if (statuses !== null) {
    const known = statuses.map((status) => status.apiName).join(', ') || 'none';
    const check = (ref: StatusRef, path: string) => {
      if (ref.kind !== 'offline' && findStatus(ref, statuses) === undefined) {
        add(
          path,
          `Salesforce status "${refKey(ref)}" is not one this user may use (known: ${known})`,
          ErrorCode.statusNotPermitted,
        );
      }
    };
    rule.publisher.forEach((row) =>
      check(row.salesforce, `${base}.publisher[${row.index}].salesforce`),
    );
    rule.subscriber.forEach((row) =>
      check(row.salesforce, `${base}.subscriber[${row.index}].salesforce`),
    );
  }
  for (const use of codesUsed(rule)) {
    const code = codes?.find((candidate) => candidate.name === use.code);
    if (use.target && code?.isAcw) {
      add(
        use.path,
        `"${use.code}" is an after-contact-work code; CXone only accepts it during a contact`,
      );
    } else if (!rule.skipUnavailableCodeValidation) {
      if (codes === null) {
        add(
          use.path,
          `code "${use.code}" cannot be checked: the agent app sends no team codes (set skipUnavailableCodeValidation to true)`,
        );
      } else if (code === undefined || (!code.isActive && use.target)) {
        const names =
          codes
            .filter((candidate) => candidate.isActive)
            .map((candidate) => candidate.name)
            .join(', ') || 'none';
        add(
          use.path,
          `unavailable code "${use.code}" is not among the team's active codes (${names}); codes are case-sensitive`,
        );
      }
    }
  }
  return problems;
}

/** True while the agent is on a contact or in after-contact work: subscriber writes wait. */
export function isBusy(state: AcdState): boolean {
  return state.isAcw || CONTACT_BASES.includes(state.state);
}

/** The settable form of a state, or null when the platform owns it (contact, ACW, logged out). */
export function settableOf(state: AcdState): AcdTarget | null {
  if (isBusy(state)) return null;
  if (state.state === 'Available') return { state: 'Available' };
  if (state.state === 'Unavailable') return { state: 'Unavailable', reason: state.reason };
  return null;
}

/** Publisher matching: the most specific row wins (`Unavailable/<code>` before `Unavailable`, `ACW/<code>` before `ACW`). */
export function matchPublisher(rule: Rule, state: AcdState): PublisherRow | null {
  const find = (predicate: (pattern: AcdPattern) => boolean) =>
    rule.publisher.find((row) => predicate(row.acd)) ?? null;
  if (state.isAcw) {
    return (
      find((p) => p.kind === 'ACW' && p.code === state.reason) ??
      find((p) => p.kind === 'ACW' && p.code === undefined)
    );
  }
  switch (state.state) {
    case 'Available':
      return find((p) => p.kind === 'Available');
    case 'Unavailable':
      return (
        find((p) => p.kind === 'Unavailable' && p.code !== undefined && p.code === state.reason) ??
        find((p) => p.kind === 'Unavailable' && p.code === undefined)
      );
    case 'LoggedOut':
      return find((p) => p.kind === 'LoggedOut');
    default:
      return find((p) => p.kind === 'contact' && p.state === state.state);
  }
}

/** Whether a rule's status reference names this status (ids on 15 characters, API names exactly). */
export function refMatches(ref: StatusRef, status: SalesforceStatus): boolean {
  if (ref.kind === 'offline') return status.id === null;
  if (status.id === null) return false;
  return ref.kind === 'id' ? id15(status.id) === ref.id : status.apiName === ref.apiName;
}

/** Subscriber matching: the row whose Salesforce status is the given one. */
export function matchSubscriber(rule: Rule, status: SalesforceStatus): SubscriberRow | null {
  return rule.subscriber.find((row) => refMatches(row.salesforce, status)) ?? null;
}

/** Turns a rule's status reference into something Omni-Channel can be told, or null when unknown. */
export function resolveOmniTarget(
  ref: StatusRef,
  catalogue: readonly StatusInfo[],
): OmniTarget | null {
  if (ref.kind === 'offline') return { logout: true };
  const status = findStatus(ref, catalogue);
  return status === undefined
    ? null
    : { statusId: id15(status.id), apiName: status.apiName, label: status.label };
}

/** `Available`, `Unavailable`, `Unavailable/Lunch`, `ACW/Wrap`, `InboundContact`… */
export function formatAcd(state: AcdState | AcdTarget): string {
  if ('isAcw' in state && state.isAcw) return state.reason === '' ? 'ACW' : `ACW/${state.reason}`;
  if (state.state === 'Unavailable')
    return state.reason === '' ? 'Unavailable' : `Unavailable/${state.reason}`;
  return state.state;
}

/** The API name of a status, or `Offline`. */
export function formatStatus(status: SalesforceStatus | OmniTarget): string {
  if ('logout' in status) return 'Offline';
  return status.apiName || (status as SalesforceStatus).id || 'Offline';
}

/** Whether two ACD targets are the same settable state. */
export function sameTarget(a: AcdTarget, b: AcdTarget): boolean {
  return (
    a.state === b.state &&
    (a.state === 'Available' || a.reason === (b as { reason: string }).reason)
  );
}

/** Whether an observed ACD state is exactly this settable target. */
export function stateIs(state: AcdState, target: AcdTarget): boolean {
  const settable = settableOf(state);
  return settable !== null && sameTarget(settable, target);
}

/** Whether an observed Salesforce status is what this Omni target sets. */
export function statusIs(status: SalesforceStatus, target: OmniTarget): boolean {
  return 'logout' in target
    ? status.id === null
    : status.id !== null && id15(status.id) === target.statusId;
}

/** The keyword list, for editors and error messages. */
export const ACD_KEYWORDS: readonly string[] = Object.values(KEYWORDS);
