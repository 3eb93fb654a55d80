/**
 * The rule document's fields, one at a time: ACD state strings, Salesforce status references, row
 * text, and the collector of problems with their JSON paths.
 *
 * Invariants: a field parser either returns the parsed value or adds a problem at its path and
 * returns undefined; none throws; only own data properties are read (core/guard.ts).
 */
import { ErrorCode, type Problem } from '../errors.js';
import { isPlain, own } from '../guard.js';
import type { AcdPattern, StatusRef } from './types.js';
import { type AcdBase, id15, type SubscriberTarget } from '../values.js';

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

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export class Collector {
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

export function checkKeys(
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

export function checkText(
  value: unknown,
  path: string,
  out: Collector,
  what: string,
): string | undefined {
  if (typeof value !== 'string') {
    out.add(path, `${what} must be a string, got ${describeValue(value)}`);
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

export function parseAcd(value: unknown, path: string, out: Collector): ParsedAcd | undefined {
  let keyword: string | undefined;
  let code: string | undefined;
  if (isPlain(value)) {
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
      // A bare word that is no keyword is an unavailable code name (docs/contract.md §4): "Lunch" ≡ "Unavailable/Lunch".
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

export function parseStatusRef(
  value: unknown,
  path: string,
  out: Collector,
): StatusRef | undefined {
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

export function patternKey(pattern: AcdPattern): string {
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

export function refKey(ref: StatusRef): string {
  return ref.kind === 'offline' ? 'Offline' : ref.kind === 'id' ? ref.id : ref.apiName;
}

export function toTarget(parsed: ParsedAcd): SubscriberTarget | undefined {
  if (parsed.kind === 'PreviousState') return { previous: true };
  if (parsed.kind === 'Available') return { state: 'Available' };
  if (parsed.kind === 'Unavailable') return { state: 'Unavailable', reason: parsed.code ?? '' };
  return undefined;
}

export function rowText(
  acd: unknown,
  salesforce: unknown,
  direction: 'publisher' | 'subscriber',
): string {
  const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return direction === 'publisher'
    ? `${show(acd)} → ${show(salesforce)}`
    : `${show(salesforce)} → ${show(acd)}`;
}
