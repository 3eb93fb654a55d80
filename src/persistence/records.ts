/**
 * Validation of what comes back from browser storage: another version of us, another product, a
 * browser extension or a corrupted disk may have written it.
 *
 * Invariants: every reader is total (junk in, null out); a record is used only when every field
 * has the documented type and size; what is returned is a fresh object, never the stored one.
 */
import { finite, isPlain, list, name, oneOf, own, text } from '../core/guard.js';
import {
  DEADLINE_KINDS,
  DECISION_WHYS,
  DIRECTIONS,
  RESULTS,
  SIDES,
  type BeforeContact,
  type Deadline,
  type Decision,
  type DeferredWrite,
} from '../core/snapshot.js';
import {
  OFFLINE,
  isSalesforceId,
  readAcdTarget,
  type AcdTarget,
  type SalesforceStatus,
  type SubscriberTarget,
} from '../core/values.js';

/** The stored-record schema version; records of another version are foreign. */
export const RECORD_VERSION = 1;

/** Longest previous-state history kept (the machine keeps fewer). */
const HISTORY_MAX = 50;
const TEXT_MAX = 500;

/** A settable ACD target, or null. */
export function toTarget(value: unknown): AcdTarget | null {
  return readAcdTarget(value, 100);
}

function toSubscriberTarget(value: unknown): SubscriberTarget | null {
  if (isPlain(value) && own(value, 'previous') === true) return { previous: true };
  return toTarget(value);
}

/** The previous-state history, or null when any entry is malformed. */
export function toHistory(value: unknown): AcdTarget[] | null {
  const items = list(value, HISTORY_MAX);
  if (items === undefined) return null;
  const history: AcdTarget[] = [];
  for (const item of items) {
    const target = toTarget(item);
    if (target === null) return null;
    history.push(target);
  }
  return history;
}

/** A decision as the engine logs it, or null. */
export function toDecision(value: unknown): Decision | null {
  if (!isPlain(value)) return null;
  const id = finite(own(value, 'id'), 0);
  const at = finite(own(value, 'at'), 0);
  const ms = finite(own(value, 'ms'), 0);
  const why = own(value, 'why');
  const result = own(value, 'result');
  const rawRule = own(value, 'rule');
  const rule = rawRule === null ? null : text(rawRule, TEXT_MAX);
  const rawTrigger = own(value, 'trigger');
  if (
    id === undefined ||
    !Number.isInteger(id) ||
    at === undefined ||
    ms === undefined ||
    !oneOf(why, DECISION_WHYS)
  )
    return null;
  if (
    typeof result !== 'string' ||
    !oneOf(result, RESULTS) ||
    rule === undefined ||
    !isPlain(rawTrigger)
  )
    return null;
  const side = own(rawTrigger, 'side');
  const from = text(own(rawTrigger, 'from'), TEXT_MAX);
  const to = text(own(rawTrigger, 'to'), TEXT_MAX);
  const rawReason = own(rawTrigger, 'reason');
  const reason = rawReason === undefined ? undefined : text(rawReason, TEXT_MAX);
  if (
    typeof side !== 'string' ||
    !oneOf(side, SIDES) ||
    from === undefined ||
    to === undefined ||
    (rawReason !== undefined && reason === undefined)
  )
    return null;
  const rawRow = own(value, 'row');
  let row: Decision['row'] = null;
  if (rawRow !== null) {
    if (!isPlain(rawRow)) return null;
    const direction = own(rawRow, 'direction');
    const index = finite(own(rawRow, 'index'), 0);
    const rowText = text(own(rawRow, 'text'), TEXT_MAX);
    if (
      typeof direction !== 'string' ||
      !oneOf(direction, DIRECTIONS) ||
      index === undefined ||
      rowText === undefined
    )
      return null;
    row = { direction: direction as 'publisher', index, text: rowText };
  }
  const rawAction = own(value, 'action');
  let action: Decision['action'] = 'none';
  if (rawAction !== 'none') {
    if (!isPlain(rawAction)) return null;
    const actionSide = own(rawAction, 'side');
    const target = text(own(rawAction, 'target'), TEXT_MAX);
    if (typeof actionSide !== 'string' || !oneOf(actionSide, SIDES) || target === undefined)
      return null;
    action = { side: actionSide as 'acd', target };
  }
  return {
    id,
    at,
    trigger:
      reason === undefined
        ? { side: side as 'acd', from, to }
        : { side: side as 'acd', from, to, reason },
    rule,
    row,
    action,
    why,
    result: result as Decision['result'],
    ms,
  };
}

