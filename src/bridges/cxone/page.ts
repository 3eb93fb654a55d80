/**
 * The CXone bridge page (docs/contract.md §5.3): loaded by the widget as its `agent-src` iframe, it
 * signs the agent in to CXone (a "Connect CXone" button: a popup needs a click in its own frame),
 * joins the agent's CXone session and speaks the bridge protocol as the `agent` to `window.parent`.
 *
 * Invariants:
 * - Its settings come from `config.json` beside it, never from its URL: the query's other
 *   parameters are listed as ignored; a missing or bad file names the key and nothing connects.
 * - Where the browser reports the embedding page (`location.ancestorOrigins`), a parent outside
 *   `widgetOrigins` gets nothing, and the page says why.
 * - Tokens stay in this frame. The latest refresh token is kept in this frame's `sessionStorage`
 *   (so a reload does not ask again), cleared on "Disconnect" and when CXone refuses it; where
 *   the browser gives the frame no storage, tokens live in memory and the page says a reload will
 *   ask again.
 * - Before its first request that carries the token, the page pins `connect-src` to `'self'`,
 *   the issuer and the discovered hosts (a second Content-Security-Policy).
 * - The popup's code is taken only from this page's own origin, from the popup it opened, with
 *   the `state` of the one request it answers; every request has its own PKCE pair, `nonce` and
 *   popup window name.
 * - Every DOM text is set as text, never as markup.
 */
import {
  encodeBridgeMessage,
  noStateHello,
  resultMessage,
  SessionEndKeeper,
  systemClock as clock,
  takeRestore,
  restoreTarget,
  WidgetPort,
  type BridgeMessage,
} from '../../protocol/index.js';
import { AUTH_NS } from './auth-message.js';
import { CxoneAgentSession, tenantApi, type SessionStatus } from './agent-session.js';
import {
  AuthError,
  authorizeUrl,
  CxoneTokens,
  discover,
  signInRequest,
  type OpenIdConfig,
  type SignInRequest,
} from './auth.js';
import { ignoredParameters, loadBridgeConfig, type BridgeConfig } from './config.js';
import { CxoneHttp } from './http.js';
import { RETRY_LIMITS, RetryPolicy } from './retry.js';
import { sendSessionEnd } from './session-end.js';
import { BridgeTabs, type TabChannel, type TabLocks, type TabRole } from './tabs.js';
import { languageOf, wordsFor } from './words.js';

const KEPT = 'presence-sync-cxone-refresh';

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** What the browser lets this frame keep: each is null where it is blocked (or missing). */
interface FrameStorage {
  kept: Storage | null;
  locks: TabLocks | null;
  channel: TabChannel | null;
  /** The browser blocks this frame's storage (a local cause, said as such). */
  blocked: boolean;
}

/**
 * Probes the frame's storage. A browser that blocks third-party storage (rather than partitioning
 * it) throws on `sessionStorage` and rejects Web Locks; that is a local cause, said as such.
 */
async function probeStorage(channelName: string): Promise<FrameStorage> {
  let kept: Storage | null = null;
  try {
    kept = window.sessionStorage;
    kept.getItem(KEPT);
  } catch {
    kept = null;
  }
  let locks: TabLocks | null = null;
  let locksBlocked = false;
  if (typeof navigator.locks !== 'undefined') {
    try {
      await navigator.locks.query();
      locks = navigator.locks;
    } catch {
      locksBlocked = true;
    }
  }
  let channel: TabChannel | null = null;
  try {
    channel = new BroadcastChannel(channelName);
  } catch {
    channel = null;
  }
  return { kept, locks, channel, blocked: kept === null || locksBlocked };
}

