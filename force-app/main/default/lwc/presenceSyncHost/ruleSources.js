import { LABELS, format } from './labels';

/**
 * Where each part of a rule document read from Custom Metadata came from (PresenceSyncRules.cls
 * `Source`: a JSON path, the custom metadata type, the record's API name and label), and the
 * notice that turns an element problem's JSON path into the record and field an admin must fix.
 */
const TYPES = {
  Presence_Sync_Rule__mdt: 'Presence Sync Rule',
  Presence_Sync_Row__mdt: 'Presence Sync Row',
};

// The document's keys (docs/contract.md §4) → the record's field labels (objects/*/fields).
const ROW_FIELDS = { acd: 'ACD State', salesforce: 'Salesforce Status' };
const RULE_FIELDS = {
  name: 'Label',
  teams: 'Teams',
  users: 'Users',
  skipUnavailableCodeValidation: 'Skip Unavailable Code Validation',
  'omniWork.atPercent': 'Omni Work At Percent',
  'omniWork.acd': 'Omni Work ACD State',
  omniWork: 'Omni Work ACD State',
  'acdWork.salesforce': 'ACD Work Status',
  'acdWork.acw': 'ACD Work During ACW',
  acdWork: 'ACD Work Status',
};

function isSource(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.path === 'string' &&
    typeof value.type === 'string' &&
    typeof value.record === 'string'
  );
}

/** The sources Apex gave, checked (anything else is dropped). */
export function readSources(value) {
  return Array.isArray(value) ? value.filter(isSource) : [];
}

/** The field a path's rest names, e.g. ".acd" on a row, ".omniWork.atPercent" on a rule. */
function fieldOf(type, rest) {
  const key = rest.replace(/^\./, '').replace(/\[\d+\]/g, '');
  const fields = type === 'Presence_Sync_Row__mdt' ? ROW_FIELDS : RULE_FIELDS;
  return fields[key] || fields[key.split('.')[0]];
}

/**
 * The admin's notice for one problem with a JSON path, naming the record (and field) it came
 * from, or undefined when no record holds that path.
 */
export function recordNoticeOf(problem, sources) {
  if (!problem || typeof problem.path !== 'string') return undefined;
  const { path } = problem;
  let best;
  for (const source of sources) {
    const matches =
      path === source.path ||
      path.startsWith(`${source.path}.`) ||
      path.startsWith(`${source.path}[`);
    if (matches && (!best || source.path.length > best.path.length)) best = source;
  }
  if (!best) return undefined;
  const type = TYPES[best.type] || best.type;
  const field = fieldOf(best.type, path.slice(best.path.length));
  const label = best.label ? `"${best.label}" (${best.record})` : best.record;
  return field
    ? format(LABELS.fixRecordField, type, label, field, problem.message)
    : format(LABELS.fixRecord, type, label, problem.message);
}
