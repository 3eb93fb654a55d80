/**
 * The CXone bridge page (docs/contract.md §5.3): loaded by the widget as its `agent-src` iframe, it
 * signs the agent in to CXone (a "Connect CXone" button: a popup needs a click in its own frame),
 * joins the agent's CXone session and speaks the bridge protocol as the `agent` to `window.parent`.
 *
 * Invariants: tokens stay in this frame (the refresh token in this frame's `sessionStorage`, so a
 * reload does not ask again); the popup's code is taken only from this page's own origin, from the
 * popup it opened, with the `state` it sent; a bad query parameter is shown here and nothing
 * connects; every DOM text is set as text, never as markup.
 */
import {
  encodeBridgeMessage,
  noStateHello,
  resultMessage,
  systemClock as clock,
  WidgetPort,
  type BridgeMessage,
} from '../../protocol/index.js';
import { AUTH_NS } from './auth-message.js';
import { CxoneAgentSession, type SessionStatus } from './agent-session.js';
import { authorizeUrl, CxoneTokens, discover, pkcePair, type OpenIdConfig } from './auth.js';
import { readBridgeConfig, type BridgeConfig } from './config.js';
import { CxoneHttp } from './http.js';
import { RETRY_LIMITS, RetryPolicy } from './retry.js';
import { BridgeTabs, type TabRole } from './tabs.js';
import { languageOf, wordsFor } from './words.js';

const KEPT = 'presence-sync-cxone-refresh';

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Starts the bridge in this page. */
export function startBridgePage(): void {
  const asked = new URL(location.href).searchParams.get('lang');
  const language = languageOf(asked ?? navigator.language);
  document.documentElement.lang = language;
  const t = wordsFor(language);
  const status = element<HTMLParagraphElement>('status');
  const button = element<HTMLButtonElement>('connect');
  const problemList = element<HTMLUListElement>('problems');
  button.textContent = t('connect');
  const { config, problems, widgetOrigins } = readBridgeConfig(location.href);
  if (config === null) {
    // The widget shows it too: the admin looks at the Salesforce side first.
    const problem = `The CXone bridge is set up wrongly: ${problems.map((p) => `${p.parameter} ${p.message}`).join('; ')}`;
    for (const origin of widgetOrigins)
      window.parent.postMessage(encodeBridgeMessage(signedOutHello(problem)), origin);
    status.textContent = t('config');
    for (const problem of problems) {
      const item = document.createElement('li');
      item.textContent = `${problem.parameter}: ${problem.message}`;
      problemList.append(item);
    }
    problemList.hidden = false;
    button.hidden = true;
    return;
  }
  new BridgePage(config, t, status, button, asked === null).start();
}

class BridgePage {
  private readonly http = new CxoneHttp(fetch.bind(window), clock);
  private session: CxoneAgentSession | null = null;
  private openId: OpenIdConfig | null = null;
  private pkce: { verifier: string; challenge: string } | null = null;
  private signIn: { state: string; popup: Window | null } | null = null;
  private readonly port: WidgetPort;
  /** What the widget is told while no session runs. */
  private problem = SIGNED_OUT;
  /** The widget's Salesforce org id, once its hello gave one. */
  private orgId: string | null = null;
  /** Discovery's retries (the bridge's one policy, its own failure count). */
  private readonly discovery = new RetryPolicy(RETRY_LIMITS.discovery);
  /** The other console tabs' bridges: one of them polls CXone, the others relay through it. */
  private readonly tabs: BridgeTabs;

  /** What the page shows now, to show again in another language. */
  private shown: {
    status: SessionStatus | 'signed-out' | 'relayed';
    detail: string;
    agent: string;
  } = { status: 'connecting', detail: '', agent: '' };

