// The Salesforce side of the LWS end-to-end test: a host component's code in Lightning Web Security's
// sandbox c (@locker/sandbox, as test/lws/lws-sandbox.test.ts runs it) loads the built IIFE, puts
// the agent app's cross-site frame (`?agent=` URL) in the page, and hands the frame's window to
// <presence-sync> as `agentWindow` at once, as a host does: the frame may not have loaded yet.
// What the test reads is on `window.e2e`.
import { evaluateInSandbox, wrapDependency } from '@locker/sandbox';
import { ACD_WORK, STATUSES } from '../core/fixtures.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const agent = new URL(location.href).searchParams.get('agent') ?? '';
const omni = new FakeOmni(STATUSES, 'Away');
const errors: string[] = [];
window.addEventListener('error', (event) => errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
const e2e: { omni: FakeOmni; errors: string[]; el: HTMLElement | null } = {
  omni,
  errors,
  el: null,
};
(window as unknown as { e2e: unknown }).e2e = e2e;

const platformResourceLoader = wrapDependency(
  {
    loadScript: () => Promise.reject(new Error('the trusted-mode loader is not used')),
    loadStyle: () => Promise.reject(new Error('the trusted-mode loader is not used')),
  },
  'lightning/platformResourceLoader',
  'c',
) as { loadScript(component: unknown, url: string): Promise<void> };

// The host component's own node (LWS lets sandboxed code change only what its component owns).
const root = document.createElement('div');
document.body.append(root);
evaluateInSandbox(
  'c',
  `(${function (context: {
    loadScript(component: unknown, url: string): Promise<void>;
    attributes: Record<string, string>;
    agent: string;
    omni: unknown;
    done: (element: HTMLElement) => void;
    failed: (error: unknown) => void;
    root: HTMLElement;
  }) {
    context.loadScript(null, '/dist/presence-sync.iife.js').then(() => {
      const frame = document.createElement('iframe');
      frame.src = context.agent;
      context.root.append(frame);
      const element = document.createElement('presence-sync') as HTMLElement & {
        agentWindow: unknown;
        omni: unknown;
      };
      for (const [name, value] of Object.entries(context.attributes))
        element.setAttribute(name, value);
      element.agentWindow = frame.contentWindow;
      element.omni = context.omni;
      context.root.append(element);
      context.done(element);
    }, context.failed);
  }})($lockerEvalContext$)`,
  {
    loadScript: platformResourceLoader.loadScript,
    attributes: {
      rules: JSON.stringify(ACD_WORK),
      'agent-origin': new URL(agent).origin,
      startup: 'none',
      'user-id': '005000000000001',
    },
    agent,
    omni,
    root,
    done: (element: HTMLElement) => (e2e.el = element),
    failed: (error: unknown) => errors.push(String(error)),
  },
);
