/**
 * `<presence-sync-setup>`: the admins' editor of the presence rules (docs/contract.md §8), rows like
 * NICE's rule editor. Every edit is read by the product's own parser and, once valid, checked by
 * preflight against the org and the contact center (a `SetupCatalog`); a problem points at its
 * cell. Imports (NICE's rule, Webex's settings, a rule document) are shown as a diff before they
 * are applied; the rule set exports as JSON or as a deployable metadata folder, and saves through a
 * `SetupSaver` (Apex in Salesforce).
 *
 * Invariants: the element never throws out of a setter or a handler (a bad `rules` value or catalog
 * becomes a problem shown on the page); it is built with DOM calls only (Lightning Web Security);
 * structural edits rebuild the form and put focus back on the control that was used, typing only
 * re-checks, so a cell keeps its focus and caret.
 */
import { ReactiveElement, adoptStyles } from '@lit/reactive-element';
import { property } from '@lit/reactive-element/decorators.js';
import { describeRejection, type Problem } from '../core/errors.js';
import { parseRules } from '../core/rules/parse.js';
import {
  type CatalogSnapshot,
  EMPTY_CATALOG,
  pastedCodes,
  readCatalog,
  type SetupCatalog,
} from './catalog.js';
import { checksView, findingText } from './checks-view.js';
import { importPanel, type ImportSource, type ImportState, importState } from './import-panel.js';
import { button, idOf, make } from './dom.js';
import {
  canonicalDraft,
  copyDraft,
  type Direction,
  exportJson,
  type RuleSetDraft,
} from './draft.js';
import * as edits from './edit.js';
import { editedDraft, looksLikeDraft, safeJson } from './edit.js';
import type { Finding } from './finding.js';
import { metadataFolder } from './metadata-folder.js';
import { preflight } from './preflight.js';
import { developerName, recordsFromDraft, type MetadataRecord } from './records.js';
import { LISTS, ruleView } from './rule-view.js';
import { setupStyles } from './setup-styles.js';

export type { ImportSource };
import { type SetupTranslate, setupLocale, setupTranslator } from './words/index.js';

/** What the element asks the host to save, and what the host answers. */
export interface SetupSaver {
  save(request: {
    readonly ruleSet: string;
    readonly records: readonly MetadataRecord[];
    readonly document: RuleSetDraft;
  }): Promise<{ readonly ok: boolean; readonly message: string }>;
}

const PUBLISHER_STATES = [
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'ACW',
  'LoggedOut',
];
const SUBSCRIBER_STATES = ['Available', 'Unavailable', 'PreviousState'];

/** Fired after every edit: `detail` is `{ draft, valid }`. */
export class PresenceSyncSetupChangeEvent extends CustomEvent<{
  draft: RuleSetDraft;
  valid: boolean;
}> {
  constructor(draft: RuleSetDraft, valid: boolean) {
    super('presencesyncsetupchange', { detail: { draft, valid }, bubbles: true, composed: true });
  }
}

/** Fired once the saver has saved: `detail` is `{ ruleSet, document }`. */
export class PresenceSyncSetupSaveEvent extends CustomEvent<{
  ruleSet: string;
  document: RuleSetDraft;
}> {
  constructor(ruleSet: string, document: RuleSetDraft) {
    super('presencesyncsetupsave', {
      detail: { ruleSet, document },
      bubbles: true,
      composed: true,
    });
  }
}

/**
 * The presence rules editor for admins.
 *
 * @tag presence-sync-setup
 * @fires {PresenceSyncSetupChangeEvent} presencesyncsetupchange - After every edit; `detail` is `{ draft, valid }`.
 * @fires {PresenceSyncSetupSaveEvent} presencesyncsetupsave - After the saver saved; `detail` is `{ ruleSet, document }`.
 */
export class PresenceSyncSetupElement extends ReactiveElement {
  static override styles = setupStyles;

  /** The rule set to start from (docs/contract.md §4), an object or a JSON string. Attribute `rules`. */
  @property({ attribute: 'rules' }) rules: unknown = undefined;

  /** The rule set's name on its records (`Rule_Set__c`). Default `Default`. Attribute `rule-set`. */
  @property({ attribute: 'rule-set', reflect: true }) ruleSet = 'Default';

