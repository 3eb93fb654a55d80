/**
 * One rule of the setup editor as a form: its name, teams, users and code validation; the publisher
 * and subscriber tables with a row per mapping (cells are inputs with suggestions); the Omni-Channel
 * and contact-center work settings; the timed states, shown but not edited here; and the buttons
 * that add, remove and move rows and the rule.
 *
 * Invariants: every input carries the JSON path of the value it edits (`data-path`) and a problem
 * line of its own (`aria-describedby`), so a problem from the parser or preflight finds its cell;
 * every button has a name that says which row it acts on.
 */
import { button, idOf, make } from './dom.js';
import type { Direction, DraftRule } from './draft.js';
import type { SetupTranslate } from './words/index.js';

/** What the rule form asks the editor to do. */
export interface RuleActions {
  /** A value was typed or toggled (the editor updates the draft and re-checks; no rebuild). */
  edit(path: string, value: string | boolean): void;
  addRow(rule: number, direction: Direction): void;
  removeRow(rule: number, direction: Direction, row: number): void;
  moveRow(rule: number, direction: Direction, row: number, delta: number): void;
  removeRule(rule: number): void;
  moveRule(rule: number, delta: number): void;
}

/** Ids of the suggestion lists the cells use. */
export const LISTS = {
  statuses: 'list-statuses',
  publisherAcd: 'list-publisher-acd',
  subscriberAcd: 'list-subscriber-acd',
} as const;

function field(
  label: string,
  path: string,
  value: string,
  actions: RuleActions,
  attributes: Record<string, string | undefined> = {},
): HTMLLabelElement {
  const id = idOf(path);
  const input = make('input', {
    id,
    type: 'text',
    'data-path': path,
    'aria-describedby': `${id}-problem`,
    ...attributes,
  });
  input.value = value;
  input.addEventListener('input', () => actions.edit(path, input.value));
  return make(
    'label',
    {},
    label,
    input,
    make('span', { class: 'cell-problem', id: `${id}-problem` }),
  );
}

function check(
  label: string,
  path: string,
  checked: boolean,
  actions: RuleActions,
): HTMLLabelElement {
  const id = idOf(path);
  const input = make('input', {
    id,
    type: 'checkbox',
    'data-path': path,
    'aria-describedby': `${id}-problem`,
  });
  input.checked = checked;
  input.addEventListener('change', () => actions.edit(path, input.checked));
  return make(
    'label',
    { class: 'check' },
    input,
    label,
    make('span', { class: 'cell-problem', id: `${id}-problem` }),
  );
}

function cell(path: string, value: string, label: string, list: string, actions: RuleActions) {
  const id = idOf(path);
  const input = make('input', {
    id,
    type: 'text',
    list,
    'data-path': path,
    'aria-label': label,
    'aria-describedby': `${id}-problem`,
    autocomplete: 'off',
  });
  input.value = value;
  input.addEventListener('input', () => actions.edit(path, input.value));
  return make('td', {}, input, make('span', { class: 'cell-problem', id: `${id}-problem` }));
}

function table(
  rule: DraftRule,
  index: number,
  direction: Direction,
  t: SetupTranslate,
  actions: RuleActions,
): HTMLElement {
  const base = `rules[${index}].${direction}`;
  const rows = rule[direction];
  const columns: Array<'acd' | 'salesforce'> =
    direction === 'publisher' ? ['acd', 'salesforce'] : ['salesforce', 'acd'];
  const heading = (column: 'acd' | 'salesforce') =>
    make('th', { scope: 'col' }, column === 'acd' ? t('acdState') : t('salesforceStatus'));
  const body = make('tbody', {});
  rows.forEach((row, rowIndex) => {
    const n = rowIndex + 1;
    const path = `${base}[${rowIndex}]`;
    const lists = {
      acd: direction === 'publisher' ? LISTS.publisherAcd : LISTS.subscriberAcd,
      salesforce: LISTS.statuses,
    };
    body.append(
      make(
        'tr',
        { 'data-path': path },
        make('th', { scope: 'row' }, t('rowN', { n })),
        ...columns.map((column) =>
          cell(
            `${path}.${column}`,
            row[column],
            `${t('rowN', { n })}: ${column === 'acd' ? t('acdState') : t('salesforceStatus')}`,
            lists[column],
            actions,
          ),
        ),
        make(
          'td',
          {},
          button(
            t('moveRowUp', { n }),
            () => actions.moveRow(index, direction, rowIndex, -1),
            {
              'data-key': `${path}:up`,
              disabled: rowIndex === 0 ? '' : undefined,
            },
            '↑',
          ),
          button(
            t('moveRowDown', { n }),
            () => actions.moveRow(index, direction, rowIndex, 1),
            {
              'data-key': `${path}:down`,
              disabled: rowIndex === rows.length - 1 ? '' : undefined,
            },
            '↓',
          ),
          button(
            t('removeRow', { n }),
            () => actions.removeRow(index, direction, rowIndex),
            {
              'data-key': `${path}:remove`,
            },
            '×',
          ),
        ),
      ),
    );
  });
  const tableNode = make(
    'table',
    { 'data-path': base },
    make('caption', {}, direction === 'publisher' ? t('publisher') : t('subscriber')),
    make(
      'thead',
      {},
      make(
        'tr',
        {},
        make('td', {}),
        ...columns.map(heading),
        make('th', { scope: 'col' }, t('actions')),
      ),
    ),
    body,
  );
  const problem = make('span', { class: 'cell-problem', id: `${idOf(base)}-problem` });
  return make(
    'div',
    {},
    rows.length === 0 ? make('p', { class: 'hint' }, t('noRows')) : tableNode,
    problem,
    button(t('addRow'), () => actions.addRow(index, direction), {
      'data-key': `${base}:add`,
      'data-path': base,
      'aria-describedby': problem.id,
    }),
  );
}

