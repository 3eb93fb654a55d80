/**
 * `<presence-sync-board>`: the supervisors' view of sync health across the floor (docs/contract.md
 * §7). It lists a `FleetSource` every `refresh-s` seconds and shows counts per phase, then a table
 * of agents (sortable, filterable: problems only, silent only, out of sync longer than N minutes),
 * and asks for a resync of one agent or of the selected ones.
 *
 * Invariants: rows are checked before they are shown (a bad row is left out and named); the table
 * is built with DOM calls and updated in place, keyed by user id, so a focused control keeps its
 * focus across refreshes; time comes from an injectable clock; nothing here decides a sync.
 */
import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { property } from '@lit/reactive-element/decorators.js';
import { describeRejection } from '../core/errors.js';
import type { ClockPort } from '../core/ports.js';
import { systemClock } from '../platform/time.js';
import {
  classify,
  countPhases,
  passes,
  sortViews,
  standingOfPhase,
  SORT_KEYS,
  type AgentView,
  type FleetFilter,
  type SortKey,
} from './classify.js';
import { parseFleetRow, type FleetRow, type FleetSource } from './fleet.js';
import { boardStyles } from './styles.js';
import { boardLanguage, boardWords, phaseWords, type BoardWords } from './words.js';

/** The `refresh-s` setting. */
export const REFRESH = { attribute: 'refresh-s', min: 5, max: 3600, default: 30 } as const;

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function setAttribute(node: Element, name: string, value: string | null): void {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** A duration in words: under a minute, minutes, or hours and minutes. */
function duration(words: BoardWords, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return words('lessThanMinute');
  if (minutes < 60) return words('minutes', { minutes });
  return words('hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** One table row's nodes, kept per user id and updated in place. */
interface RowNodes {
  readonly tr: HTMLTableRowElement;
  readonly check: HTMLInputElement;
  readonly name: HTMLTableCellElement;
  readonly acd: HTMLTableCellElement;
  readonly phase: HTMLTableCellElement;
  readonly problem: HTMLTableCellElement;
  readonly since: HTMLTableCellElement;
  readonly decision: HTMLTableCellElement;
  readonly heartbeat: HTMLTableCellElement;
  readonly resync: HTMLButtonElement;
}

/** A cell with a main line and, when there is one, a second smaller line. */
function twoLines(cell: HTMLElement, main: string, second: string | null): void {
  const text = cell.firstChild ?? cell.appendChild(document.createTextNode(''));
  setText(text, main);
  let small = cell.querySelector('small');
  if (second === null) small?.remove();
  else {
    small ??= cell.appendChild(make('small'));
    setText(small, second);
  }
}

/**
 * Shows sync health across the floor and asks agents' widgets to resync.
 *
 * @tag presence-sync-board
 * @csspart board - The whole board.
 * @csspart counts - The counts per phase.
 * @csspart table - The agents' table.
 * @cssprop [--presence-sync-font] - Font shorthand.
 * @cssprop [--presence-sync-ok=#2e844a] - Colour of agents in sync.
 * @cssprop [--presence-sync-busy=#0b5cab] - Colour of syncing agents and of buttons.
 * @cssprop [--presence-sync-warn=#8c4b02] - Colour of paused, shadow and follower agents.
 * @cssprop [--presence-sync-error=#ba0517] - Colour of agents that need attention or are silent.
 */
export class PresenceSyncBoardElement extends ReactiveElement {
  static override styles = boardStyles;

  /** Seconds between refreshes (5–3600). Default `30`. Attribute `refresh-s`. */
  @property({
    attribute: 'refresh-s',
    reflect: true,
    converter: {
      fromAttribute: (value: string | null) =>
        value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : value,
      toAttribute: (value: unknown) => String(value),
    },
  })
  refreshS: number | string = REFRESH.default;

  /** UI language (`en`, `fr`, `es`, `ja`, `ko`, `uk`); default: the page language, else English. Attribute `locale`. */
  @property({ reflect: true }) locale: string | undefined = undefined;

  /** Where the rows come from and resync requests go (docs/contract.md §7). */
  @property({ attribute: false }) source: FleetSource | null = null;

  /** Advanced: the clock refreshes run on (tests); default the system clock. */
  @property({ attribute: false }) clock: ClockPort | null = null;

  private rows: FleetRow[] = [];
  private refused: string[] = [];
  private failure: string | null = null;
  private notice: string | null = null;
  private lastRefreshAt: number | null = null;
  private filter: FleetFilter = { problemsOnly: false, outOfSyncMin: null, silentOnly: false };
  private sortKey: SortKey = 'phase';
  private descending = false;
  private readonly selected = new Set<string>();
  private timer: unknown = null;
  private timerClock: ClockPort | null = null;
  private refreshing: Promise<void> | null = null;
  private shown: AgentView[] = [];
  private readonly rowNodes = new Map<string, RowNodes>();
  private built: ReturnType<PresenceSyncBoardElement['build']> | null = null;

  /** The agents as last classified (every row read, before filters), for hosts and tests. */
  get agents(): readonly AgentView[] {
    return this.views();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    if (changed.has('source') || changed.has('refreshS') || changed.has('clock')) {
      if (this.isConnected) this.schedule(0);
    }
    this.draw();
  }

  /** Reads the fleet now (and again `refresh-s` seconds later). */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Asks the given agents' widgets to resync at their next report, then refreshes. */
  async requestResync(userIds: readonly string[]): Promise<void> {
    const source = this.source;
    if (source === null || userIds.length === 0) return;
    const words = this.words();
    try {
      await source.requestResync([...userIds]);
      this.notice = words('resyncRequested', { count: userIds.length });
      this.failure = null;
      for (const userId of userIds) this.selected.delete(userId);
    } catch (error) {
      this.failure = words('resyncFailed', { error: describeRejection(error).slice(0, 200) });
    }
    this.requestUpdate();
    await this.refresh();
  }

  private get time(): ClockPort {
    return this.clock ?? systemClock;
  }

  /** The refresh period, and a problem naming the attribute when its value is not allowed. */
  private refreshSetting(): { ms: number; problem: string | null } {
    const value = this.refreshS;
    const number = typeof value === 'number' ? value : Number(String(value).trim());
    if (Number.isInteger(number) && number >= REFRESH.min && number <= REFRESH.max)
      return { ms: number * 1000, problem: null };
    return {
      ms: REFRESH.default * 1000,
      problem: `${REFRESH.attribute}: "${String(value).slice(0, 20)}" is not a whole number of seconds between ${REFRESH.min} and ${REFRESH.max}; refreshing every ${REFRESH.default} s.`,
    };
  }

  private cancel(): void {
    if (this.timer !== null) this.timerClock?.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.cancel();
    if (!this.isConnected || this.source === null) return;
    this.timerClock = this.time;
    this.timer = this.timerClock.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private async read(): Promise<void> {
    const source = this.source;
    if (source === null) return;
    const words = this.words();
    try {
      const listed = await source.list();
      if (!Array.isArray(listed)) throw new TypeError('list() did not return an array');
      const rows: FleetRow[] = [];
      const refused: string[] = [];
      listed.forEach((value: unknown, index) => {
        const parsed = parseFleetRow(value, index);
        if (parsed.ok) rows.push(parsed.row);
        else refused.push(parsed.problem);
      });
      this.rows = rows;
      this.refused = refused;
      this.failure = null;
      this.lastRefreshAt = this.time.now();
      const known = new Set(rows.map((row) => row.userId));
      for (const userId of this.selected) if (!known.has(userId)) this.selected.delete(userId);
    } catch (error) {
      this.failure = words('listFailed', { error: describeRejection(error).slice(0, 200) });
    }
    this.requestUpdate();
    this.schedule(this.refreshSetting().ms);
  }

  private words(): BoardWords {
    return boardWords(boardLanguage(this.locale, this.lang, document.documentElement.lang));
  }

  private views(): AgentView[] {
    const now = this.lastRefreshAt ?? this.time.now();
    return this.rows.map((row) => classify(row, now));
  }

  private build() {
    const root = this.renderRoot;
    const heading = make('h2');
    const refreshed = make('p', { class: 'note', role: 'status' });
    const refreshButton = make('button', { type: 'button' });
    refreshButton.addEventListener('click', () => void this.refresh());
    const counts = make('ul', { part: 'counts', class: 'counts' });
    const legend = make('legend');
    const check = (onChange: (checked: boolean) => void) => {
      const input = make('input', { type: 'checkbox' });
      input.addEventListener('change', () => onChange(input.checked));
      return input;
    };
    const problemsOnly = check((checked) => this.setFilter({ problemsOnly: checked }));
    const silentOnly = check((checked) => this.setFilter({ silentOnly: checked }));
    const outOfSync = make('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric' });
    outOfSync.addEventListener('input', () => {
      const minutes = Number(outOfSync.value);
      this.setFilter({
        outOfSyncMin: outOfSync.value !== '' && minutes >= 0 ? Math.floor(minutes) : null,
      });
    });
    const problemsLabel = make('label', {}, problemsOnly, make('span'));
    const silentLabel = make('label', {}, silentOnly, make('span'));
    const outOfSyncLabel = make('label', {}, make('span'), ' ', outOfSync);
    const fieldset = make('fieldset', {}, legend, problemsLabel, silentLabel, outOfSyncLabel);
    const resyncSelected = make('button', { type: 'button' });
    resyncSelected.addEventListener('click', () => void this.requestResync([...this.selected]));
    const alerts = make('div');
    const notice = make('p', { class: 'note', role: 'status', part: 'notice' });
    const selectAll = make('input', { type: 'checkbox' });
    selectAll.addEventListener('change', () => {
      for (const view of this.shown) {
        if (selectAll.checked) this.selected.add(view.row.userId);
        else this.selected.delete(view.row.userId);
      }
      this.requestUpdate();
    });
    const headerCells = SORT_KEYS.map((key) => {
      const button = make('button', { type: 'button', class: 'link', 'data-sort': key });
      button.addEventListener('click', () => {
        this.descending = this.sortKey === key ? !this.descending : false;
        this.sortKey = key;
        this.requestUpdate();
      });
      return { key, th: make('th', { scope: 'col' }, button), button };
    });
    const caption = make('caption', { class: 'note' });
    const actionsHeader = make('th', { scope: 'col' }, make('span', { class: 'visually-hidden' }));
    const body = make('tbody');
    const empty = make('p', { class: 'note' });
    const table = make(
      'table',
      {},
      caption,
      make(
        'thead',
        {},
        make(
          'tr',
          {},
          make('th', { scope: 'col' }, selectAll),
          ...headerCells.map((cell) => cell.th),
          actionsHeader,
        ),
      ),
      body,
    );
    const section = make(
      'section',
      { part: 'board', class: 'board' },
      make('header', {}, heading, refreshed, refreshButton),
      counts,
      make('div', { class: 'controls' }, fieldset, resyncSelected),
      alerts,
      notice,
      make('div', { class: 'table', part: 'table' }, table),
      empty,
    );
    root.append(section);
    return {
      section,
      heading,
      refreshed,
      refreshButton,
      counts,
      legend,
      problemsLabel,
      silentLabel,
      outOfSyncLabel,
      resyncSelected,
      alerts,
      notice,
      selectAll,
      headerCells,
      caption,
      actionsHeader,
      body,
      table,
      empty,
    };
  }

  private setFilter(change: Partial<FleetFilter>): void {
    this.filter = { ...this.filter, ...change };
    this.requestUpdate();
  }

  private rowFor(userId: string): RowNodes {
    let nodes = this.rowNodes.get(userId);
    if (nodes) return nodes;
    const check = make('input', { type: 'checkbox' });
    check.addEventListener('change', () => {
      if (check.checked) this.selected.add(userId);
      else this.selected.delete(userId);
      this.requestUpdate();
    });
    const resync = make('button', { type: 'button' });
    resync.addEventListener('click', () => void this.requestResync([userId]));
    const cell = (attributes: Record<string, string> = {}) => make('td', attributes);
    nodes = {
      tr: make('tr', { 'data-user': userId }),
      check,
      name: make('th', { scope: 'row' }) as unknown as HTMLTableCellElement,
      acd: cell(),
      phase: cell({ class: 'standing' }),
      problem: cell(),
      since: cell(),
      decision: cell(),
      heartbeat: cell(),
      resync,
    };
    nodes.tr.append(
      make('td', {}, check),
      nodes.name,
      nodes.acd,
      nodes.phase,
      nodes.problem,
      nodes.since,
      nodes.decision,
      nodes.heartbeat,
      make('td', {}, resync),
    );
    this.rowNodes.set(userId, nodes);
    return nodes;
  }

  private draw(): void {
    this.built ??= this.build();
    const ui = this.built;
    const words = this.words();
    const now = this.lastRefreshAt ?? this.time.now();
    const views = this.views();
    const language = boardLanguage(this.locale, this.lang, document.documentElement.lang);
    setAttribute(ui.section, 'lang', language);
    setText(ui.heading, words('title'));
    setText(
      ui.refreshed,
      this.lastRefreshAt === null
        ? words('never')
        : words('lastRefresh', {
            time: new Intl.DateTimeFormat(language, {
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
            }).format(new Date(this.lastRefreshAt)),
          }),
    );
    setText(ui.refreshButton, words('refresh'));
    setAttribute(ui.counts, 'aria-label', words('counts'));
    const counts = countPhases(views);
    while (ui.counts.children.length > counts.length) ui.counts.lastElementChild?.remove();
    while (ui.counts.children.length < counts.length)
      ui.counts.append(make('li', {}, make('strong'), make('span')));
    counts.forEach(([phase, count], index) => {
      const item = ui.counts.children[index] as HTMLElement;
      setAttribute(item, 'data-standing', standingOfPhase(phase));
      setAttribute(item, 'data-phase', phase);
      setText(item.firstElementChild!, String(count));
      setText(item.lastElementChild!, phaseWords(words, phase));
    });
    setText(ui.legend, words('filters'));
    setText(ui.problemsLabel.lastElementChild!, words('problemsOnly'));
    setText(ui.silentLabel.lastElementChild!, words('silentOnly'));
    setText(ui.outOfSyncLabel.firstElementChild!, words('outOfSyncLonger'));
    const selected = this.selected.size;
    setText(
      ui.resyncSelected,
      selected > 0 ? `${words('requestResync')} (${selected})` : words('requestResync'),
    );
    ui.resyncSelected.disabled = selected === 0 || this.source === null;

    const setting = this.refreshSetting().problem;
    const alerts = [
      ...(setting ? [setting] : []),
      ...(this.failure ? [this.failure] : []),
      ...(this.refused.length > 0
        ? [words('rowsRefused', { count: this.refused.length, first: this.refused[0]! })]
        : []),
    ];
    while (ui.alerts.children.length > alerts.length) ui.alerts.lastElementChild?.remove();
    while (ui.alerts.children.length < alerts.length)
      ui.alerts.append(make('p', { role: 'alert' }));
    alerts.forEach((text, index) => setText(ui.alerts.children[index]!, text));
    setText(ui.notice, this.notice ?? '');

    const shown = sortViews(
      views.filter((view) => passes(view, this.filter)),
      this.sortKey,
      this.descending,
    );
    this.shown = shown;
    setText(ui.actionsHeader.firstElementChild!, words('requestResync'));
    setText(ui.caption, words('shown', { shown: shown.length, total: views.length }));
    for (const { key, th, button } of ui.headerCells) {
      setText(button, words(`col.${key}`));
      setAttribute(
        th,
        'aria-sort',
        key === this.sortKey ? (this.descending ? 'descending' : 'ascending') : null,
      );
    }
    const allSelected =
      shown.length > 0 && shown.every((view) => this.selected.has(view.row.userId));
    ui.selectAll.checked = allSelected;
    ui.selectAll.indeterminate =
      !allSelected && shown.some((view) => this.selected.has(view.row.userId));
    setAttribute(ui.selectAll, 'aria-label', words('selectAll'));
    ui.selectAll.disabled = shown.length === 0;
    setText(ui.empty, shown.length === 0 ? words('none') : '');

    const keep = new Set(shown.map((view) => view.row.userId));
    for (const [userId, nodes] of this.rowNodes) {
      if (!keep.has(userId)) {
        nodes.tr.remove();
        this.rowNodes.delete(userId);
      }
    }
    shown.forEach((view, index) => {
      const nodes = this.rowFor(view.row.userId);
      this.drawRow(nodes, view, words, now);
      // Moved only when out of place: moving a row would take the focus off its controls.
      if (ui.body.children[index] !== nodes.tr)
        ui.body.insertBefore(nodes.tr, ui.body.children[index] ?? null);
    });
  }

  private drawRow(nodes: RowNodes, view: AgentView, words: BoardWords, now: number): void {
    const { row } = view;
    setAttribute(nodes.tr, 'data-standing', view.standing);
    nodes.check.checked = this.selected.has(row.userId);
    setAttribute(nodes.check, 'aria-label', words('select', { name: row.name }));
    // A pending request until the widget picks it up; then when its resync was done.
    const resync =
      row.resyncRequestedAt !== null
        ? words('resyncPending')
        : row.resyncedAt !== null
          ? words('resynced', { age: duration(words, Math.max(0, now - row.resyncedAt)) })
          : null;
    twoLines(nodes.name, row.name, resync);
    twoLines(
      nodes.acd,
      row.acdKind,
      [row.acdState, row.omniStatus].filter((part) => part !== null).join(' · ') || null,
    );
    twoLines(
      nodes.phase,
      view.silent ? words('phase.silent') : phaseWords(words, row.phase),
      view.silent ? phaseWords(words, row.phase) : null,
    );
    twoLines(nodes.problem, row.problemCode ?? '', row.problemMessage);
    twoLines(nodes.since, view.outOfSyncMs === null ? '' : duration(words, view.outOfSyncMs), null);
    twoLines(
      nodes.decision,
      row.lastDecisionWhy ?? '',
      row.lastDecisionAt === null ? null : duration(words, Math.max(0, now - row.lastDecisionAt)),
    );
    twoLines(nodes.heartbeat, duration(words, view.heartbeatAgeMs), null);
    setText(nodes.resync, words('requestResync'));
    setAttribute(nodes.resync, 'aria-label', words('requestResyncFor', { name: row.name }));
    nodes.resync.disabled = this.source === null;
  }
}