/** Starts the bridge in this page. */
export async function startBridgePage(scriptUrl: string): Promise<void> {
  const asked = new URL(location.href).searchParams.get('lang');
  const language = languageOf(asked ?? navigator.language);
  document.documentElement.lang = language;
  const t = wordsFor(language);
  const status = element<HTMLParagraphElement>('status');
  const button = element<HTMLButtonElement>('connect');
  const problemList = element<HTMLUListElement>('problems');
  button.textContent = t('connect');
  const ignored = ignoredParameters(location.href);
  if (ignored.length > 0) {
    const line = element<HTMLParagraphElement>('ignored');
    line.textContent = t('ignored', ignored.map((key) => key.slice(0, 40)).join(', '));
    line.hidden = false;
  }
  status.textContent = t('connecting');
  // The widget's first hello may come while config.json loads: held, and heard once the port opens.
  const early: MessageEvent[] = [];
  const hold = (event: MessageEvent) => {
    if (early.length < 20) early.push(event);
  };
  window.addEventListener('message', hold);
  // config.json is read beside the script, not beside whatever path the page was reached by (a
  // host that answers index.html for any path must not let a crafted path choose the file).
  const { config, problems, widgetOrigins } = await loadBridgeConfig(fetch.bind(window), scriptUrl);
  // Framed by a page this bridge does not serve, or inside one (a listed page framed by a foreign
  // one): it hears and tells that page nothing. Every ancestor counts, not only the parent.
  const parent = [...(location.ancestorOrigins ?? [])].find(
    (origin) => !widgetOrigins.includes(origin),
  );
  if (parent !== undefined && widgetOrigins.length > 0) {
    window.removeEventListener('message', hold);
    status.textContent = t('wrong-parent', parent.slice(0, 100));
    button.hidden = true;
    return;
  }
  if (config === null) {
    window.removeEventListener('message', hold);
    // The widget shows it too: the admin looks at the Salesforce side first.
    const problem = `The CXone bridge is set up wrongly: ${problems.map((p) => `${p.key} ${p.message}`).join('; ')}`;
    for (const origin of widgetOrigins)
      window.parent.postMessage(encodeBridgeMessage(signedOutHello(problem)), origin);
    status.textContent = t('config');
    for (const problem of problems) {
      const item = document.createElement('li');
      item.textContent = `${problem.key}: ${problem.message}`;
      problemList.append(item);
    }
    problemList.hidden = false;
    button.hidden = true;
    return;
  }
  const storage = await probeStorage(`presence-sync-cxone ${config.issuer} ${config.clientId}`);
  new BridgePage(config, storage, t, status, button, asked === null).start();
  window.removeEventListener('message', hold);
  // Heard again as they came (the port checks each one's origin and window as always).
  for (const { data, origin, source } of early)
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

/** Pins `connect-src` with a second policy: a page's policies all apply, so it only narrows. */
function pinConnections(sources: readonly string[]): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src 'self' ${[...new Set(sources)].join(' ')}`;
  document.head.append(meta);
}

class BridgePage {
  private readonly http: CxoneHttp;
  /** `connect-src` is pinned (a page's policies can only narrow, so once). */
  private pinned = false;
  private session: CxoneAgentSession | null = null;
  private tokens: CxoneTokens | null = null;
  private openId: OpenIdConfig | null = null;
  /** The next authorization request, made ahead so the popup opens inside the click; used once. */
  private next: SignInRequest | null = null;
  private signIn: { request: SignInRequest; popup: Window | null } | null = null;
  private readonly port: WidgetPort;
  /** What the widget is told while no session runs. */
  private problem = SIGNED_OUT;
  /** Why CXone's OpenID discovery was refused (CXone answered, with what the bridge cannot use). */
  private refusal: string | null = null;
  /** The widget's Salesforce org id, once its hello gave one. */
  private orgId: string | null = null;
  /** Discovery's retries (the bridge's one policy, its own failure count). */
  private readonly discovery = new RetryPolicy(RETRY_LIMITS.discovery);
  /** The other console tabs' bridges: one of them polls CXone, the others relay through it. */
  private readonly tabs: BridgeTabs;
  /** What the widget armed to set as the page goes for good (`session-end`). */
  private readonly sessionEnd = new SessionEndKeeper(
    (target) => sendSessionEnd(this.http, this.session, target),
    {
      storage: () => this.storage.kept,
      now: clock.now,
      current: () => this.session?.current ?? null,
    },
  );
  /** A session end applied by a reload moments ago (this tab's storage remembers it), if any. */
  private readonly restore = takeRestore(this.storage.kept, clock.now());
  private readonly disconnectButton = element<HTMLButtonElement>('disconnect');
  private readonly note = element<HTMLParagraphElement>('note');

  /** What the page shows now, to show again in another language. */
  private shown: {
    status: SessionStatus | 'signed-out' | 'relayed';
    detail: string;
    agent: string;
  } = { status: 'connecting', detail: '', agent: '' };

  constructor(
    private readonly config: BridgeConfig,
    private storage: FrameStorage,
    private t: ReturnType<typeof wordsFor>,
    private readonly status: HTMLParagraphElement,
    private readonly button: HTMLButtonElement,
    /** No `lang` in the query: the page follows the widget's language (the Salesforce user's). */
    private readonly followWidget: boolean,
  ) {
    this.http = new CxoneHttp(
      (input, init) => this.fetchAndPin(input, init),
      clock,
      // Fails closed: were no API host known by then, the token could go nowhere but the issuer.
      () => this.pin(null),
    );
    this.port = new WidgetPort(
      window,
      window.parent,
      config.widgetOrigins,
      {
        hello: ({ locale, orgId }) => {
          this.tabs.widgetChecked();
          if (locale !== null && this.followWidget) this.speak(locale);
          if (orgId !== null) {
            this.orgId = orgId;
            this.session?.orgIdIs(orgId);
          }
          if (this.tabs.role === 'relay' && this.tabs.leaderHello !== null)
            return this.tabs.leaderHello;
          if (this.tabs.role === 'leader' && this.session !== null) return this.session.hello();
          return signedOutHello(this.problem);
        },
        setState: (id, target) => {
          this.tabs.widgetChecked();
          if (this.tabs.role === 'relay') {
            this.tabs.forward(id, target);
          } else if (this.session === null || this.tabs.role !== 'leader') {
            this.port.post(
              resultMessage(id, {
                ok: false,
                code: 'not-connected',
                message: 'Not connected to CXone',
              }),
            );
          } else {
            // Bounded and under an id of its own, as a relaying tab's write (tabs.ts).
            this.tabs.write(id, target);
          }
        },
        sessionEnd: (target) => {
          this.sessionEnd.arm(target);
          // What the page will set as it goes, for whoever inspects the frame (support, tests).
          document.documentElement.dataset['sessionEnd'] =
            target === null
              ? 'none'
              : `${target.state}${target.state === 'Unavailable' && target.reason ? `/${target.reason}` : ''}`;
        },
      },
      clock.now,
    );
    const shared = `presence-sync-cxone ${config.issuer} ${config.clientId}`;
    this.tabs = new BridgeTabs({
      // Without storage there are no Web Locks and no channel: this tab polls for itself alone.
      channel: storage.locks !== null ? storage.channel : null,
      locks: storage.channel !== null ? storage.locks : null,
      lockName: shared,
      clock,
      tabId: randomText(),
      toWidget: (message) => this.port.post(message),
      onRole: (role, was) => this.roleChanged(role, was),
    });
  }

  /**
   * `fetch`, reading the tenant discovery's answer on its own (apart from the session's trust in
   * it) to pin `connect-src` to the issuer, the token endpoint and that API host: a bug that trusts
   * another host with the token still meets the browser's refusal.
   */
  private async fetchAndPin(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await fetch(input, init);
    const url = String(input);
    if (this.pinned || !url.startsWith(`${this.config.issuer}/.well-known/cxone-configuration?`))
      return response;
    // Only a 200 JSON answer on an allowed host may pin (tenantApi): an error page that names a
    // host would otherwise pin it, and the real API host could never be reached from this page.
    const body: unknown =
      response.status === 200
        ? await response
            .clone()
            .json()
            .catch(() => null)
        : null;
    const found = tenantApi(response.status, body, this.config.apiHostSuffixes);
    if (found !== null && 'api' in found) this.pin(new URL(found.api).origin);
    return response;
  }

  private pin(api: string | null): void {
    if (this.pinned) return;
    this.pinned = true;
    pinConnections([
      this.config.issuer,
      ...(this.openId !== null ? [new URL(this.openId.tokenEndpoint).origin] : []),
      ...(api !== null ? [api] : []),
    ]);
  }

  private get storageBlocked(): boolean {
    return this.storage.blocked;
  }

  start(): void {
    this.port.open();
    this.tabs.open();
    this.sessionEnd.listen(window);
    window.addEventListener('pagehide', () => this.tabs.close());
    // The agent app may have loaded before the widget: introduce ourselves unasked.
    this.port.post(signedOutHello(SIGNED_OUT));
    window.addEventListener('message', (event) => void this.authMessage(event));
    this.button.addEventListener('click', () => this.connect());
    this.disconnectButton.addEventListener('click', () => this.disconnect());
    this.show('connecting');
    void this.prepare();
  }

  /** Discovery and the first authorization request ahead of the click. */
  private async prepare(): Promise<void> {
    try {
      this.openId = await discover(this.http, this.config.issuer, this.config.apiHostSuffixes);
    } catch (error) {
      const malformed = error instanceof AuthError && error.kind === 'malformed';
      this.refusal = malformed ? `CXone's sign-in was refused: ${error.message}` : null;
      this.show('unreachable', error instanceof Error ? error.message : '');
      // A network that is back, or an origin registered since, is found without a reload.
      clock.setTimeout(() => void this.prepare(), this.discovery.failed());
      return;
    }
    this.discovery.succeeded();
    this.refusal = null;
    const kept = this.read();
    if (kept !== null) {
      try {
        const tokens = await CxoneTokens.fromRefresh(
          this.http,
          this.openId,
          this.config.clientId,
          kept,
          clock.now,
        );
        await this.started(tokens);
        return;
      } catch (error) {
        // Only a refused grant ends the kept token: after an outage it still works.
        if (error instanceof AuthError && error.kind === 'signed-out') this.keep(undefined);
      }
    }
    await this.prepareNext();
    // Relaying through another tab already: that is what the agent should see, not a sign-in.
    if (this.tabs.role !== 'relay') this.show('signed-out');
  }

  private async prepareNext(): Promise<void> {
    this.next = await signInRequest();
    this.button.disabled = false;
  }

  private connect(): void {
    const request = this.next;
    if (this.openId === null || request === null) return;
    this.next = null;
    this.button.disabled = true;
    const url = authorizeUrl(this.openId, this.config.clientId, this.config.redirectUri, request);
    const popup = window.open(url, request.windowName, 'popup,width=480,height=640');
    this.signIn = { request, popup };
    this.askForStorage();
    // Another click opens a new request: the one in the popup stays the only one answered.
    void this.prepareNext();
  }

  /**
   * Asks for the frame's own storage (the Storage Access API) while the click's activation lasts.
   * Granted, the latest refresh token is kept from then on; refused, the page stays in memory.
   */
  private askForStorage(): void {
    if (!this.storageBlocked || typeof document.requestStorageAccess !== 'function') return;
    // Chromium takes the storage types it should open up and hands back their handles; other
    // browsers ignore the argument and open the frame's own storage.
    const request = document.requestStorageAccess as (types?: object) => Promise<unknown>;
    request
      .call(document, { sessionStorage: true })
      .then((handle) => {
        const granted = (handle as { sessionStorage?: Storage } | undefined)?.sessionStorage;
        const kept = granted ?? window.sessionStorage;
        kept.getItem(KEPT);
        this.storage = { ...this.storage, kept, blocked: false };
        if (this.tokens !== null) this.keep(this.tokens.keepable);
        this.show(this.shown.status, this.shown.detail, this.shown.agent);
      })
      .catch(() => undefined);
  }

  private async authMessage(event: MessageEvent): Promise<void> {
    const sign = this.signIn;
    const data = event.data as { ns?: unknown; state?: unknown; code?: unknown } | null;
    if (sign === null || event.origin !== location.origin || event.source !== sign.popup) return;
    if (
      typeof data !== 'object' ||
      data === null ||
      data.ns !== AUTH_NS ||
      data.state !== sign.request.state
    )
      return;
    if (typeof data.code !== 'string' || data.code.length > 2000 || this.openId === null) return;
    this.signIn = null;
    this.show('connecting');
    try {
      const tokens = await CxoneTokens.fromCode(
        this.http,
        this.openId,
        this.config.clientId,
        this.config.redirectUri,
        data.code,
        sign.request,
        clock.now,
      );
      await this.started(tokens);
    } catch (error) {
      this.show('reconnect-needed', error instanceof Error ? error.message : '');
    }
  }

  /** Signed in: polls CXone once this tab holds the lock, relaying through the leader until then. */
  private async started(tokens: CxoneTokens): Promise<void> {
    this.tokens = tokens;
    this.keep(tokens.keepable);
    tokens.onRefreshToken = (refresh) => this.keep(refresh);
    const session = new CxoneAgentSession(this.http, tokens, {
      issuer: this.config.issuer,
      pollTimeoutS: this.config.pollTimeoutS,
      apiHostSuffixes: this.config.apiHostSuffixes,
      clock,
      emit: (message) => {
        if (!this.tabs.emit(message)) this.port.post(message);
      },
      onStatus: (status, detail) => this.show(status, detail, tokens.claims.agentId),
      restore: (state) => restoreTarget(this.restore, state),
    });
    this.session = session;
    if (this.orgId !== null) session.orgIdIs(this.orgId);
    await this.tabs.lead(
      {
        hello: () => session.hello(),
        setState: (id, target) => void session.setState(id, target),
      },
      () => session.run(),
    );
    if (this.session === session) this.session = null;
    if (this.tokens === tokens) this.tokens = null;
    if (this.next === null) await this.prepareNext();
    if (this.tabs.role !== 'relay') this.port.post(signedOutHello(this.problem));
    this.show(this.shown.status, this.shown.detail, this.shown.agent);
  }

  /** The agent disconnects this bridge: its tokens are dropped and forgotten; CXone's session stays. */
  private disconnect(): void {
    const tokens = this.tokens;
    this.tokens = null;
    tokens?.forget();
    this.keep(undefined);
    this.session?.stop();
  }

  /** The kept refresh token, or null (none, or no storage). */
  private read(): string | null {
    try {
      return this.storage.kept?.getItem(KEPT) ?? null;
    } catch {
      return null;
    }
  }

  /** Keeps the latest refresh token, or forgets it. */
  private keep(refresh: string | undefined): void {
    try {
      if (refresh === undefined) this.storage.kept?.removeItem(KEPT);
      else this.storage.kept?.setItem(KEPT, refresh);
    } catch {
      // Storage taken away meanwhile: the token stays in memory only.
    }
  }

  private roleChanged(role: TabRole, was: TabRole): void {
    if (role === 'relay') {
      const hello = this.tabs.leaderHello;
      this.show('relayed', '', hello?.type === 'hello' ? (hello.agent?.agentId ?? '') : '');
    } else if (role === 'alone' && was === 'relay') {
      if (this.session !== null) {
        // Signed in here too: this tab takes the lock and polls.
        this.show('connecting');
      } else if (this.openId !== null) {
        // The tab that polled went away and this one never signed in: the agent connects here.
        this.show('signed-out');
        this.port.post(signedOutHello(this.problem));
      }
    }
    // A leader that stops has said why (its session's last status): that stays.
  }

  /** Shows the page's words in `locale` (one of the six, else English). */
  private speak(locale: string): void {
    const language = languageOf(locale);
    if (document.documentElement.lang === language) return;
    document.documentElement.lang = language;
    this.t = wordsFor(language);
    this.button.textContent = this.t('connect');
    const { status, detail, agent } = this.shown;
    this.show(status, detail, agent);
  }

  private show(status: SessionStatus | 'signed-out' | 'relayed', detail = '', agent = ''): void {
    this.shown = { status, detail, agent };
    const before = this.problem;
    if (status === 'reconnect-needed') this.problem = EXPIRED;
    else if (status === 'unreachable' && this.session === null)
      this.problem = this.refusal ?? unreachable(this.config.clientId);
    else if (status === 'signed-out' || status === 'stopped') this.problem = SIGNED_OUT;
    // Without a session the widget knows only what it was last told: tell it what changed (a
    // relaying tab's widget hears the leader instead).
    if (this.session === null && this.tabs.role !== 'relay' && this.problem !== before)
      this.port.post(signedOutHello(this.problem));
    this.status.textContent =
      detail === '' ? this.t(status, agent) : `${this.t(status, agent)} (${detail})`;
    const signedIn = this.session !== null && this.tabs.role === 'leader';
    this.button.hidden =
      this.tabs.role === 'relay' ||
      signedIn ||
      !(status === 'signed-out' || status === 'reconnect-needed' || status === 'stopped');
    this.button.disabled = this.next === null;
    this.disconnectButton.textContent = this.t('disconnect');
    this.disconnectButton.hidden = !signedIn;
    this.note.textContent = this.t('storage-blocked');
    this.note.hidden = !this.storageBlocked;
  }
}

const SIGNED_OUT = 'Not connected to CXone: press "Connect CXone" in the agent frame.';
const EXPIRED = 'The CXone sign-in expired: press "Connect CXone" in the agent frame.';
/**
 * CXone unreachable from this page. A browser tells a page nothing about why a cross-origin request
 * failed, so both causes are named: the network, or this origin missing from the NICE
 * application's registered CORS origins.
 */
function unreachable(clientId: string): string {
  return (
    `CXone cannot be reached from the bridge at ${location.origin}: if the network is up, that ` +
    `origin is not registered as a CORS origin of the NICE application "${clientId.slice(0, 80)}".`
  );
}

/**
 * What the widget hears while nobody is signed in: no agent (no rule can be chosen for nobody), no
 * writes, why, and no state — the bridge does not know it, and `LoggedOut` would be mapped to
 * logging the agent out of Omni-Channel.
 */
function signedOutHello(problem: string): BridgeMessage {
  // Signed out: no agent is named, so the widget chooses no rule for nobody.
  return noStateHello('cxone', null, problem);
}

function randomText(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
