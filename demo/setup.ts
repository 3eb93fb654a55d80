/**
 * The demo's "Setup" view: the package's rule records as an admin sees them in Setup › Custom
 * Metadata Types (a table per type, the values an admin edits as inputs), turned into the rule the
 * element runs, and each problem the element finds shown as the Lightning host shows it: naming
 * the record and field to fix (the LWC's own ruleSources.js, its Custom Labels in English).
 */
import {
  ROW_RECORD,
  RULE_RECORD,
} from '../force-app/main/default/lwc/presenceSyncHost/ruleFields.js';
import { documentFromRecords, type MetadataRecord, type RecordSource } from './setup-records.js';

type Notice = (problem: unknown, sources: RecordSource[]) => string | undefined;

const { fields: RULE, placement: RULE_AT } = RULE_RECORD;
const { fields: ROW, placement: ROW_AT } = ROW_RECORD;

/**
 * Fields shown per type, in Setup's order (titled by the field map's labels), and which of them an
 * admin edits here.
 */
const COLUMNS: Record<string, Array<{ field: string; label: string; edit?: boolean }>> = {
  [RULE_RECORD.type]: [
    RULE_AT.ruleSet,
    RULE_AT.order,
    RULE_AT.active,
    { ...RULE.teams, edit: true },
    RULE['omniWork.atPercent'],
    { ...RULE['omniWork.acd'], edit: true },
    { ...RULE['acdWork.salesforce'], edit: true },
  ],
  [ROW_RECORD.type]: [
    ROW_AT.rule,
    ROW_AT.direction,
    { ...ROW.acd, edit: true },
    { ...ROW.salesforce, edit: true },
    ROW.minutes,
    { ...ROW.then, edit: true },
    ROW_AT.order,
  ],
};

export interface SetupView {
  /** The element's problems now (its snapshot's): shown as record notices. */
  showProblems(problems: readonly unknown[]): void;
}

/** Fills `root` with the records of the rule sets; `use` gets the rule document as JSON. */
export async function mountSetup(
  root: HTMLElement,
  use: (rules: string) => void,
): Promise<SetupView> {
  const records = (await (await fetch('/__salesforce/records.json')).json()) as MetadataRecord[];
  // The LWC module itself; the dev server resolves its Custom Labels (scripts/salesforce-metadata.cjs).
  const lwc = '../force-app/main/default/lwc/presenceSyncHost/ruleSources.js';
  const { recordNoticeOf } = (await import(/* @vite-ignore */ lwc)) as { recordNoticeOf: Notice };
  let sources: RecordSource[] = [];
  const ruleSets = [
    ...new Set(records.map((record) => record.fields[RULE_AT.ruleSet.field])),
  ].filter((value): value is string => typeof value === 'string');
  const picker = root.querySelector<HTMLSelectElement>('#setup-rule-set') as HTMLSelectElement;
  picker.replaceChildren(...ruleSets.map((set) => new Option(set, set)));
  const notices = root.querySelector('#setup-notices') as HTMLElement;

  const table = ({ type, label }: { type: string; label: string }, shown: MetadataRecord[]) => {
    const columns = COLUMNS[type] ?? [];
    const head = document.createElement('tr');
    for (const title of [RULE.name.label, `${label} Name`, ...columns.map((c) => c.label)])
      head.append(
        Object.assign(document.createElement('th'), { textContent: title, scope: 'col' }),
      );
    const rows = shown.map((record) => {
      const row = document.createElement('tr');
      row.dataset.record = record.record;
      row.append(
        Object.assign(document.createElement('td'), { textContent: record.label }),
        Object.assign(document.createElement('td'), { textContent: record.record }),
      );
      for (const { field, label: title, edit } of columns) {
        const cell = document.createElement('td');
        const value = record.fields[field];
        if (edit === true) {
          const input = Object.assign(document.createElement('input'), {
            value: value === null || value === undefined ? '' : String(value),
          });
          input.setAttribute('aria-label', `${record.label}: ${title}`);
          input.dataset.field = field;
          input.addEventListener('change', () => {
            record.fields[field] = input.value === '' ? null : input.value;
          });
          cell.append(input);
        } else {
          cell.textContent = value === null || value === undefined ? '' : String(value);
        }
        row.append(cell);
      }
      return row;
    });
    const caption = Object.assign(document.createElement('caption'), {
      textContent: label,
    });
    const element = document.createElement('table');
    element.dataset.type = type;
    element.append(caption, head, ...rows);
    return element;
  };

  const render = () => {
    const set = picker.value;
    const rules = records.filter(
      (r) => r.type === RULE_RECORD.type && r.fields[RULE_AT.ruleSet.field] === set,
    );
    const names = new Set(rules.map((rule) => rule.record));
    const rows = records.filter(
      (r) => r.type === ROW_RECORD.type && names.has(String(r.fields[ROW_AT.rule.field])),
    );
    root
      .querySelector('#setup-tables')
      ?.replaceChildren(table(RULE_RECORD, rules), table(ROW_RECORD, rows));
  };
  picker.addEventListener('change', render);
  root.querySelector('#setup-use')?.addEventListener('click', () => {
    const shaped = documentFromRecords(records, picker.value);
    sources = shaped.sources;
    notices.replaceChildren();
    use(JSON.stringify(shaped.document, null, 2));
  });
  render();
  return {
    showProblems(problems) {
      notices.replaceChildren(
        ...problems
          .map((problem) => recordNoticeOf(problem, sources))
          .filter((notice): notice is string => notice !== undefined)
          .map((notice) => Object.assign(document.createElement('li'), { textContent: notice })),
      );
    },
  };
}
