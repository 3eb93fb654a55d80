// The panel's own agent frame as the agent side reads it: loaded only once the page of its current
// `src` has loaded, so nothing is posted into a page that is still on its way (a new `src`, or a
// new frame for another dialect).
import { expect } from '@open-wc/testing';
import { ZERO_COUNTERS } from '../../src/core/snapshot.js';
import { translator } from '../../src/element/i18n.js';
import { Panel } from '../../src/element/panel.js';
import { panelView, type PanelModel } from '../../src/element/view.js';

const t = translator('en');

function model(agentSrc: string, protocol: PanelModel['protocol'] = 'bridge'): PanelModel {
  return {
    snapshot: {
      phase: 'waiting',
      salesforce: null,
      acd: null,
      rule: null,
      leader: true,
      problems: [],
      counters: ZERO_COUNTERS,
    },
    mirror: null,
    configProblems: [],
    recent: [],
    statuses: [],
    protocol,
    platform: null,
    running: true,
    mode: 'active',
    agentBelow: true,
    agentSrc,
    now: 0,
    language: 'en',
  };
}

describe('Panel.agentFrame', () => {
  const host = document.createElement('div');
  before(() => document.body.append(host));
  after(() => host.remove());

  it('is loaded once its current page has loaded, and not while a new src or a new frame loads', async () => {
    let loads = 0;
    const panel = new Panel(host, {
      resync: () => undefined,
      pause: () => undefined,
      export: () => Promise.resolve({}),
      frameLoaded: () => (loads += 1),
    });
    const frame = () => host.querySelector('iframe');
    const loaded = (node: HTMLIFrameElement) =>
      new Promise((done) => node.addEventListener('load', done, { once: true }));

    expect(panel.agentFrame.window()).to.equal(null);
    panel.render(panelView(model('data:text/html,one'), t));
    const first = frame()!;
    expect(panel.agentFrame.loaded()).to.equal(false);
    await loaded(first);
    expect([panel.agentFrame.loaded(), loads]).to.deep.equal([true, 1]);
    expect(panel.agentFrame.window()).to.equal(first.contentWindow);

    panel.render(panelView(model('data:text/html,two'), t));
    expect(panel.agentFrame.loaded()).to.equal(false);
    await loaded(first);
    expect([panel.agentFrame.loaded(), loads]).to.deep.equal([true, 2]);

    // Another dialect is another frame (its permissions apply from its first page).
    panel.render(panelView(model('data:text/html,two', 'cxone-client-events'), t));
    const second = frame()!;
    expect(second).to.not.equal(first);
    expect(panel.agentFrame.loaded()).to.equal(false);
    await loaded(second);
    expect(panel.agentFrame.loaded()).to.equal(true);
  });

  it('saves the diagnostics the element gives as a dated JSON file when Export is pressed', async () => {
    const click = HTMLAnchorElement.prototype.click;
    const saved = new Promise<{ href: string; download: string }>((done) => {
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        done({ href: this.href, download: this.download });
      };
    });
    const own = document.createElement('div');
    document.body.append(own);
    try {
      const panel = new Panel(own, {
        resync: () => undefined,
        pause: () => undefined,
        export: () => Promise.resolve({ kind: 'presence-sync-diagnostics', note: 'a&b #1' }),
        frameLoaded: () => undefined,
      });
      panel.render(panelView(model('data:text/html,one'), t));
      own.querySelector<HTMLButtonElement>('[data-action=export]')!.click();
      const { href, download } = await saved;
      expect(download).to.match(/^presence-sync-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
      // What is saved is the data URL's body; a fragment would be cut off it.
      const url = new URL(href);
      expect(url.hash).to.equal('');
      expect(url.pathname.startsWith('application/json;charset=utf-8,')).to.equal(true);
      const body = url.pathname.slice(url.pathname.indexOf(',') + 1);
      expect(JSON.parse(decodeURIComponent(body))).to.deep.equal({
        kind: 'presence-sync-diagnostics',
        note: 'a&b #1',
      });
    } finally {
      HTMLAnchorElement.prototype.click = click;
      own.remove();
    }
  });
});
