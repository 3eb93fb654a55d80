/**
 * The Webex Contact Center connector's Omni-Channel state sync settings, as the Call Center record
 * holds them (Cisco's call-center definition: v2 `OpenCTI.callCenter-meta.xml` section
 * `omnichannelStateSyncConfiguration`, legacy `sfdc-callcenter-definition-file.xml` section
 * `reqOmniStateSyncConfig`; github.com/CiscoDevNet/webex-contact-center-crm-integrations):
 *
 * | v2 | legacy | value |
 * |---|---|---|
 * | `enableOmniChannelSync` | `isOmniStateSyncEnabled` | `true`/`false` |
 * | `omniChannelNotReadyReason` | `defaultOmniStateForCall` | the Omni status during a voice call |
 * | `wxCCIdleReasonCode` | `defaultOmniStateForOmniChannel` | the Webex idle code while on Omni work |
 *
 * They become one rule (docs/contract.md §5.4): `acdWork` `{ salesforce: <not-ready status>, acw:
 * true }` and `omniWork` `{ atPercent: 0.01, acd: "Unavailable/<idle code>" }`.
 *
 * Invariants: pure; a blank setting adds nothing (with a note); Call Center values are text, so
 * `"true"` and `true` are the same.
 */
import { isPlain, own } from '../core/guard.js';
import type { CatalogSnapshot } from './catalog.js';
import { emptyRule } from './draft.js';
import {
  blankable,
  finish,
  importProblem,
  type ImportResult,
  Notes,
  readStatus,
} from './import-common.js';

const NAMES = {
  enabled: ['enableOmniChannelSync', 'isOmniStateSyncEnabled'],
  status: ['omniChannelNotReadyReason', 'defaultOmniStateForCall'],
  code: ['wxCCIdleReasonCode', 'defaultOmniStateForOmniChannel'],
} as const;

/** Any Omni-Channel work at all (docs/contract.md §4: `0.01` means "any Omni work"). */
const ANY_OMNI_WORK = 0.01;

/** Options of `importWebexSettings`. */
export interface WebexImportOptions {
  readonly name: string;
  readonly catalog: CatalogSnapshot;
}

/** Imports the connector's three settings (a JSON string or object) as a one-rule set. */
export function importWebexSettings(input: unknown, options: WebexImportOptions): ImportResult {
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
      problems: [importProblem('$', `must be an object with ${NAMES.enabled[0]}, …`)],
    };
  const notes = new Notes();
  const known: string[] = Object.values(NAMES).flat();
  for (const key of Object.keys(value))
    if (!known.includes(key)) notes.add('ignored-field', key, { value: key });
  const settings = value;
  const pick = (names: readonly string[]) => {
    const key = names.find((candidate) => own(settings, candidate) !== undefined);
    return key === undefined
      ? { key: names[0]!, raw: undefined }
      : { key, raw: own(settings, key) };
  };
  const problems = [];
  const enabled = pick(NAMES.enabled);
  const on = enabled.raw === true || enabled.raw === 'true';
  if (!on && enabled.raw !== undefined && enabled.raw !== false && enabled.raw !== 'false')
    problems.push(importProblem(enabled.key, 'must be true or false'));
  const status = pick(NAMES.status);
  const code = pick(NAMES.code);
  for (const { key, raw } of [status, code])
    if (raw !== undefined && raw !== null && typeof raw !== 'string')
      problems.push(importProblem(key, 'must be text'));
  if (problems.length > 0) return { ok: false, problems };
  notes.add(on ? 'cisco-sync-on' : 'cisco-sync-off', enabled.key);
  const rule = emptyRule(options.name);
  const statusText = blankable(status.raw);
  if (statusText === undefined) notes.add('blank-setting', status.key);
  else {
    const salesforce = readStatus(statusText, status.key, options.catalog.statuses, notes);
    if (salesforce !== undefined) rule.acdWork = { salesforce, acw: true };
  }
  const codeText = blankable(code.raw);
  if (codeText === undefined) notes.add('blank-setting', code.key);
  else rule.omniWork = { atPercent: ANY_OMNI_WORK, acd: `Unavailable/${codeText}` };
  if (rule.acdWork === undefined && rule.omniWork === undefined)
    return {
      ok: false,
      problems: [
        importProblem(
          '$',
          `neither ${status.key} nor ${code.key} gives something to sync: set at least one`,
        ),
      ],
    };
  return finish({ version: 1, rules: [rule] }, notes);
}
