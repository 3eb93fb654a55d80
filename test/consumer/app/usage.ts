/**
 * What an app that installs presence-sync from npm writes, type-checked by the consumer test
 * against the installed package's declarations (moduleResolution `bundler` and `nodenext`, strict,
 * no casts) and then run in Chromium: the element from `presence-sync/define` with typed
 * listeners, and an engine from `presence-sync` with the app's own contact-center side.
 */
import {
  createEngine,
  parseRules,
  PresenceSyncChangeEvent,
  type AcdState,
  type AcdTarget,
  type AgentFact,
  type AgentPort,
  type Decision,
  type OmniPort,
  type PresenceSyncElement,
  type PresenceSyncErrorDetail,
  type SyncSnapshot,
} from 'presence-sync';
import { TAG } from 'presence-sync/define';

const ORG = '00D5g000004ABCD';

/** The admin's rule: the agent's ACD state drives Omni-Channel and back. */
export const RULES = {
  version: 1,
  orgId: ORG,
  rules: [
    {
      name: 'Chat and voice',
      publisher: [
        { acd: 'Available', salesforce: 'Available_for_Chats' },
        { acd: 'Unavailable/Lunch', salesforce: 'Away' },
      ],
      subscriber: [
        { salesforce: 'Available_for_Chats', acd: 'Available' },
        { salesforce: 'Away', acd: 'Unavailable/Lunch' },
      ],
      teams: ['Tier 1'],
      users: [],
    },
  ],
};

/** The app's own contact-center side, in the page: says hello, applies writes, reports them. */
export class DeskAgent implements AgentPort {
  private readonly sinks = new Set<(fact: AgentFact) => void>();
  readonly writes: string[] = [];

  constructor(private state: AcdState) {}

  connect(sink: (fact: AgentFact) => void): () => void {
    this.sinks.add(sink);
    sink({
      type: 'acd.hello',
      identity: { agentId: '1001', teamName: 'Tier 1' },
      codes: [{ name: 'Lunch', isAcw: false, isActive: true }],
      state: this.state,
      canWrite: true,
    });
    return () => void this.sinks.delete(sink);
  }

  async write(target: AcdTarget): Promise<void> {
    this.writes.push(target.state);
    this.state = {
      state: target.state,
      reason: target.state === 'Unavailable' ? target.reason : '',
      isAcw: false,
    };
    for (const sink of this.sinks) sink({ type: 'acd.stateChanged', state: this.state });
  }

  async refresh(): Promise<void> {
    for (const sink of this.sinks) sink({ type: 'acd.stateChanged', state: this.state });
  }
}

/** What the page saw, for the test to assert. */
export interface Report {
  tag: string;
  phase: SyncSnapshot['phase'];
  shown: string;
  changes: number;
  classMatches: boolean;
  decisions: Array<Decision['why']>;
  errors: Array<PresenceSyncErrorDetail['code']>;
  enginePhase: SyncSnapshot['phase'];
  engineWrites: string[];
}

/** Resolves with the first snapshot that is in sync, or rejects after `ms` naming the last one. */
function inSync(
  what: string,
  subscribe: (next: (snapshot: SyncSnapshot) => void) => () => void,
  ms = 10_000,
) {
  return new Promise<SyncSnapshot>((resolve, reject) => {
    let last: SyncSnapshot | undefined;
    const timer = setTimeout(() => {
      const problems = last?.problems
        .slice(0, 3)
        .map((problem) => problem.message)
        .join('; ');
      reject(new Error(`${what} not in sync within ${ms} ms: ${last?.phase} (${problems})`));
    }, ms);
    const stop = subscribe((snapshot) => {
      last = snapshot;
      if (snapshot.phase !== 'in-sync') return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(snapshot);
    });
  });
}

/** Mounts `<presence-sync>` on `omni` and runs an engine on `engineOmni`; both must reach in sync. */
export async function run(omni: OmniPort, engineOmni: OmniPort): Promise<Report> {
  const parsed = parseRules(RULES);
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));

  const element: PresenceSyncElement = document.createElement('presence-sync');
  let changes = 0;
  let classMatches = true;
  const decisions: Array<Decision['why']> = [];
  const errors: Array<PresenceSyncErrorDetail['code']> = [];
  element.addEventListener('presencesyncchange', (event) => {
    changes += 1;
    classMatches &&= event instanceof PresenceSyncChangeEvent;
    void event.detail.phase;
  });
  element.addEventListener('presencesyncdecision', (event) => decisions.push(event.detail.why));
  element.addEventListener('presencesyncerror', (event) => errors.push(event.detail.code));
  element.setAttribute('agent-origin', 'https://agent.example.com');
  element.setAttribute('org-id', ORG);
  element.setAttribute('user-id', '005000000000001');
  element.rules = RULES;
  element.ports = { agent: new DeskAgent({ state: 'Available', reason: '', isAcw: false }) };
  element.omni = omni;
  const synced = inSync('the element', (next) => {
    const subscription = element.snapshot$.subscribe(next);
    return () => subscription.unsubscribe();
  });
  document.body.append(element);
  const snapshot = await synced;
  await element.updateComplete;
  const shown = element.shadowRoot?.querySelector('[part=phase]')?.textContent?.trim() ?? '';

  const agent = new DeskAgent({ state: 'Available', reason: '', isAcw: false });
  const engine = createEngine(
    { rules: RULES, orgId: ORG, startup: 'salesforce' },
    { omni: engineOmni, agent },
  );
  const engineSnapshot = await inSync('the engine', (next) => {
    const subscription = engine.snapshot$.subscribe(next);
    return () => subscription.unsubscribe();
  });
  engine.dispose();

  return {
    tag: TAG,
    phase: snapshot.phase,
    shown,
    changes,
    classMatches,
    decisions,
    errors,
    enginePhase: engineSnapshot.phase,
    engineWrites: agent.writes,
  };
}
