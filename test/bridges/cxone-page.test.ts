// The CXone bridge page's configuration and its postMessage end, in the browser (no CXone needed).
import { expect } from '@open-wc/testing';
import { readBridgeConfig } from '../../src/bridges/cxone/config.js';
import { noStateHello } from '../../src/protocol/agent-side.js';
import { WidgetPort, type BridgeWindow } from '../../src/protocol/widget-port.js';

const PAGE = 'https://bridge.example.com/cxone/index.html';
const WIDGET = 'https://acme.lightning.force.com';

describe('readBridgeConfig()', () => {
  it('reads a good query string, with the defaults of docs/contract.md §5.3', () => {
    const { config, problems } = readBridgeConfig(
      `${PAGE}?client_id=abc-123&widget_origin=${encodeURIComponent(`${WIDGET} https://acme--dev.sandbox.lightning.force.com`)}`,
    );
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal({
      clientId: 'abc-123',
      widgetOrigins: [WIDGET, 'https://acme--dev.sandbox.lightning.force.com'],
      issuer: 'https://cxone.niceincontact.com',
      redirectUri: 'https://bridge.example.com/cxone/callback.html',
      pollTimeoutS: 30,
    });
  });

  for (const [query, parameter] of [
    ['widget_origin=https%3A%2F%2Fa.example.com', 'client_id'],
    ['client_id=x', 'widget_origin'],
    ['client_id=x&widget_origin=*', 'widget_origin'],
    ['client_id=x&widget_origin=https%3A%2F%2Fa.example.com%2Fpath', 'widget_origin'],
    ['client_id=x&widget_origin=https%3A%2F%2Fa.example.com&poll_timeout=90', 'poll_timeout'],
    ['client_id=x&widget_origin=https%3A%2F%2Fa.example.com&issuer=ftp%3A%2F%2Fx', 'issuer'],
    [
      'client_id=x&widget_origin=https%3A%2F%2Fa.example.com&redirect_uri=https%3A%2F%2Fevil.example.com%2Fcb',
      'redirect_uri',
    ],
  ] as const) {
    it(`names ${parameter} for ?${query.slice(0, 60)}`, () => {
      const { config, problems } = readBridgeConfig(`${PAGE}?${query}`);
      expect(config).to.equal(null);
      expect(problems.map((problem) => problem.parameter)).to.include(parameter);
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
          return noStateHello('1001', null);
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