  /** UI language (`en`, `fr`, `es`, `ja`, `ko`, `uk`); default: the page language. Attribute `locale`. */
  @property({ reflect: true }) locale: string | undefined = undefined;

  /** Where the org's statuses, profiles and the ACD's codes come from; none: preflight checks only the rules. */
  @property({ attribute: false }) catalog: SetupCatalog | null = null;

  /** Where "Save" goes (Apex in Salesforce); none: no Save button. */
  @property({ attribute: false }) saver: SetupSaver | null = null;

  private current: RuleSetDraft = { version: 1, rules: [] };
  private snapshot: CatalogSnapshot = EMPTY_CATALOG;
  /** ACD codes the admin pasted: used when the catalog knows none (the org never does). */
  private pasted = '';
  private catalogState:
    { kind: 'none' | 'loading' | 'ready' } | { kind: 'failed'; detail: string } = { kind: 'none' };
  private rulesProblem: Problem[] = [];
  private problems: readonly Problem[] = [];
  private findings: readonly Finding[] = [];
  private importForm: ImportState = importState();
  private readonly importHost = {
    current: () => this.current,
    catalog: () => this.effective,
    apply: (next: RuleSetDraft) => this.change(next, 'preview-import'),
  };
  private saveLine = '';
  private focusKey: string | null = null;
  private loadedRules: unknown = Symbol('none');
  private loadedCatalog: SetupCatalog | null = null;

  /** The rule set as edited now (a copy). */
  get draft(): RuleSetDraft {
    return copyDraft(this.current);
  }

  /** The preflight findings of the rule set as edited now. */
  get currentFindings(): readonly Finding[] {
    return this.findings;
  }

  /** The rule set as the JSON file "Download JSON" gives. */
  exportJson(): string {
    return exportJson(this.current);
  }