/**
 * A rule's timed states, read-only: how many, and one line each (`Unavailable/Lunch ≤ 60 min →
 * notify`) carrying its JSON path, so a problem's "go to" finds it; none when the rule has none.
 */
function timeoutsView(rule: DraftRule, base: string, t: SetupTranslate): HTMLElement[] {
  const timeouts = rule.timeouts ?? [];
  if (timeouts.length === 0) return [];
  return [
    make(
      'fieldset',
      { 'data-path': `${base}.timeouts` },
      make('legend', {}, t('timeouts', { count: timeouts.length })),
      make(
        'ul',
        {},
        ...timeouts.map((timeout, index) => {
          const path = `${base}.timeouts[${index}]`;
          const timed = 'salesforce' in timeout ? timeout.salesforce : timeout.acd;
          return make(
            'li',
            { class: 'timed-state', id: idOf(path), 'data-path': path, tabindex: '-1' },
            `${timed} ≤ ${timeout.minutes} min → ${timeout.then}`,
          );
        }),
      ),
      make('p', { class: 'hint' }, t('timeoutsHint')),
    ),
  ];
}

/** The form of rule `index` of `count`. */
export function ruleView(
  rule: DraftRule,
  index: number,
  count: number,
  t: SetupTranslate,
  actions: RuleActions,
): HTMLElement {
  const base = `rules[${index}]`;
  const name = rule.name.trim() === '' ? `${t('rule')} ${index + 1}` : rule.name;
  return make(
    'fieldset',
    { class: 'rule', 'data-path': base },
    make('legend', {}, `${t('rule')} ${index + 1}: ${name}`),
    make('span', { class: 'cell-problem', id: `${idOf(base)}-problem` }),
    field(t('ruleName'), `${base}.name`, rule.name, actions),
    field(t('teams'), `${base}.teams`, rule.teams.join(', '), actions),
    field(t('users'), `${base}.users`, rule.users.join(', '), actions),
    check(
      t('skip'),
      `${base}.skipUnavailableCodeValidation`,
      rule.skipUnavailableCodeValidation,
      actions,
    ),
    table(rule, index, 'publisher', t, actions),
    table(rule, index, 'subscriber', t, actions),
    make(
      'fieldset',
      {},
      make('legend', {}, t('omniWork')),
      field(
        t('omniWorkPercent'),
        `${base}.omniWork.atPercent`,
        rule.omniWork === undefined ? '' : String(rule.omniWork.atPercent),
        actions,
        { inputmode: 'decimal' },
      ),
      field(t('omniWorkAcd'), `${base}.omniWork.acd`, rule.omniWork?.acd ?? '', actions, {
        list: LISTS.subscriberAcd,
      }),
    ),
    make(
      'fieldset',
      {},
      make('legend', {}, t('acdWork')),
      field(
        t('acdWorkStatus'),
        `${base}.acdWork.salesforce`,
        rule.acdWork?.salesforce ?? '',
        actions,
        {
          list: LISTS.statuses,
        },
      ),
      check(t('acdWorkAcw'), `${base}.acdWork.acw`, rule.acdWork?.acw ?? true, actions),
    ),
    ...timeoutsView(rule, base, t),
    make(
      'div',
      {},
      button(
        `${t('moveRuleUp')}: ${name}`,
        () => actions.moveRule(index, -1),
        {
          'data-key': `${base}:up`,
          disabled: index === 0 ? '' : undefined,
        },
        t('moveRuleUp'),
      ),
      button(
        `${t('moveRuleDown')}: ${name}`,
        () => actions.moveRule(index, 1),
        {
          'data-key': `${base}:down`,
          disabled: index === count - 1 ? '' : undefined,
        },
        t('moveRuleDown'),
      ),
      button(
        `${t('removeRule')}: ${name}`,
        () => actions.removeRule(index),
        {
          'data-key': `${base}:remove`,
        },
        t('removeRule'),
      ),
    ),
  );
}
