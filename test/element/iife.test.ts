// The IIFE as Salesforce's loadScript runs it: a classic script, no modules, in a fresh window.
import { expect } from '@open-wc/testing';

interface Loaded extends Window {
  PresenceSync?: Record<string, unknown>;
}

function classicPage(): Promise<{ win: Loaded; errors: string[] }> {
  const iframe = document.createElement('iframe');
  iframe.srcdoc = `<!doctype html><html lang="en"><body><script>window.__errors = []; addEventListener('error', (event) => __errors.push(String(event.message)));</script><script src="${location.origin}/dist/presence-sync.iife.js"></script></body></html>`;
  return new Promise((resolve) => {
    iframe.addEventListener('load', () => {
      const win = iframe.contentWindow as Loaded & { __errors: string[] };
      resolve({ win, errors: win.__errors });
    }, { once: true });
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
    const el = win.document.createElement('presence-sync') as HTMLElement & { updateComplete: Promise<unknown>; renderRoot: ShadowRoot };
    const seen: string[] = [];
    el.addEventListener('presencesyncerror', (event) => seen.push((event as CustomEvent<{ code: string }>).detail.code));
    el.setAttribute('agent-origin', '*');
    el.setAttribute('rules', '{"version": 1, "rules": []}');
    win.document.body.append(el);
    await el.updateComplete;
    expect(seen).to.deep.equal(['origin-refused']);
    expect(el.renderRoot.querySelector('[role=alert]')?.textContent).to.contain('agent-origin');
    expect(errors).to.deep.equal([]);
  });
});
