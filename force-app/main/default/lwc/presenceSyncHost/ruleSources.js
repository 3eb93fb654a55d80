import { LABELS, format } from './labels';
import { ROW_RECORD, RULE_RECORD } from './ruleFields';

/**
 * Where each part of a rule document read from Custom Metadata came from (PresenceSyncRules.cls
 * `Source`: a JSON path, the custom metadata type, the record's API name and label), and the
 * notice that turns an element problem's JSON path into the record and field an admin must fix,
 * named as the field map (ruleFields.js) names them.
 */
const RECORDS = { [RULE_RECORD.type]: RULE_RECORD, [ROW_RECORD.type]: ROW_RECORD };

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

/**
 * The label of the field a path's rest names, e.g. ".acd" on a row, ".omniWork.atPercent" on a
 * rule; a path to an object or list names the first field under it.
 */
function fieldOf(record, rest) {
  const key = rest.replace(/^\./, '').replace(/\[\d+\]/g, '');
  if (key === '') return undefined;
  const head = key.split('.')[0];
  const found =
    record.fields[key] ||
    Object.entries(record.fields).find(
      ([name]) => name === head || name.startsWith(`${head}.`),
    )?.[1];
  return found ? found.label : undefined;
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
  const record = RECORDS[best.type];
  const type = record ? record.label : best.type;
  const field = record ? fieldOf(record, path.slice(best.path.length)) : undefined;
  const label = best.label ? `"${best.label}" (${best.record})` : best.record;
  return field
    ? format(LABELS.fixRecordField, type, label, field, problem.message)
    : format(LABELS.fixRecord, type, label, problem.message);
}
