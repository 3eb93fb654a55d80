/**
 * `<presence-sync-relay>`: the headless Agent Desktop widget (docs/contract.md §5.4). The Desktop
 * creates it from the layout JSON with its attributes; it reads them once, when connected.
 *
 * Invariants: without a valid `lightning-origin` it posts nothing at all and says why (console and
 * its `problem` property); it hears only `window.top`, from those exact origins, and posts only to
 * them; the SDK is loaded only after `AGENTX_SERVICE` is found, so a Desktop without it is a
 * problem, not a script error; the relay never throws into the Desktop.
 */
import {
  readOrigins,
  resultMessage,
  restoreTarget,
  SessionEndKeeper,
  systemClock as clock,
  takeRestore,
  type RestoreStorage,
  WidgetPort,
} from '../../protocol/index.js';
import { waitingHello, WebexRelay, type RelayDesktop } from './relay.js';

declare const AGENTX_SERVICE: unknown;

const START_MS = 15_000;
const SETTLE_MS = 25_000;

/** This frame's `sessionStorage`, or null where the browser gives it none. */
function tabStorage(): RestoreStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Loads the SDK's `Desktop` (bundled, evaluated only when called). */
export type LoadDesktop = () => Promise<RelayDesktop>;

export function defineRelay(load: LoadDesktop): void {
  if (customElements.get('presence-sync-relay') !== undefined) return;
  customElements.define('presence-sync-relay', relayElement(load));
}

function relayElement(load: LoadDesktop) {
  return class PresenceSyncRelay extends HTMLElement {
    /** Why the relay cannot sync, or null. */
    problem: string | null = null;
    relay: WebexRelay | null = null;
    port: WidgetPort | null = null;
    /** What the widget armed to set as the Desktop's page goes for good (`session-end`). */
    private readonly sessionEnd = new SessionEndKeeper(
      (target) => this.relay?.pageGoes(target) ?? null,
      { storage: tabStorage, now: clock.now, current: () => this.relay?.current ?? null },
    );
    /** A session end applied by a reload moments ago (this tab's storage remembers it), if any. */
    private readonly restore = takeRestore(tabStorage(), clock.now());

    connectedCallback(): void {
      if (this.port !== null) return;
      const { origins, problems } = readOrigins(
        this.getAttribute('lightning-origin'),
        'of the Salesforce console, e.g. https://acme.lightning.force.com',
      );
      if (problems.length > 0 || window.top === null) {
        this.fail(`lightning-origin ${problems.join('; ')}`);
        return;
      }
      const writeRaw = (this.getAttribute('write') ?? 'true').trim().toLowerCase();
      if (writeRaw !== 'true' && writeRaw !== 'false') {
        this.fail(`write "${writeRaw.slice(0, 20)}" is neither true nor false`);
        return;
      }
      const agentId = this.getAttribute('agent-id')?.trim() ?? '';
      const id = agentId !== '' && !agentId.startsWith('$') ? agentId.slice(0, 128) : null;
      const port = new WidgetPort(
        window,
        window.top,
        origins,
        {
          hello: () => this.relay?.hello() ?? waitingHello(id, this.problem),
          setState: (writeId, target) =>
            this.relay !== null
              ? this.relay.setState(writeId, target)
              : port.post(
                  resultMessage(writeId, {
                    ok: false,
                    code: 'not-connected',
                    message: this.problem ?? 'The Webex Desktop is not ready yet',
                  }),
                ),
          sessionEnd: (target) => this.sessionEnd.arm(target),
        },
        clock.now,
      );
      this.port = port;
      port.open();
      // A closed relay sets nothing: a relay taken out of the layout applies nothing as the page goes.
      this.sessionEnd.listen(window);
      void this.start(
        port,
        {
          write: writeRaw === 'true',
          // A layout placeholder that the Desktop did not fill is not an id.
          agentId: id,
          startMs: START_MS,
          settleMs: SETTLE_MS,
          post: (message) => port.post(message),
          warn: (message) => console.warn(`presence-sync-relay: ${message}`),
          // Only with a session end to undo: the relay then holds every state until it is done.
          ...(this.restore !== null
            ? { restore: (state) => restoreTarget(this.restore, state) }
            : {}),
        },
        clock,
      );
    }

    disconnectedCallback(): void {
      this.port?.close();
      this.relay?.close();
    }

    private async start(
      port: WidgetPort,
      options: ConstructorParameters<typeof WebexRelay>[2],
      clock: ConstructorParameters<typeof WebexRelay>[1],
    ): Promise<WebexRelay | null> {
      const refuse = (problem: string) => {
        this.fail(problem);
        port.post(waitingHello(options.agentId, problem));
        return null;
      };
      if (typeof AGENTX_SERVICE === 'undefined' || AGENTX_SERVICE === null)
        return refuse(
          'AGENTX_SERVICE is missing: the relay must run as a widget inside the Webex Agent Desktop',
        );
      let desktop: RelayDesktop;
      try {
        desktop = await load();
      } catch (error) {
        return refuse(`The Webex Desktop SDK did not load: ${String(error).slice(0, 200)}`);
      }
      const relay = new WebexRelay(desktop, clock, options);
      this.relay = relay;
      relay.start().then(
        () => (this.problem = relay.problem),
        (error: unknown) => this.fail(`The relay stopped: ${String(error).slice(0, 200)}`),
      );
      return relay;
    }

    private fail(problem: string): void {
      this.problem = problem;
      console.error(`presence-sync-relay: ${problem}`);
    }
  };
}
