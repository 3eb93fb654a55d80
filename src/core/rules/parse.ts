/**
 * `parseRules`: the rule document from untrusted JSON (an App Manager attribute, a host's object).
 *
 * Invariants:
 * - Never throws on bad input: it returns every problem it found, each with the JSON path of the
 *   offending value, and no document at all when there is any problem (an engine must never run
 *   half a rule).
 * - Only own, enumerable data properties are read: `__proto__`, `constructor` and friends in a JSON
 *   document are just unknown keys.
 */
import { checkAcdWorkRows, parseAcdWork, parseOmniWork } from './work.js';
import { parseTimeouts } from './timeouts.js';
import { isPlain, own } from '../guard.js';
import {
  checkKeys,
  checkText,
  Collector,
  describeValue,
  parseAcd,
  parseStatusRef,
  patternKey,
  refKey,
  rowText,
  toTarget,
} from './fields.js';
import type {
  AcdPattern,
  ParseResult,
  PublisherRow,
  Rule,
  RuleDocument,
  SubscriberRow,
} from './types.js';
import { id15 } from '../values.js';

const MAX_DOCUMENT_CHARS = 1_000_000;

const MAX_RULES = 200;

const MAX_ROWS = 500;

const ORG_ID = /^00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/;

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
    out.add(path, `must be a list of rows, got ${describeValue(value)}`);
    return { publisher, subscriber };
  }
  if (value.length > MAX_ROWS)
    out.add(path, `has ${value.length} rows; at most ${MAX_ROWS} are allowed`);
  const seen = new Map<string, number>();
  value.slice(0, MAX_ROWS).forEach((row, index) => {
    const rowPath = `${path}[${index}]`;
    if (!isPlain(row)) {
      out.add(rowPath, `must be an object with "acd" and "salesforce", got ${describeValue(row)}`);
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
    out.add(path, `must be a list of strings, got ${describeValue(value)}`);
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
  if (!isPlain(value)) {
    out.add(path, `must be an object, got ${describeValue(value)}`);
    return undefined;
  }
  checkKeys(
    value,
    [
      'name',
      'publisher',
      'subscriber',
      'omniWork',
      'acdWork',
      'timeouts',
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
    own(value, 'subscriber') === undefined &&
    own(value, 'omniWork') === undefined &&
    own(value, 'acdWork') === undefined
  ) {
    out.add(path, 'has neither publisher nor subscriber rows, nor omniWork or acdWork');
  }
  const skip = own(value, 'skipUnavailableCodeValidation');
  if (skip !== undefined && typeof skip !== 'boolean')
    out.add(
      `${path}.skipUnavailableCodeValidation`,
      `must be true or false, got ${describeValue(skip)}`,
    );
  const omniWork = parseOmniWork(own(value, 'omniWork'), `${path}.omniWork`, out);
  const acdWork = parseAcdWork(own(value, 'acdWork'), `${path}.acdWork`, out);
  if (acdWork !== null) checkAcdWorkRows(acdWork, publisher, `${path}.publisher`, out);
  const timeouts = parseTimeouts(own(value, 'timeouts'), `${path}.timeouts`, out);
  const teams = parseList(own(value, 'teams'), `${path}.teams`, out);
  const users = parseList(own(value, 'users'), `${path}.users`, out);
  if (name === undefined) return undefined;
  return {
    name,
    index,
    publisher,
    subscriber,
    omniWork,
    acdWork,
    timeouts,
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
  if (!isPlain(value)) {
    out.add('$', `the rule document must be an object, got ${describeValue(value)}`);
    return { ok: false, problems: out.problems };
  }
  checkKeys(value, ['version', 'orgId', 'rules'], '', out);
  const version = own(value, 'version');
  if (version !== 1) out.add('version', `must be 1, got ${describeValue(version)}`);
  const orgId = own(value, 'orgId');
  if (orgId !== undefined && (typeof orgId !== 'string' || !ORG_ID.test(orgId))) {
    out.add(
      'orgId',
      `must be a 15- or 18-character Salesforce org id starting with 00D, got ${describeValue(orgId)}`,
    );
  }
  const rawRules = own(value, 'rules');
  const rules: Rule[] = [];
  if (!Array.isArray(rawRules) || rawRules.length === 0) {
    out.add('rules', `must be a non-empty list of rules, got ${describeValue(rawRules)}`);
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
