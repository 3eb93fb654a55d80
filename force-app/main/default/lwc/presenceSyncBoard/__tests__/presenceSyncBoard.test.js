import { createElement } from 'lwc';
import PresenceSyncBoard from 'c/presenceSyncBoard';
import { loadScript } from 'lightning/platformResourceLoader';
import listFleet from '@salesforce/apex/PresenceSyncHealth.listFleet';
import requestResync from '@salesforce/apex/PresenceSyncHealth.requestResync';

jest.mock(
  '@salesforce/resourceUrl/presenceSyncBoard',
  () => ({ default: '/resource/123/presenceSyncBoard' }),
  { virtual: true },
);
jest.mock('@salesforce/apex/PresenceSyncHealth.listFleet', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/PresenceSyncHealth.requestResync', () => ({ default: jest.fn() }), {
  virtual: true,
});

// A stand-in for the element the static resource registers: it records what the host sets.
class FakeBoard extends HTMLElement {}
Object.defineProperty(FakeBoard.prototype, 'source', {
  get() {
    return this.recordedSource;
  },
  set(value) {
    this.recordedSource = value;
  },
});

// Lets the host's promise chains (loadScript, rerender) settle.
async function flush() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

function mount(properties = {}) {
  const host = createElement('c-presence-sync-board', { is: PresenceSyncBoard });
  Object.assign(host, properties);
  document.body.appendChild(host);
  return host;
}

describe('c-presence-sync-board', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('loads the board script, renders <presence-sync-board> with its attributes, and feeds it from Apex', async () => {
    loadScript.mockImplementation(() => {
      if (!customElements.get('presence-sync-board'))
        customElements.define('presence-sync-board', FakeBoard);
      return Promise.resolve();
    });
    const rows = [{ userId: '005000000000001AAA', phase: 'in-sync' }];
    listFleet.mockResolvedValue(rows);
    requestResync.mockResolvedValue(2);
    const host = mount({ refreshS: 60, locale: 'fr' });
    await flush();
    expect(loadScript).toHaveBeenCalledWith(expect.anything(), '/resource/123/presenceSyncBoard');
    const board = host.shadowRoot.querySelector('presence-sync-board');
    expect(board).not.toBeNull();
    expect(board.getAttribute('refresh-s')).toBe('60');
    expect(board.getAttribute('locale')).toBe('fr');
    await expect(board.source.list()).resolves.toEqual(rows);
    expect(listFleet).toHaveBeenCalledWith({ filter: 'all' });
    await expect(
      board.source.requestResync(new Set(['005000000000001AAA', '005000000000002AAA'])),
    ).resolves.toBeUndefined();
    expect(requestResync).toHaveBeenCalledWith({
      userIds: ['005000000000001AAA', '005000000000002AAA'],
    });
  });

  it('says so, in an alert, when the board script does not load', async () => {
    loadScript.mockImplementation(() => Promise.reject(new Error('404')));
    const host = mount();
    await flush();
    const alert = host.shadowRoot.querySelector('[role=alert]');
    expect(alert.textContent).toContain('presenceSyncBoard');
    expect(alert.textContent).toContain('404');
    expect(host.shadowRoot.querySelector('presence-sync-board')).toBeNull();
  });

  it('passes a rejected Apex call on to the board, which shows it', async () => {
    loadScript.mockImplementation(() => {
      if (!customElements.get('presence-sync-board'))
        customElements.define('presence-sync-board', FakeBoard);
      return Promise.resolve();
    });
    listFleet.mockRejectedValue({
      body: { message: 'listFleet: needs the Presence Sync Supervisor permission set.' },
    });
    const host = mount();
    await flush();
    const board = host.shadowRoot.querySelector('presence-sync-board');
    await expect(board.source.list()).rejects.toEqual({
      body: { message: 'listFleet: needs the Presence Sync Supervisor permission set.' },
    });
  });
});
