// The IIFE as Salesforce's loadScript runs it: a classic script, no modules, in a fresh window.
import { expect } from '@open-wc/testing';

interface Loaded extends Window {
  PresenceSync?: Record<string, unknown>;
}

/** A fresh page running the given dist/ scripts, in order, as classic scripts. */
function classicPage(
  scripts = ['presence-sync.iife.js'],
): Promise<{ win: Loaded; errors: string[] }> {
  const iframe = document.createElement('iframe');
  const tags = scripts
    .map((name) => `<script src="${location.origin}/dist/${name}"></script>`)
    .join('');
  iframe.srcdoc = `<!doctype html><html lang="en"><body><script>window.__errors = []; addEventListener('error', (event) => __errors.push(String(event.message)));</script>${tags}</body></html>`;
  return new Promise((resolve) => {
    iframe.addEventListener(
      'load',
      () => {
        const win = iframe.contentWindow as Loaded & { __errors: string[] };
        resolve({ win, errors: win.__errors });
      },
      { once: true },
    );
    document.body.append(iframe);
  });
}

describe('dist/presence-sync.iife.js as a classic script', () => {
  it('registers <presence-sync>, sets PresenceSync, and renders an attribute error without throwing', async () => {
    const { win, errors } = await classicPage();
    expect(errors).to.deep.equal([]);
    expect(typeof win.PresenceSync?.createEngine).to.equal('function');
    expect(typeof win.PresenceSync?.parseRules).to.equal('function');
    expect(typeof win.PresenceSync?.phaseLabel).to.equal('function');
    expect(win.customElements.get('presence-sync')).to.equal(win.PresenceSync?.PresenceSyncElement);
    // The IIFE's own class, registered in that window: the tag map types it.
    const el = win.document.createElement('presence-sync');
    const seen: string[] = [];
    el.addEventListener('presencesyncerror', (event) => seen.push(event.detail.code));
    el.setAttribute('agent-origin', '*');
    el.setAttribute('rules', '{"version": 1, "rules": []}');
    win.document.body.append(el);
    await el.updateComplete;
    expect(seen).to.deep.equal(['origin-refused']);
    expect(el.renderRoot.querySelector('[role=alert]')?.textContent).to.contain('agent-origin');
    expect(errors).to.deep.equal([]);
  });
});

/** Adds a classic script to the page and resolves once it ran. */
function addScript(win: Loaded, name: string): Promise<void> {
  const script = win.document.createElement('script');
  script.src = `${location.origin}/dist/${name}`;
  return new Promise((resolve, reject) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`could not load ${name}`)), {
      once: true,
    });
    win.document.body.append(script);
  });
}

type Panel = HTMLElementTagNameMap['presence-sync'];
const phaseOf = async (el: Panel) => {
  await el.updateComplete;
  return el.renderRoot.querySelector('[part=phase]')?.textContent?.trim();
};

/** An element stopped by an attribute error (a wildcard origin), so its phase is "error" whatever the page. */
function mountBroken(win: Loaded, locale: string): Panel {
  const el = win.document.createElement('presence-sync');
  el.setAttribute('locale', locale);
  el.setAttribute('agent-origin', '*');
  el.setAttribute('rules', '{"version": 1, "rules": []}');
  win.document.body.append(el);
  return el;
}

describe('the classic-script language packs', () => {
  it('the IIFE carries English only', async () => {
    const text = await (await fetch('/dist/presence-sync.iife.js')).text();
    expect(text).to.contain('Needs attention');
    expect(text).to.not.contain('Intervention requise');
    expect(text).to.not.contain('Синхронізовано');
  });

  it('shows English until the pack runs, then redraws in the language', async () => {
    const { win, errors } = await classicPage();
    const el = mountBroken(win, 'ko-KR');
    expect(await phaseOf(el)).to.equal('Needs attention');
    await addScript(win, 'presence-sync.iife.ko.js');
    expect(await phaseOf(el)).to.not.equal('Needs attention');
    expect(await phaseOf(el)).to.equal(
      (win.PresenceSync?.phaseLabel as (phase: string, locale: string) => string)('error', 'ko'),
    );
    expect(errors).to.deep.equal([]);
  });

  it('a pack that runs before the element script works too', async () => {
    const { win, errors } = await classicPage([
      'presence-sync.iife.fr.js',
      'presence-sync.iife.js',
    ]);
    const el = mountBroken(win, 'fr');
    expect(await phaseOf(el)).to.equal('Intervention requise');
    expect(errors).to.deep.equal([]);
  });
});
