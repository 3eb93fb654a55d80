import type { Command, Protocol, Report } from './agent-app.js';

/** The extra loopback origins the test server provides (scripts/loopback-origins.js). */
export async function loopbackOrigins(): Promise<{ agent: string; third: string }> {
  const response = await fetch('/__origins');
  return (await response.json()) as { agent: string; third: string };
}

/** A simulated agent app in an iframe on another origin, driven over a MessagePort. */
export interface AgentFrame {
  readonly iframe: HTMLIFrameElement;
  readonly window: Window;
  readonly origin: string;
  run(command: Command): Promise<Report>;
  remove(): void;
}

/**
 * Sends commands on a control port and hands each report to its command; `ready` is called when
 * the page answers the port itself (id 0).
 */
function commandsOn(port: MessagePort, ready: () => void): AgentFrame['run'] {
  const waiting = new Map<number, (report: Report) => void>();
  let nextId = 1;
  port.onmessage = (event: MessageEvent<{ id: number; report: Report }>) => {
    if (event.data.id === 0) {
      ready();
      return;
    }
    waiting.get(event.data.id)?.(event.data.report);
    waiting.delete(event.data.id);
  };
  return (command) =>
    new Promise((done) => {
      const id = nextId++;
      waiting.set(id, done);
      port.postMessage({ id, command });
    });
}

/**
 * Drives a simulated agent app already in a window (a frame somebody else made, such as the
 * element's own `agent-src` frame): offers the control port until the page answers, so a page
 * still loading is simply offered it again.
 */
export async function driveAgentWindow(
  target: () => Window | null,
  origin: string,
): Promise<Pick<AgentFrame, 'run'>> {
  for (let round = 0; round < 600; round += 1) {
    const win = target();
    if (win !== null) {
      const channel = new MessageChannel();
      let answer: (ok: boolean) => void = () => undefined;
      const answered = new Promise<boolean>((resolve) => (answer = resolve));
      const run = commandsOn(channel.port1, () => answer(true));
      requestAnimationFrame(() => requestAnimationFrame(() => answer(false)));
      try {
        win.postMessage({ ns: 'fake-agent-control' }, origin, [channel.port2]);
      } catch {
        // Not yet on `origin` (about:blank): offer again.
      }
      if (await answered) return { run };
      channel.port1.close();
    } else {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }
  throw new Error(`the agent app at ${origin} never answered its control port`);
}

/** Opens the simulated agent app at `origin` and resolves once it can be driven. */
export function openAgentFrame(
  origin: string,
  protocol: Protocol = 'bridge',
  path = '/test/fakes/agent-app.html',
  parent: HTMLElement = document.body,
): Promise<AgentFrame> {
  const iframe = document.createElement('iframe');
  iframe.title = `agent app (${origin})`;
  // In a cross-origin isolated page (the benchmarks) a cross-origin frame is isolated only when
  // allowed to be (the policy's default allowlist is `self`); otherwise its performance.now() has
  // 100 µs steps and the latencies it stamps are that coarse.
  // https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Permissions-Policy/cross-origin-isolated
  iframe.allow = 'cross-origin-isolated';
  iframe.src = `${origin}${path}?protocol=${protocol}&widget=${encodeURIComponent(location.origin)}`;
  return new Promise((resolve, reject) => {
    iframe.addEventListener('error', () => reject(new Error(`could not load ${iframe.src}`)));
    iframe.addEventListener(
      'load',
      () => {
        const channel = new MessageChannel();
        const frame: AgentFrame = {
          iframe,
          window: iframe.contentWindow as Window,
          origin,
          run: commandsOn(channel.port1, () => resolve(frame)),
          remove: () => {
            channel.port1.close();
            iframe.remove();
          },
        };
        (iframe.contentWindow as Window).postMessage({ ns: 'fake-agent-control' }, origin, [
          channel.port2,
        ]);
      },
      { once: true },
    );
    parent.append(iframe);
  });
}
