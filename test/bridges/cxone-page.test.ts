// The CXone bridge page's configuration and its postMessage end, in the browser (no CXone needed).
import { expect } from '@open-wc/testing';
import {
  checkBridgeConfig,
  ignoredParameters,
  loadBridgeConfig,
} from '../../src/bridges/cxone/config.js';
import { noStateHello } from '../../src/protocol/agent-side.js';
import { WidgetPort, type BridgeWindow } from '../../src/protocol/widget-port.js';

const PAGE = 'https://bridge.example.com/cxone/index.html';
const WIDGET = 'https://acme.lightning.force.com';
const GOOD = { clientId: 'abc-123', widgetOrigins: [WIDGET] };

describe('checkBridgeConfig()', () => {
  it('reads a good config.json, with the defaults of docs/contract.md §5.3', () => {
    const { config, problems } = checkBridgeConfig(
      { ...GOOD, widgetOrigins: [WIDGET, 'https://acme--dev.sandbox.lightning.force.com'] },
      PAGE,
    );
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal({
      clientId: 'abc-123',
      widgetOrigins: [WIDGET, 'https://acme--dev.sandbox.lightning.force.com'],
      issuer: 'https://cxone.niceincontact.com',
      redirectUri: 'https://bridge.example.com/cxone/callback.html',
      pollTimeoutS: 30,
      apiHostSuffixes: ['niceincontact.com', 'nice-incontact.com', 'nicecxone.com'],
    });
  });

  for (const [body, key] of [
    [{ widgetOrigins: [WIDGET] }, 'clientId'],
    [{ ...GOOD, clientId: 'a b' }, 'clientId'],
    [{ clientId: 'x' }, 'widgetOrigins'],
    [{ ...GOOD, widgetOrigins: '*' }, 'widgetOrigins'],
    [{ ...GOOD, widgetOrigins: ['*'] }, 'widgetOrigins'],
    [{ ...GOOD, widgetOrigins: [] }, 'widgetOrigins'],
    [{ ...GOOD, widgetOrigins: [`${WIDGET} https://evil.example`] }, 'widgetOrigins'],
    [{ ...GOOD, widgetOrigins: [`${WIDGET}/path`] }, 'widgetOrigins'],
    [{ ...GOOD, pollTimeoutS: 90 }, 'pollTimeoutS'],
    [{ ...GOOD, pollTimeoutS: '30' }, 'pollTimeoutS'],
    [{ ...GOOD, issuer: 'ftp://x' }, 'issuer'],
    [{ ...GOOD, issuer: 'http://cxone.example.com' }, 'issuer'],
    [{ ...GOOD, widgetOrigins: ['http://acme.lightning.force.com'] }, 'widgetOrigins'],
    [{ ...GOOD, redirectUri: 'https://evil.example.com/cb' }, 'redirectUri'],
    [{ ...GOOD, presenceApi: 'https://evil.example.com' }, 'presenceApi'],
    [{ ...GOOD, apiHostSuffixes: [] }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: 'niceincontact.com' }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: ['*.niceincontact.com'] }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: ['.niceincontact.com'] }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: ['com'] }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: ['https://niceincontact.com'] }, 'apiHostSuffixes'],
    [{ ...GOOD, apiHostSuffixes: ['NiceInContact.com'] }, 'apiHostSuffixes'],
    [{ ...GOOD, issuer: 'https://cxone.example.com' }, 'issuer'],
    [{ ...GOOD, issuer: 'https://nicecxone-sov1.eu' }, 'issuer'],
    [[GOOD], 'config.json'],
  ] as const) {
    it(`names ${key} for ${JSON.stringify(body).slice(0, 70)}`, () => {
      const { config, problems } = checkBridgeConfig(body, PAGE);
      expect(config).to.equal(null);
      expect(problems.map((problem) => problem.key)).to.include(key);
    });
  }

  it('takes plain http on loopback only, for a test or demo host', () => {
    const { config } = checkBridgeConfig(
      { ...GOOD, issuer: 'http://api.cxone.localhost:8080', widgetOrigins: ['http://127.0.0.1:9'] },
      PAGE,
    );
    expect(config?.issuer).to.equal('http://api.cxone.localhost:8080');
    expect(config?.widgetOrigins).to.deep.equal(['http://127.0.0.1:9']);
  });

  it('takes an issuer outside NICE’s domains only when apiHostSuffixes names it, and says so by key', () => {
    const refused = checkBridgeConfig({ ...GOOD, issuer: 'https://nicecxone-sov1.eu' }, PAGE);
    expect(refused.problems.map((p) => `${p.key}: ${p.message}`)).to.deep.equal([
      'issuer: it names the host nicecxone-sov1.eu, which is not under apiHostSuffixes in config.json (niceincontact.com, nice-incontact.com, nicecxone.com)',
    ]);
    const { config, problems } = checkBridgeConfig(
      {
        ...GOOD,
        issuer: 'https://nicecxone-sov1.eu',
        apiHostSuffixes: ['nicecxone-sov1.eu', 'niceincontact.com'],
      },
      PAGE,
    );
    expect(problems).to.deep.equal([]);
    expect(config?.apiHostSuffixes).to.deep.equal(['nicecxone-sov1.eu', 'niceincontact.com']);
  });

  it('takes a redirect URI on the bridge’s own origin, relative to the page', () => {
    const { config } = checkBridgeConfig({ ...GOOD, redirectUri: '/auth/done.html' }, PAGE);
    expect(config?.redirectUri).to.equal('https://bridge.example.com/auth/done.html');
  });
});