/** A deferred subscriber write, or null. */
export function toDeferred(value: unknown): DeferredWrite | null {
  if (!isPlain(value)) return null;
  const target = toSubscriberTarget(own(value, 'target'));
  const at = finite(own(value, 'at'), 0);
  const decision = toDecision(own(value, 'decision'));
  return target === null || at === undefined || decision === null ? null : { target, at, decision };
}

/** A Salesforce status as stored: a 15-character id (or null for Offline), its API name, label. */
function toStoredStatus(value: unknown): SalesforceStatus | null {
  if (!isPlain(value)) return null;
  const id = own(value, 'id');
  const apiName = text(own(value, 'apiName'), 255);
  const label = text(own(value, 'label'), 255);
  if (apiName === undefined || label === undefined) return null;
  if (id === null) return apiName === 'Offline' ? OFFLINE : null;
  return typeof id === 'string' && id.length === 15 && isSalesforceId(id)
    ? { id, apiName, label }
    : null;
}

/** The status to return to after an `acdWork` contact, or null. */
export function toBeforeContact(value: unknown): BeforeContact | null {
  if (!isPlain(value)) return null;
  const status = toStoredStatus(own(value, 'status'));
  const at = finite(own(value, 'at'), 0);
  const overridden = own(value, 'overridden');
  return status === null || at === undefined || typeof overridden !== 'boolean'
    ? null
    : { status, at, overridden };
}

/** Longest deadline id: `scheduled:` and a host id of at most 100 characters, or a timeout's. */
const DEADLINE_ID_MAX = 400;

/** A stored deadline (docs/contract.md §6.12), or null when any field is missing or malformed. */
export function toDeadline(value: unknown): Deadline | null {
  if (!isPlain(value)) return null;
  const id = name(own(value, 'id'), DEADLINE_ID_MAX);
  const kind = own(value, 'kind');
  const at = finite(own(value, 'at'), 0);
  const warnAt = finite(own(value, 'warnAt'), 0);
  const setAt = finite(own(value, 'setAt'), 0);
  const warning = own(value, 'warning');
  const side = own(value, 'side');
  const target = name(own(value, 'target'), 255);
  const rawSource = own(value, 'source');
  const source = rawSource === undefined ? undefined : name(rawSource, 255);
  const rawUntil = own(value, 'until');
  const until = rawUntil === undefined ? undefined : finite(rawUntil, 0);
  const held = own(value, 'held');
  if (
    id === undefined ||
    !oneOf(kind, DEADLINE_KINDS) ||
    kind === 'idle' ||
    !id.startsWith(`${kind}:`) ||
    at === undefined ||
    warnAt === undefined ||
    setAt === undefined ||
    warnAt > at ||
    typeof warning !== 'boolean' ||
    !(side === null || oneOf(side, SIDES)) ||
    (side === null && (kind !== 'timeout' || target !== 'notify')) ||
    target === undefined ||
    (rawSource !== undefined && source === undefined) ||
    (rawUntil !== undefined && (until === undefined || until <= at)) ||
    (held !== undefined && held !== true)
  )
    return null;
  return {
    id,
    kind,
    at,
    warnAt,
    warning,
    side,
    target,
    ...(source !== undefined ? { source } : {}),
    ...(until !== undefined ? { until } : {}),
    setAt,
    ...(held === true ? { held } : {}),
  };
}
