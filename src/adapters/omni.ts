/**
 * Omni-Channel boundary: turns toolkit results and console events into engine inputs.
 *
 * Salesforce quirks handled here (the console event and toolkit references): ids compared on 15
 * characters; workload numbers arrive as numbers or numeric strings; `reason` may be absent. The
 * engine reads no `channels` or `works` (Omni work comes from the workload events). Anything
 * malformed yields null, never an exception.
 */
import { ErrorCode, describeRejection } from '../core/errors.js';
import type { Fact } from '../core/inputs.js';
import type { OmniStatusResult } from '../core/ports.js';
import { id15, isSalesforceId } from '../core/values.js';
import { own, text as boundedText } from '../core/guard.js';
import type { SalesforceStatus, StatusInfo } from '../core/values.js';

const TEXT_LIMIT = 255;

const text = (value: unknown): string | undefined => boundedText(value, TEXT_LIMIT);

/** A toolkit status result (or event detail) as a `SalesforceStatus`, or null when malformed. */
export function toStatus(
  result: Partial<OmniStatusResult> | Record<string, unknown> | null | undefined,
): SalesforceStatus | null {
  if (typeof result !== 'object' || result === null) return null;
  const record = result as Record<string, unknown>;
  const id = text(own(record, 'statusId'));
  if (id === undefined || !isSalesforceId(id)) return null;
  return {
    id: id15(id),
    apiName: text(own(record, 'statusApiName')) ?? '',
    label: text(own(record, 'statusName')) ?? text(own(record, 'statusApiName')) ?? '',
  };
}

/** `listStatuses()` rows, normalised and filtered to well-formed ones. */
export function toStatusList(rows: unknown): StatusInfo[] {
  if (!Array.isArray(rows)) return [];
  const list: StatusInfo[] = [];
  for (const row of rows.slice(0, 500)) {
    if (typeof row !== 'object' || row === null) continue;
    const record = row as Record<string, unknown>;
    const id = text(own(record, 'id'));
    const apiName = text(own(record, 'apiName'));
    if (id === undefined || !isSalesforceId(id) || apiName === undefined || apiName === '')
      continue;
    list.push({
      id: id15(id),
      apiName,
      label: text(own(record, 'label')) ?? apiName,
      online: own(record, 'online') === true,
    });
  }
  return list;
}

/** Coerces a workload figure that Salesforce documents as number in one place and string in another. */
export function toCount(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : null;
}

/** Translates one console event into an engine fact, or null for events the engine does not use. */
export function omniEventToFact(event: unknown): Fact | null {
  if (typeof event !== 'object' || event === null) return null;
  const type = (event as { type?: unknown }).type;
  const rawDetail = (event as { detail?: unknown }).detail;
  const detail =
    typeof rawDetail === 'object' && rawDetail !== null
      ? (rawDetail as Record<string, unknown>)
      : {};
  const reason = text(own(detail, 'reason'));
  switch (type) {
    case 'lightning:omniChannelStatusChanged': {
      const status = toStatus(detail);
      if (status === null) return null;
      return reason
        ? { type: 'omni.statusChanged', status, reason }
        : { type: 'omni.statusChanged', status };
    }
    case 'lightning:omniChannelLoginSuccess': {
      const statusId = text(own(detail, 'statusId'));
      return statusId !== undefined && isSalesforceId(statusId)
        ? { type: 'omni.loginSucceeded', statusId: id15(statusId) }
        : null;
    }
    case 'lightning:omniChannelLogout':
      return reason ? { type: 'omni.loggedOut', reason } : { type: 'omni.loggedOut' };
    case 'lightning:omniChannelConnectionError': {
      const error = own(detail, 'error');
      const message =
        typeof error === 'string'
          ? error
          : typeof error === 'object' && error !== null
            ? text((error as Record<string, unknown>).message)
            : undefined;
      return {
        type: 'omni.connectionError',
        message: (message ?? 'network connection error').slice(0, TEXT_LIMIT),
      };
    }
    case 'lightning:omniChannelWorkloadChanged': {
      const capacity = toCount(own(detail, 'configuredCapacity'));
      const current = toCount(own(detail, 'newWorkload'));
      return capacity === null || current === null
        ? null
        : { type: 'omni.workloadChanged', capacity, current };
    }
    default:
      return null;
  }
}

const PERMANENT =
  /not (?:be )?(?:permitted|authori[sz]ed|allowed)|no access|access (?:to|denied)|permission|insufficient|invalid (?:presence )?status/i;

/** Classifies a rejected Omni write: a status the user may not use is permanent, anything else is retried. */
export function classifyOmniRejection(
  error: unknown,
  target: string,
): { problem: { code: ErrorCode; message: string; recoverable: boolean }; permanent: boolean } {
  const message = describeRejection(error).slice(0, 500);
  if (PERMANENT.test(message)) {
    return {
      permanent: true,
      problem: {
        code: ErrorCode.statusNotPermitted,
        message: `Omni-Channel refused status ${target}: ${message}. Give the agent's profile access to it (Setup › Profiles › Service Presence Statuses Access).`,
        recoverable: false,
      },
    };
  }
  return {
    permanent: false,
    problem: {
      code: ErrorCode.omniWriteFailed,
      message: `Setting Omni-Channel to ${target} failed: ${message}`,
      recoverable: true,
    },
  };
}