describe('ignoredParameters()', () => {
  it('lists every query parameter but lang, once each', () => {
    expect(
      ignoredParameters(
        `${PAGE}?client_id=x&widget_origin=https%3A%2F%2Fevil.example&lang=fr&presence_api=y&issuer=z&client_id=w`,
      ),
    ).to.deep.equal(['client_id', 'widget_origin', 'presence_api', 'issuer']);
    expect(ignoredParameters(`${PAGE}?lang=ja`)).to.deep.equal([]);
  });
});

describe('loadBridgeConfig()', () => {
  const serving =
    (status: number, text: string, seen: Array<{ url: string; init?: RequestInit }> = []) =>
    async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(url), ...(init !== undefined ? { init } : {}) });
      return new Response(text, { status });
    };

  it('reads config.json beside the page, from its own origin, uncached and without credentials', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const { config } = await loadBridgeConfig(
      serving(200, JSON.stringify(GOOD), seen),
      `${PAGE}?client_id=evil&widget_origin=https%3A%2F%2Fevil.example`,
    );
    expect(seen.map((request) => request.url)).to.deep.equal([
      'https://bridge.example.com/cxone/config.json',
    ]);
    expect(seen[0]?.init?.cache).to.equal('no-store');
    expect(seen[0]?.init?.credentials).to.equal('omit');
    expect(config?.clientId).to.equal('abc-123');
    expect(config?.widgetOrigins).to.deep.equal([WIDGET]);
  });

  for (const [status, text, words] of [
    [404, 'not found', /missing beside the page .*404/],
    [200, '{"clientId":', /is not JSON/],
    [200, 'null', /not a JSON object/],
  ] as const) {
    it(`names config.json when it answers ${status} ${text}`, async () => {
      const { config, problems } = await loadBridgeConfig(serving(status, text), PAGE);
      expect(config).to.equal(null);
      expect(problems[0]?.key).to.equal('config.json');
      expect(problems[0]?.message).to.match(words);
    });
  }
});

describe('WidgetPort', () => {
  function setup() {
    const posted: Array<{ message: unknown; origin: string }> = [];
    const parent = {
      postMessage: (message: unknown, origin: string) => posted.push({ message, origin }),
    };
    let listener: ((event: MessageEvent) => void) | null = null;
    const win: BridgeWindow = {
      addEventListener: (_type, handler) => (listener = handler),
      removeEventListener: () => (listener = null),
    };
    const writes: string[] = [];
    const locales: Array<string | null> = [];
    const orgIds: Array<string | null> = [];
    let now = 1_000;
    const port = new WidgetPort(
      win,
      parent,
      [WIDGET],
      {
        hello: ({ locale, orgId }) => {
          locales.push(locale);
          orgIds.push(orgId);
          return noStateHello('cxone', '1001', null);
        },
        setState: (id) => writes.push(id),
      },
      () => now,
    );
    port.open();
    const send = (data: unknown, origin = WIDGET, source: unknown = parent) =>
      listener?.({ data, origin, source } as unknown as MessageEvent);
    return { port, posted, writes, locales, orgIds, send, tick: (ms: number) => (now += ms) };
  }
  const setState = {
    ns: 'presence-sync',
    v: 1,
    type: 'setState',
    id: 'w1',
    target: { state: 'Available' },
  };

  it('answers the widget’s hello at its exact origin, never *', () => {
    const { posted, send } = setup();
    send({ ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' });
    expect(posted).to.have.length(1);
    expect(posted[0]?.origin).to.equal(WIDGET);
  });

  it('takes setState only from the parent window at an allowed origin', () => {
    const { port, writes, send } = setup();
    send(setState, 'https://evil.example.com');
    send(setState, WIDGET, { postMessage() {} }); // a sibling window
    send({ ...setState, v: 2 });
    send({ ...setState, target: { state: 'Busy' } });
    expect(writes).to.deep.equal([]);
    expect(port.rejected).to.equal(4);
    send(setState);
    expect(writes).to.deep.equal(['w1']);
  });

  it('hands the bridge the widget’s language, and none for a tag that is not a language tag', () => {
    const { locales, send, tick } = setup();
    const hello = { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' };
    for (const locale of ['fr-CA', undefined, '<img src=x>', 'x'.repeat(40), 42, 'ja']) {
      send({ ...hello, ...(locale !== undefined ? { locale } : {}) });
      tick(1000);
    }
    expect(locales).to.deep.equal(['fr-CA', null, null, null, null, 'ja']);
  });

  it('hands the bridge the widget’s org id, and none for anything else', () => {
    const { orgIds, send, tick } = setup();
    const hello = { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' };
    for (const orgId of [
      '00D5g000004ABCD',
      '00D5g000004ABCDEAA',
      '00D5g000004ABC',
      '005000000000001',
      7,
    ]) {
      send({ ...hello, orgId });
      tick(1000);
    }
    expect(orgIds).to.deep.equal(['00D5g000004ABCD', '00D5g000004ABCDEAA', null, null, null]);
  });

  it('answers hellos at most once a second', () => {
    const { posted, send, tick } = setup();
    const hello = { ns: 'presence-sync', v: 1, type: 'hello', role: 'widget' };
    send(hello);
    send(hello);
    tick(1000);
    send(hello);
    expect(posted).to.have.length(2);
  });
});
