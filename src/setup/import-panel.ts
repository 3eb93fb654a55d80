/**
 * The setup editor's import form: a source (NICE's rule, Webex's settings, a rule document), the
 * imported rule's name, the pasted text, and the preview — the diff against the rule set as it is
 * when the preview is asked for, and the import's notes — with "Apply" and "Cancel".
 *
 * Invariants: nothing is applied until "Apply"; the form's values live in `ImportState`, not in
 * the DOM, so a rebuild of the editor keeps what was typed; "Apply" merges the import into the rule
 * set as it is then, not as it was at the preview.
 */
import type { CatalogSnapshot } from './catalog.js';
import { previewView } from './checks-view.js';
import { diffRuleSets } from './diff.js';
import { button, make } from './dom.js';
import type { RuleSetDraft } from './draft.js';
import type { ImportResult } from './import-common.js';
import { applyImport, importRuleDocument } from './import-document.js';
import { importNiceRule } from './import-nice.js';
import { importWebexSettings } from './import-webex.js';
import type { SetupTranslate } from './words/index.js';

/** The import sources. */
export type ImportSource = 'nice' | 'webex' | 'document';

/** What the form holds, and the import shown, if any. */
export interface ImportState {
  source: ImportSource;
  name: string;
  text: string;
  shown: ImportResult | null;
}

/** What the form needs from the editor. */
export interface ImportHost {
  readonly current: () => RuleSetDraft;
  readonly catalog: () => CatalogSnapshot;
  /** Applies the rule set the import gives. */
  readonly apply: (next: RuleSetDraft) => void;
}

const DEFAULT_NAMES: Record<ImportSource, string> = { nice: 'CXone', webex: 'Webex', document: '' };

/** A fresh form: NICE's rule, named `CXone`. */
export function importState(): ImportState {
  return { source: 'nice', name: DEFAULT_NAMES.nice, text: '', shown: null };
}

/** The import of a text from a source, as a rule set proposal with notes, or its problems. */
export function runImport(
  source: ImportSource,
  text: string,
  name: string,
  catalog: CatalogSnapshot,
): ImportResult {
  if (source === 'nice') return importNiceRule(text, { name, catalog });
  if (source === 'webex') return importWebexSettings(text, { name, catalog });
  return importRuleDocument(text);
}

/** The rule set after applying an import to `current`. */
export function merged(current: RuleSetDraft, source: ImportSource, imported: RuleSetDraft) {
  return applyImport(current, imported, source === 'document' ? 'replace-all' : 'merge-by-name');
}

function fill(area: HTMLElement, state: ImportState, host: ImportHost, t: SetupTranslate): void {
  area.replaceChildren();
  const shown = state.shown;
  if (shown === null) return;
  if (!shown.ok) {
    area.append(
      make('p', { class: 'cell-problem', role: 'alert' }, t('importFailed')),
      make('ul', {}, ...shown.problems.map((problem) => make('li', {}, problem.message))),
    );
    return;
  }
  const current = host.current();
  area.append(
    previewView(diffRuleSets(current, merged(current, state.source, shown.draft)), shown.notes, t),
    button(
      t('applyImport'),
      () => {
        state.shown = null;
        host.apply(merged(host.current(), state.source, shown.draft));
      },
      { id: 'apply-import', class: 'primary' },
    ),
    button(
      t('cancel'),
      () => {
        state.shown = null;
        area.replaceChildren();
        area.parentElement?.querySelector<HTMLElement>('#preview-import')?.focus();
      },
      { id: 'cancel-import' },
    ),
  );
}

/** The import form, built from `state` (so a rebuild keeps what was typed). */
export function importPanel(state: ImportState, host: ImportHost, t: SetupTranslate): HTMLElement {
  const source = make(
    'select',
    { id: 'import-source' },
    make('option', { value: 'nice' }, t('source.nice')),
    make('option', { value: 'webex' }, t('source.webex')),
    make('option', { value: 'document' }, t('source.document')),
  );
  source.value = state.source;
  const name = make('input', { id: 'import-name', type: 'text' });
  name.value = state.name;
  name.disabled = state.source === 'document';
  const text = make('textarea', { id: 'import-text', spellcheck: 'false' });
  text.value = state.text;
  source.addEventListener('change', () => {
    state.source = source.value as ImportSource;
    state.name = DEFAULT_NAMES[state.source];
    name.value = state.name;
    name.disabled = state.source === 'document';
  });
  name.addEventListener('input', () => (state.name = name.value));
  text.addEventListener('input', () => (state.text = text.value));
  const preview = make('div', {
    id: 'import-preview',
    role: 'region',
    'aria-live': 'polite',
    'aria-label': t('changes'),
  });
  const show = () => {
    // Read the controls too: a script (or the demo) may have set them without an input event.
    state.source = source.value as ImportSource;
    state.name = name.value;
    state.text = text.value;
    state.shown = runImport(
      state.source,
      state.text,
      state.name.trim() || 'Imported',
      host.catalog(),
    );
    fill(preview, state, host, t);
    preview.querySelector<HTMLElement>('#apply-import, #cancel-import')?.focus();
  };
  fill(preview, state, host, t);
  return make(
    'section',
    { 'aria-labelledby': 'import-heading' },
    make('h3', { id: 'import-heading' }, t('import')),
    make('label', {}, t('importSource'), source),
    make('label', {}, t('importName'), name),
    make('label', { style: 'display:flex' }, t('importText'), text),
    button(t('preview'), show, { id: 'preview-import' }),
    preview,
  );
}