  constructor(
    private readonly config: BridgeConfig,
    private t: ReturnType<typeof wordsFor>,
    private readonly status: HTMLParagraphElement,
    private readonly button: HTMLButtonElement,
    /** No `lang` in the query: the page follows the widget's language (the Salesforce user's). */
    private readonly followWidget: boolean,
  ) {
    this.port = new WidgetPort(
      window,
      window.parent,
      config.widgetOrigins,
      {
        hello: ({ locale, orgId }) => {
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
            this.session
              .setState(id, target)
              .catch((error: unknown) =>
                this.port.post(
                  resultMessage(id, { ok: false, code: 'network', message: String(error) }),
                ),
              );
          }
        },
      },
      clock.now,
    );
    const shared = `presence-sync-cxone ${config.issuer} ${config.clientId}`;
    this.tabs = new BridgeTabs({
      channel: new BroadcastChannel(shared),
      locks: typeof navigator.locks === 'undefined' ? null : navigator.locks,
      lockName: shared,
      clock,
      tabId: randomText(),
      toWidget: (message) => this.port.post(message),
      onRole: (role, was) => this.roleChanged(role, was),
    });
  }

  start(): void {
    this.port.open();
    this.tabs.open();
    window.addEventListener('pagehide', () => this.tabs.close());
    // The agent app may have loaded before the widget: introduce ourselves unasked.
    this.port.post(signedOutHello(SIGNED_OUT));
    window.addEventListener('message', (event) => this.authMessage(event));
    this.button.addEventListener('click', () => this.connect());
    this.show('connecting');
    void this.prepare();
  }

  /** Discovery and a PKCE pair ahead of the click, so the popup opens inside the click. */
  private async prepare(): Promise<void> {
    try {
      this.openId = await discover(this.http, this.config.issuer);
      const kept = sessionStorage.getItem(KEPT);
      if (kept !== null) {
        try {
          await this.started(
            await CxoneTokens.fromRefresh(
              this.http,
              this.openId,
              this.config.clientId,
              kept,
              clock.now,
            ),
          );
          return;
        } catch {
          sessionStorage.removeItem(KEPT);
        }
      }
      this.pkce = await pkcePair();
      // Relaying through another tab already: that is what the agent should see, not a sign-in.
      if (this.tabs.role !== 'relay') this.show('signed-out');
    } catch (error) {
      this.show('unreachable', error instanceof Error ? error.message : '');
      // A network that is back, or an origin registered since, is found without a reload.
      clock.setTimeout(() => void this.prepare(), this.discovery.failed());
      return;
    }
    this.discovery.succeeded();
  }

  private connect(): void {
    if (this.openId === null || this.pkce === null) return;
    const state = randomText();
    const url = authorizeUrl(
      this.openId,
      this.config.clientId,
      this.config.redirectUri,
      state,
      this.pkce.challenge,
    );
    const popup = window.open(url, 'presence-sync-cxone', 'popup,width=480,height=640');
    this.signIn = { state, popup };
  }

  private async authMessage(event: MessageEvent): Promise<void> {
    const sign = this.signIn;
    const data = event.data as { ns?: unknown; state?: unknown; code?: unknown } | null;
    if (sign === null || event.origin !== location.origin || event.source !== sign.popup) return;
    if (
      typeof data !== 'object' ||
      data === null ||
      data.ns !== AUTH_NS ||
      data.state !== sign.state
    )
      return;
    if (
      typeof data.code !== 'string' ||
      data.code.length > 2000 ||
      this.openId === null ||
      this.pkce === null
    )
      return;
    this.signIn = null;
    this.show('connecting');
    try {
      const tokens = await CxoneTokens.fromCode(
        this.http,
        this.openId,
        this.config.clientId,
        this.config.redirectUri,
        data.code,
        this.pkce.verifier,
        clock.now,
      );
      await this.started(tokens);
    } catch (error) {
      this.pkce = await pkcePair();
      this.show('reconnect-needed', error instanceof Error ? error.message : '');
    }
  }

  /** Signed in: polls CXone once this tab holds the lock, relaying through the leader until then. */
  private async started(tokens: CxoneTokens): Promise<void> {
    if (tokens.keepable !== undefined) sessionStorage.setItem(KEPT, tokens.keepable);
    const session = new CxoneAgentSession(this.http, tokens, {
      issuer: this.config.issuer,
      pollTimeoutS: this.config.pollTimeoutS,
      clock,
      emit: (message) => {
        if (!this.tabs.emit(message)) this.port.post(message);
      },
      onStatus: (status, detail) => this.show(status, detail, tokens.claims.agentId),
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
    this.pkce = await pkcePair();
    if (this.tabs.role !== 'relay') this.port.post(signedOutHello(this.problem));
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
    else if (status === 'unreachable') this.problem = unreachable(this.config.clientId);
    else if (status === 'signed-out') this.problem = SIGNED_OUT;
    // Without a session the widget knows only what it was last told: tell it what changed (a
    // relaying tab's widget hears the leader instead).
    if (this.session === null && this.tabs.role !== 'relay' && this.problem !== before)
      this.port.post(signedOutHello(this.problem));
    this.status.textContent =
      detail === '' ? this.t(status, agent) : `${this.t(status, agent)} (${detail})`;
    this.button.hidden =
      this.tabs.role === 'relay' || !(status === 'signed-out' || status === 'reconnect-needed');
    this.button.disabled = this.pkce === null;
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
 * What the widget hears while nobody is signed in: no writes, why, and no state — the bridge does
 * not know it, and `LoggedOut` would be mapped to logging the agent out of Omni-Channel.
 */
function signedOutHello(problem: string): BridgeMessage {
  return noStateHello('cxone-signed-out', problem);
}

function randomText(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