  /** The metadata folder "Download metadata folder" gives, or the problems that stop it. */
  exportMetadata(): { ok: true; zip: Uint8Array } | { ok: false; problems: Problem[] } {
    const records = recordsFromDraft(this.current, this.ruleSet);
    return records.ok ? { ok: true, zip: metadataFolder(records.records) } : records;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, [setupStyles]);
    return root;
  }

  private get language(): string {
    return setupLocale(this.locale || document.documentElement.lang || navigator.language);
  }

  private get t(): SetupTranslate {
    return setupTranslator(this.language);
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    if (this.rules !== this.loadedRules) {
      this.loadedRules = this.rules;
      this.loadRules();
    }
    if (this.catalog !== this.loadedCatalog) {
      this.loadedCatalog = this.catalog;
      void this.loadCatalog();
    }
    this.check();
    this.build();
  }

  private loadRules(): void {
    this.rulesProblem = [];
    if (this.rules === undefined || this.rules === null || this.rules === '') {
      this.current = { version: 1, rules: [] };
      return;
    }
    const parsed = parseRules(this.rules);
    if (parsed.ok) {
      this.current = canonicalDraft(parsed.document);
      return;
    }
    // A rule set the parser refuses is still shown, so the admin can fix it where it is wrong.
    this.rulesProblem = [...parsed.problems];
    const raw = typeof this.rules === 'string' ? safeJson(this.rules) : this.rules;
    this.current = looksLikeDraft(raw) ? copyDraft(raw) : { version: 1, rules: [] };
  }

  private async loadCatalog(): Promise<void> {
    const port = this.catalog;
    if (port === null) {
      this.snapshot = EMPTY_CATALOG;
      this.catalogState = { kind: 'none' };
      return;
    }
    this.catalogState = { kind: 'loading' };
    let result: ReturnType<typeof readCatalog>;
    try {
      result = readCatalog(await port.load());
    } catch (error) {
      result = {
        ok: false,
        path: '$',
        message: describeRejection(error),
      };
    }
    if (port !== this.catalog) return;
    if (result.ok) {
      this.snapshot = result.catalog;
      this.catalogState = { kind: 'ready' };
    } else {
      this.snapshot = EMPTY_CATALOG;
      this.catalogState = { kind: 'failed', detail: `${result.path}: ${result.message}` };
    }
    this.check();
    this.build();
  }

  /** The catalog preflight and the imports use: the org's, with pasted codes when it has none. */
  private get effective(): CatalogSnapshot {
    const codes = this.pasted.trim() === '' ? null : pastedCodes(this.pasted);
    return this.snapshot.codes === null && codes !== null
      ? { ...this.snapshot, codes }
      : this.snapshot;
  }

  private check(): void {
    const parsed = parseRules(this.current);
    this.problems = parsed.ok ? [] : parsed.problems;
    this.findings = parsed.ok ? preflight(this.current, this.effective) : [];
  }

  /** Applies a structural edit: new draft, checks, rebuild, focus back on `focusKey`. */
  private change(next: RuleSetDraft, focusKey: string | null): void {
    this.current = next;
    this.rulesProblem = [];
    this.focusKey = focusKey;
    this.check();
    this.build();
    this.announce();
  }

  private announce(): void {
    /** @internal The manifest names this event from the class's `@fires`, not from here. */
    this.dispatchEvent(new PresenceSyncSetupChangeEvent(this.draft, this.problems.length === 0));
  }

  /** A typed value: the draft changes, the checks are redrawn, the form is not rebuilt. */
  private edit(path: string, value: string | boolean): void {
    this.current = editedDraft(this.current, path, value);
    this.rulesProblem = [];
    this.check();
    this.refreshChecks();
    this.announce();
  }

  private readonly actions = {
    edit: (path: string, value: string | boolean) => this.edit(path, value),
    addRow: (rule: number, direction: Direction) => {
      const count = this.current.rules[rule]?.[direction].length ?? 0;
      this.change(
        edits.addRow(this.current, rule, direction),
        `id:${idOf(`rules[${rule}].${direction}[${count}].${direction === 'publisher' ? 'acd' : 'salesforce'}`)}`,
      );
    },
    removeRow: (rule: number, direction: Direction, row: number) => {
      const count = this.current.rules[rule]?.[direction].length ?? 0;
      const focus =
        count > 1
          ? `rules[${rule}].${direction}[${Math.min(row, count - 2)}]:remove`
          : `rules[${rule}].${direction}:add`;
      this.change(edits.removeRow(this.current, rule, direction, row), focus);
    },
    moveRow: (rule: number, direction: Direction, row: number, delta: number) => {
      const count = this.current.rules[rule]?.[direction].length ?? 0;
      const to = Math.min(count - 1, Math.max(0, row + delta));
      const edge = (delta < 0 && to === 0) || (delta > 0 && to === count - 1);
      const key = delta < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
      this.change(
        edits.moveRow(this.current, rule, direction, row, delta),
        `rules[${rule}].${direction}[${to}]:${key}`,
      );
    },
    removeRule: (rule: number) => {
      this.change(edits.removeRule(this.current, rule), 'add-rule');
    },
    moveRule: (rule: number, delta: number) => {
      const count = this.current.rules.length;
      const to = Math.min(count - 1, Math.max(0, rule + delta));
      const edge = (delta < 0 && to === 0) || (delta > 0 && to === count - 1);
      const key = delta < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
      this.change(edits.moveRule(this.current, rule, delta), `rules[${to}]:${key}`);
    },
  };

  /** Moves focus to the control a JSON path points at (a cell, a row, a table, a rule, a timed state). */
  focusPath(path: string): void {
    const controls = [
      ...this.renderRoot.querySelectorAll<HTMLElement>(
        'input[data-path], button[data-path], li.timed-state[data-path]',
      ),
    ];
    const exact = controls.find((control) => control.dataset.path === path);
    const inside = controls.find(
      (control) =>
        control.dataset.path?.startsWith(`${path}.`) ||
        control.dataset.path?.startsWith(`${path}[`),
    );
    const around = controls
      .filter(
        (control) =>
          path.startsWith(`${control.dataset.path ?? '\u0000'}.`) ||
          path.startsWith(`${control.dataset.path ?? '\u0000'}[`),
      )
      .sort((a, b) => (b.dataset.path?.length ?? 0) - (a.dataset.path?.length ?? 0))[0];
    (exact ?? inside ?? around)?.focus();
  }

  /**
   * Fills the import form with `text` from `source` and shows what it would change; nothing is
   * applied until the admin chooses "Apply these changes".
   */
  previewImport(source: ImportSource, text: string, name: string): void {
    this.importForm = { source, name, text, shown: null };
    this.build();
    this.renderRoot.querySelector<HTMLButtonElement>('#preview-import')?.click();
  }

  private toolbar(t: SetupTranslate): HTMLElement {
    const ruleSet = make('input', { id: 'rule-set', type: 'text' });
    ruleSet.value = this.ruleSet;
    ruleSet.addEventListener('change', () => {
      this.ruleSet = ruleSet.value.trim();
    });
    const codes = make('textarea', { id: 'pasted-codes', spellcheck: 'false', rows: '3' });
    codes.value = this.pasted;
    codes.addEventListener('change', () => {
      this.pasted = codes.value;
      this.check();
      this.build();
    });
    const status = make('p', { id: 'save-status', role: 'status' }, this.saveLine);
    const save =
      this.saver === null
        ? null
        : button(t('save'), () => void this.save(status), { id: 'save', class: 'primary' });
    return make(
      'div',
      {},
      make(
        'div',
        { class: 'toolbar' },
        make('label', {}, t('ruleSet'), ruleSet),
        save,
        button(
          t('exportJson'),
          () =>
            this.download(
              'presence-sync-rules.json',
              new TextEncoder().encode(this.exportJson()),
              'application/json',
            ),
          {
            id: 'export-json',
          },
        ),
        button(
          t('exportZip'),
          () => {
            const folder = this.exportMetadata();
            if (folder.ok) this.download('presence-sync-rules.zip', folder.zip, 'application/zip');
            else
              this.showSave(
                status,
                t('saveFailed', {
                  detail: folder.problems.map((problem) => problem.message).join('; '),
                }),
              );
          },
          { id: 'export-zip' },
        ),
      ),
      this.snapshot.codes === null
        ? make('label', { style: 'display:flex' }, t('pastedCodes'), codes)
        : null,
      status,
    );
  }

  private showSave(status: HTMLElement, line: string): void {
    this.saveLine = line;
    status.textContent = line;
  }

  private async save(status: HTMLElement): Promise<void> {
    const t = this.t;
    const saver = this.saver;
    if (saver === null) return;
    if (this.problems.length > 0 || this.findings.some((finding) => finding.severity === 'error')) {
      this.showSave(status, t('fixFirst'));
      return;
    }
    // Fresh rule record names on every save: Apex cannot delete custom metadata records, so the
    // rule set's earlier rules are deactivated instead, and with them every row they had.
    const stamp = Date.now().toString(36).slice(-6);
    const records = recordsFromDraft(
      this.current,
      this.ruleSet,
      `${developerName(this.ruleSet, 'Rules').slice(0, 16)}_${stamp}`,
    );
    if (!records.ok) {
      this.showSave(
        status,
        t('saveFailed', { detail: records.problems.map((problem) => problem.message).join('; ') }),
      );
      return;
    }
    this.showSave(status, t('saving'));
    const document = this.draft;
    try {
      const outcome = await saver.save({
        ruleSet: this.ruleSet,
        records: records.records,
        document,
      });
      this.showSave(status, t(outcome.ok ? 'saved' : 'saveFailed', { detail: outcome.message }));
      if (outcome.ok) {
        /** @internal The manifest names this event from the class's `@fires`, not from here. */
        this.dispatchEvent(new PresenceSyncSetupSaveEvent(this.ruleSet, document));
      }
    } catch (error) {
      this.showSave(status, t('saveFailed', { detail: describeRejection(error) }));
    }
  }

  private download(name: string, bytes: Uint8Array, type: string): void {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const link = make('a', { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  private datalists(): HTMLElement[] {
    const codes = this.effective.codes?.codes ?? [];
    const options = (values: readonly string[]) => values.map((value) => make('option', { value }));
    return [
      make(
        'datalist',
        { id: LISTS.statuses },
        ...options([...this.snapshot.statuses.map((status) => status.apiName), 'Offline']),
      ),
      make(
        'datalist',
        { id: LISTS.publisherAcd },
        ...options([
          ...PUBLISHER_STATES,
          ...codes.map((code) => `${code.isAcw ? 'ACW' : 'Unavailable'}/${code.name}`),
        ]),
      ),
      make(
        'datalist',
        { id: LISTS.subscriberAcd },
        ...options([
          ...SUBSCRIBER_STATES,
          ...codes.filter((code) => !code.isAcw).map((code) => `Unavailable/${code.name}`),
        ]),
      ),
    ];
  }

  private catalogLine(t: SetupTranslate): HTMLElement | null {
    const state = this.catalogState;
    if (state.kind === 'loading')
      return make('p', { role: 'status', class: 'hint' }, t('loadingCatalog'));
    if (state.kind === 'failed')
      return make(
        'p',
        { role: 'alert', class: 'cell-problem' },
        t('catalogFailed', { detail: state.detail }),
      );
    return null;
  }

  /** Rebuilds the whole form, then puts focus back where the last action asks. */
  private build(): void {
    const root = this.renderRoot;
    const t = this.t;
    const active = (root as ShadowRoot).activeElement as HTMLElement | null;
    const keep =
      this.focusKey ??
      (active?.dataset.key ? active.dataset.key : active?.id ? `id:${active.id}` : null);
    this.focusKey = null;
    const rules = make('div', { class: 'rules' });
    this.current.rules.forEach((rule, index) =>
      rules.append(ruleView(rule, index, this.current.rules.length, t, this.actions)),
    );
    root.replaceChildren(
      make(
        'div',
        { class: 'setup', lang: this.language },
        make('h2', {}, t('title')),
        make('p', { class: 'intro' }, t('intro')),
        this.catalogLine(t),
        this.toolbar(t),
        importPanel(this.importForm, this.importHost, t),
        make('div', { id: 'checks' }),
        rules,
        button(
          t('addRule'),
          () => this.change(edits.addRule(this.current, t('newRule')), 'add-rule'),
          { 'data-key': 'add-rule' },
        ),
        ...this.datalists(),
      ),
    );
    this.refreshChecks();
    if (keep !== null) {
      const target = keep.startsWith('id:')
        ? root.querySelector<HTMLElement>(`#${CSS.escape(keep.slice(3))}`)
        : root.querySelector<HTMLElement>(`[data-key="${CSS.escape(keep)}"]`);
      target?.focus();
    }
  }

  /** Redraws the problem and finding lists and each cell's problem line. */
  private refreshChecks(): void {
    const root = this.renderRoot;
    const t = this.t;
    const holder = root.querySelector('#checks');
    if (holder === null) return;
    const problems = [...this.rulesProblem, ...this.problems];
    holder.replaceChildren(
      checksView(dedupe(problems), this.findings, this.current, t, (path) => this.focusPath(path)),
    );
    for (const line of root.querySelectorAll('.cell-problem[id$="-problem"]'))
      line.textContent = '';
    for (const input of root.querySelectorAll('[aria-invalid]'))
      input.removeAttribute('aria-invalid');
    const mark = (path: string, message: string, invalid: boolean) => {
      const line =
        root.querySelector(`#${CSS.escape(idOf(path))}-problem`) ?? nearestLine(root, path);
      if (line !== null)
        line.textContent = line.textContent === '' ? message : `${line.textContent} ${message}`;
      const input = root.querySelector(`#${CSS.escape(idOf(path))}`);
      if (invalid && input !== null) input.setAttribute('aria-invalid', 'true');
    };
    for (const problem of this.problems) mark(problem.path ?? '$', problem.message, true);
    for (const finding of this.findings)
      if (finding.severity !== 'info')
        mark(
          finding.path,
          `${t(`severity.${finding.severity}`)}: ${findingText(finding, this.current, t).message}`,
          finding.severity === 'error',
        );
  }
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The problem line of the closest control around a path (a row's first cell, a rule). */
function nearestLine(root: HTMLElement | DocumentFragment, path: string): Element | null {
  let at = path;
  while (at.length > 0) {
    const line = root.querySelector(`#${CSS.escape(idOf(at))}-problem`);
    if (line !== null) return line;
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    if (cut <= 0) return null;
    at = at.slice(0, cut);
  }
  return null;
}
