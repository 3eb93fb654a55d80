/**
 * The contact-center side's end of the bridge protocol (docs/contract.md §5.1), shared by the CXone
 * bridge page (its peer is `window.parent`) and the Webex relay (its peer is `window.top`): it
 * hears only its peer window, only from an allowed exact origin, only messages the protocol's
 * guard accepts, and posts only to that exact origin — never to `*`. It never posts a token.
 *
 * Invariants: every message that is not exactly that is dropped and counted, never thrown on;
 * until the widget's origin is known, a post goes to each allowed origin (the browser delivers
 * only the one that matches); the widget's `hello` is answered at most once a second.
 */
import {
  encodeBridgeMessage,
  HELLO_INTERVAL_MS,
  parseBridgeMessage,
  type AcdTarget,
  type BridgeMessage,
} from './bridge.js';

/** The window the widget lives in, as far as the port needs. */
export interface PeerWindow {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The window the port lives in, as far as it needs. */
export interface BridgeWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** What the port hands the bridge. */
export interface WidgetPortHandlers {
  /** The widget said hello (with its panel language and org id, when it gave them): introduce the agent. */
  hello(widget: { readonly locale: string | null; readonly orgId: string | null }): BridgeMessage;
  setState(id: string, target: AcdTarget): void;
  /** The widget armed (a target) or disarmed (null) the state to set as the page goes for good. */
  sessionEnd?(target: AcdTarget | null): void;
}

/** The contact-center side's postMessage endpoint towards the widget. */
export class WidgetPort {
  /** Messages dropped: wrong window, origin or shape. */
  rejected = 0;
  private origin: string | null = null;
  private lastHello = Number.NEGATIVE_INFINITY;
  private readonly listener = (event: MessageEvent) => this.receive(event);

  constructor(
    private readonly win: BridgeWindow,
    private readonly peer: PeerWindow,
    private readonly origins: readonly string[],
    private readonly handlers: WidgetPortHandlers,
    private readonly now: () => number,
  ) {}

  open(): void {
    this.win.addEventListener('message', this.listener);
  }

  close(): void {
    this.win.removeEventListener('message', this.listener);
  }

  /** Posts a protocol message to the widget at its exact origin. */
  post(message: BridgeMessage): void {
    const wire = encodeBridgeMessage(message);
    for (const origin of this.origin !== null ? [this.origin] : this.origins) {
      try {
        this.peer.postMessage(wire, origin);
      } catch {
        // The peer went away; the widget's own timeouts report it.
      }
    }
  }

  private receive(event: MessageEvent): void {
    const origin = typeof event.origin === 'string' ? event.origin : '';
    if (event.source !== this.peer || !this.origins.includes(origin)) {
      this.rejected += 1;
      return;
    }
    const message = parseBridgeMessage(event.data);
    if (message === null) {
      this.rejected += 1;
      return;
    }
    this.origin = origin;
    if (message.type === 'hello' && message.role === 'widget') {
      if (this.now() - this.lastHello < HELLO_INTERVAL_MS) return;
      this.lastHello = this.now();
      this.post(this.handlers.hello({ locale: message.locale, orgId: message.orgId }));
      return;
    }
    if (message.type === 'setState') {
      this.handlers.setState(message.id, message.target);
      return;
    }
    if (message.type === 'sessionEnd' && this.handlers.sessionEnd !== undefined) {
      this.handlers.sessionEnd(message.target);
      return;
    }
    // Agent → widget types coming back at us, or another agent's hello: not for the bridge.
    this.rejected += 1;
  }
}
