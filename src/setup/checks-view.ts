/**
 * The setup editor's lists of what is wrong: the parser's problems and preflight's findings, each
 * with its severity, where it points (in words and as the JSON path), what to do, and a button that
 * moves focus to the cell; and an import's preview: its diff and its notes.
 *
 * Invariants: words come from the translator, values are filled in as text; nothing here edits.
 */
import type { Problem } from '../core/errors.js';
import type { RuleSetDiff } from './diff.js';
import { button, make } from './dom.js';
import type { RuleSetDraft } from './draft.js';
import type { Finding } from './finding.js';
import type { ImportNote } from './import-common.js';
import type { SetupWordKey, SetupTranslate } from './words/index.js';

const PATH = /^rules\[(\d+)\](?:\.(publisher|subscriber|timeouts)(?:\[(\d+)\])?)?(?:\.(\w+))?/;

/** Where a JSON path points, in words: `rule “Chat”, publisher row 3, Salesforce status`. */
export function whereOf(path: string, draft: RuleSetDraft, t: SetupTranslate): string {
  const match = PATH.exec(path);
  if (match === null) return t('where.document');
  const [, rule, direction, row, cellName] = match;
  const parts = [
    t('where.rule', { name: draft.rules[Number(rule)]?.name ?? `#${Number(rule) + 1}` }),
  ];
  if (direction !== undefined && row !== undefined)
    parts.push(t(`where.${direction}` as SetupWordKey, { n: Number(row) + 1 }));
  else if (direction === 'timeouts')
    parts.push(t('timeouts', { count: draft.rules[Number(rule)]?.timeouts?.length ?? 0 }));
  else if (direction !== undefined)
    parts.push(t(direction === 'publisher' ? 'publisher' : 'subscriber'));
  if (cellName === 'acd' || cellName === 'salesforce') parts.push(t(`where.${cellName}`));
  else if (cellName === 'omniWork' || cellName === 'acdWork') parts.push(t(`where.${cellName}`));
  return parts.join(', ');
}

/** A finding's values, with the effect and "who" words translated. */
function values(finding: Finding, draft: RuleSetDraft, t: SetupTranslate): Record<string, string> {
  const params: Record<string, string> = { ...finding.params };
  if (params.effect === 'default' || params.effect === 'nothing')
    params.effect = t(`effect.${params.effect}`);
  if (finding.code === 'rules-ambiguous' && params.who === '') params.who = t('ambiguous.default');
  for (const key of ['publisherRow', 'subscriberRow', 'by'])
    if (params[key] !== undefined)
      params[key] = params[key]!.split(', ')
        .map((path) => whereOf(path, draft, t))
        .join('; ');
  return params;
}

/** A finding's words: what is wrong, and how to fix it. */
export function findingText(
  finding: Finding,
  draft: RuleSetDraft,
  t: SetupTranslate,
): { message: string; fix: string } {
  const params = values(finding, draft, t);
  return {
    message: t(`finding.${finding.code}` as SetupWordKey, params),
    fix: t(`fix.${finding.code}` as SetupWordKey, params),
  };
}

/** The problems and findings as lists with "go to" buttons. */
export function checksView(
  problems: readonly Problem[],
  findings: readonly Finding[],
  draft: RuleSetDraft,
  t: SetupTranslate,
  goTo: (path: string) => void,
): HTMLElement {
  const item = (severity: string, path: string, message: string, fix: string) => {
    const where = whereOf(path, draft, t);
    return make(
      'li',
      { class: severity, 'data-path': path },
      make('span', { class: 'severity' }, `${t(`severity.${severity}` as SetupWordKey)}: `),
      message,
      ' ',
      make('code', {}, path),
      fix === '' ? null : make('span', { class: 'fix' }, fix),
      button(t('goTo', { where }), () => goTo(path), { 'data-key': `goto:${path}` }),
    );
  };
  const problemList = make('ul', { class: 'checks', 'aria-labelledby': 'problems-heading' });
  for (const problem of problems) {
    const path = problem.path ?? '$';
    problemList.append(item('error', path, problem.message, ''));
  }
  const findingList = make('ul', { class: 'checks', 'aria-labelledby': 'findings-heading' });
  for (const finding of findings) {
    const { message, fix } = findingText(finding, draft, t);
    findingList.append(item(finding.severity, finding.path, message, fix));
  }
  return make(
    'section',
    { class: 'checks-area', 'aria-labelledby': 'problems-heading' },
    make('h3', { id: 'problems-heading' }, t('problems')),
    problems.length === 0 ? make('p', { class: 'hint' }, t('noProblems')) : problemList,
    make('h3', { id: 'findings-heading' }, t('findings')),
    problems.length > 0
      ? make('p', { class: 'hint' }, t('fixFirst'))
      : findings.length === 0
        ? make('p', { class: 'hint' }, t('noFindings'))
        : findingList,
  );
}

/** An import's diff and notes. */
export function previewView(
  diff: RuleSetDiff,
  notes: readonly ImportNote[],
  t: SetupTranslate,
): HTMLElement {
  const list = make('ul', { class: 'diff', 'aria-labelledby': 'changes-heading' });
  for (const rule of diff.rules) {
    const inner = make('ul', {});
    for (const setting of rule.settings)
      inner.append(
        make(
          'li',
          { class: 'changed' },
          t('diff.setting', {
            setting: setting.setting,
            before: setting.before === '' ? t('diff.none') : setting.before,
            after: setting.after === '' ? t('diff.none') : setting.after,
          }),
        ),
      );
    for (const row of rule.rows)
      inner.append(
        make(
          'li',
          { class: row.kind },
          t('diff.row', {
            direction: t(row.direction === 'publisher' ? 'publisher' : 'subscriber')
              .split(':')[0]!
              .trim(),
            source: row.source,
            change:
              row.kind === 'changed'
                ? t('diff.from', { before: row.before ?? '', after: row.after ?? '' })
                : `${t(`diff.${row.kind}`)} ${t('diff.to', { target: row.after ?? row.before ?? '' })}`,
          }),
        ),
      );
    list.append(
      make(
        'li',
        { class: rule.kind },
        t('diff.rule', { name: rule.name, kind: t(`diff.${rule.kind}`) }),
        inner,
      ),
    );
  }
  const noteList = make('ul', { 'aria-labelledby': 'notes-heading' });
  for (const note of notes)
    noteList.append(
      make(
        'li',
        {},
        t(`note.${note.code}` as SetupWordKey, note.params),
        ' ',
        make('code', {}, note.path),
      ),
    );
  return make(
    'div',
    {},
    make('h4', { id: 'changes-heading' }, t('changes')),
    diff.rules.length === 0 ? make('p', {}, t('noChanges')) : list,
    notes.length === 0 ? null : make('h4', { id: 'notes-heading' }, t('importNotes')),
    notes.length === 0 ? null : noteList,
  );
}
