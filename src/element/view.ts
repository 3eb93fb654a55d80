/**
 * What the panel shows, as a function of plain data: the element gathers a `PanelModel` (the
 * snapshots, the attribute problems, the recent decisions, the statuses, the platform the agent
 * side named), `panelView` turns it into a `PanelView` in the agent's words, and `Panel` draws that.
 *
 * Invariants: no DOM, no session, no clock: the same model and translator give the same view. The
 * contact-center side is named as the agent side said (CXone, Webex), else neutrally ("Contact
 * center"); while an attribute is wrong only its problems are shown, since no engine runs.
 */
import { ErrorCode, type Problem } from '../core/errors.js';
import type { Decision, Phase, SyncSnapshot } from '../core/snapshot.js';
import { formatAcd, type StatusInfo } from '../core/values.js';
import {
  clockTime,
  deadlinesView,
  type DeadlineActions,
  type DeadlinesView,
} from './deadlines-view.js';
import { acdLabel, describeDecision } from './describe.js';
import { causeKey, fixKey, phaseKey, type MessageKey, type Translate } from './i18n.js';

/** The agent side's dialect (`agent-protocol`). */
type Protocol = 'bridge' | 'cxone-client-events';

/** What the panel shows, in words already translated. */
export interface PanelView {
  readonly phase: Phase;
  /** The phase icon's path in its 12×12 box. */
  readonly icon: string;
  readonly title: string;
  readonly phaseText: string;
  readonly sides: {
    readonly salesforceLabel: string;
    readonly salesforce: string;
    readonly acdLabel: string;
    readonly acd: string;
  };
  /** The note that the panel mirrors the syncing tab, when it does. */
  readonly mirrorNote: string | null;
  readonly rule: string;
  /** Deadlines, their warnings and the idle notice (deadlines-view.ts); null: nothing to say. */
  readonly deadlines: DeadlinesView | null;
  readonly problems: readonly { code: string; message: string; fix: string }[];
  readonly decisionsHeading: string;
  readonly noDecisions: string;
  /** Newest first. */
  readonly decisions: readonly { result: string; why: string; text: string }[];
  readonly resync: { readonly label: string; readonly disabled: boolean };
  readonly pause: { readonly label: string; readonly disabled: boolean };
  readonly exportLabel: string;
  readonly frame: {
    readonly src: string;
    readonly title: string;
    /** Its dialect (`agent-protocol`), which decides what the frame is granted. */
    readonly protocol: Protocol;
  } | null;
}

/** What the panel is drawn from: plain data the element reads off its session and attributes. */
export interface PanelModel {
  /** The engine's newest snapshot; before a session runs, the element's own (waiting or error). */
  readonly snapshot: SyncSnapshot;
  /** In a follower tab, the leader's newest snapshot: its sides and rule are shown. */
  readonly mirror: SyncSnapshot | null;
  /** The attributes' problems; while there are any, no engine runs. */
  readonly configProblems: readonly Problem[];
  /** The newest decisions, oldest first. */
  readonly recent: readonly Decision[];
  /** The user's presence statuses, for their labels. */
  readonly statuses: readonly StatusInfo[];
  /** The agent side's dialect (`agent-protocol`). */
  readonly protocol: Protocol;
  /** The contact center the agent side said it speaks for (`cxone`, `webex`), if it said. */
  readonly platform: string | null;
  /** Whether a session runs (the buttons act on it). */
  readonly running: boolean;
  /** The `mode` attribute. */
  readonly mode: string;
  /** Whether the agent signs in to the element's own agent frame, right below the panel. */
  readonly agentBelow: boolean;
  /** The agent app URL the element renders in its own frame (`agent-src`), resolved; none: null. */
  readonly agentSrc: string | null;
  /** Now on the engine's clock (deadlines are told against it). */
  readonly now: number;
  /** The panel's language, for times of day. */
  readonly language: string;
}

/** One small path per phase (12×12 box), drawn in the phase colour's contrast: no font glyph can go missing. */
const ICONS: Record<Phase, string> = {
  waiting: 'M2 6h2M5 6h2M8 6h2',
  starting: 'M2 6h2M5 6h2M8 6h2',
  'in-sync': 'M2.5 6.5l2.5 2.5 4.5-5',
  syncing: 'M9.5 4.5A4 4 0 1 0 10 7M9.5 1.5v3h-3',
  deferred: 'M6 2.5v3.5l2 1.5M6 1.5a4.5 4.5 0 1 0 0.01 0',
  shadow: 'M1.5 6s1.8-3 4.5-3 4.5 3 4.5 3-1.8 3-4.5 3-4.5-3-4.5-3zM6 5v2',
  paused: 'M4 2.5v7M8 2.5v7',
  follower: 'M2 4h7l-2-2M10 8H3l2 2',
  error: 'M6 2v5M6 9v1',
  'not-writing': 'M2.5 2.5l7 7M6 1.5a4.5 4.5 0 1 0 0.01 0',
  'not-mapped': 'M4 4.5a2 2 0 1 1 2.5 2c-.5.2-.5.5-.5 1M6 9.5v.5',
  'out-of-sync': 'M2 4h8M2 8h8M7 2l-3 8',
};

/**
 * Decisions in words, each described once while the translator, the statuses and the
 * contact-center name stay the same: every change redraws the panel on the thread the agent app's
 * frame shares, so a decision is not described again on every redraw.
 */
export class DecisionSentences {
  private described = new WeakMap<Decision, string>();
  private with: { t: Translate; statuses: readonly StatusInfo[]; acd: string } | null = null;

  /** `decision` in words: `acd` names the contact-center side, `statuses` give the labels. */
  sentence(decision: Decision, t: Translate, statuses: readonly StatusInfo[], acd: string): string {
    if (this.with?.t !== t || this.with.statuses !== statuses || this.with.acd !== acd) {
      this.described = new WeakMap();
      this.with = { t, statuses, acd };
    }
    let text = this.described.get(decision);
    if (text === undefined) {
      const label = (apiName: string) =>
        apiName === 'Offline'
          ? t('offline')
          : (statuses.find((status) => status.apiName === apiName)?.label ?? apiName);
      text = describeDecision(decision, t, label, acd);
      this.described.set(decision, text);
    }
    return text;
  }
}

/**
 * The contact-center side's name: CXone for NICE's client events; for the bridge, the product the
 * agent side said it speaks for; else the neutral "Contact center".
 */
function acdKey(protocol: Protocol, platform: string | null): MessageKey {
  if (protocol === 'cxone-client-events') return 'acd.cxone';
  return platform === 'cxone' ? 'acd.cxone' : platform === 'webex' ? 'acd.webex' : 'acd.other';
}

/** Whether the pause button resumes: the engine is paused by `pause()` and the element is not off. */
export function pausedBy(snapshot: SyncSnapshot, mode: string): boolean {
  return snapshot.phase === 'paused' && mode !== 'off';
}

/** The phase in words: with its cause, what it waits for or why the sides differ, and what happens instead. */
function phaseWords(
  model: PanelModel,
  t: Translate,
  values: { acd: string; state: string; status: string },
): string {
  const cause = model.snapshot.cause;
  if (cause === undefined) return t(phaseKey(model.snapshot.phase));
  // The element's own agent frame is right below the panel: the agent signs in there.
  if (cause === 'agent-not-connected' && model.agentBelow)
    return t('cause.agent-not-connected.below', values);
  return t(causeKey(cause), values);
}

/** No deadline is cancelled: a view drawn where nobody can act on it. */
const NO_ACTIONS: DeadlineActions = { cancel: () => undefined };

/** What the panel shows for `model`, in the words of `t`; `actions` run a deadline's Cancel. */
export function panelView(
  model: PanelModel,
  t: Translate,
  sentences: DecisionSentences = new DecisionSentences(),
  actions: DeadlineActions = NO_ACTIONS,
): PanelView {
  const own = model.snapshot;
  const mirrored = own.phase === 'follower' && model.mirror !== null;
  const shown = mirrored && model.mirror !== null ? model.mirror : own;
  const phase: Phase = own.phase;
  const problems = [
    ...model.configProblems,
    ...(model.configProblems.length > 0 ? [] : own.problems),
  ];
  const acdName = t(acdKey(model.protocol, model.platform));
  const salesforce =
    shown.salesforce === null
      ? t('unknown')
      : shown.salesforce.id === null
        ? t('offline')
        : shown.salesforce.label || shown.salesforce.apiName;
  const acd = shown.acd === null ? t('unknown') : acdLabel(formatAcd(shown.acd), t);
  const recent = [...model.recent].reverse();
  const label = (apiName: string) =>
    apiName === 'Offline'
      ? t('offline')
      : (model.statuses.find((status) => status.apiName === apiName)?.label ?? apiName);
  return {
    phase,
    icon: ICONS[phase],
    title: t('title'),
    phaseText: phaseWords(model, t, { acd: acdName, state: acd, status: salesforce }),
    sides: { salesforceLabel: t('salesforce'), salesforce, acdLabel: acdName, acd },
    mirrorNote: mirrored ? t('leaderSays') : null,
    rule: `${t('rule')}: ${shown.rule ?? t('noRule')}`,
    deadlines: deadlinesView(
      shown.deadlines,
      recent,
      model.now,
      {
        t,
        name: (side, text) => (side === 'salesforce' ? label(text) : acdLabel(text, t)),
        time: clockTime(model.language),
      },
      actions,
    ),
    problems: problems.map((problem) => ({
      code: problem.code,
      message: problem.message,
      // A rule naming a status nobody has is a spelling matter, not one of access.
      fix:
        problem.code === ErrorCode.statusNotPermitted && problem.path !== undefined
          ? t('fix.status-unknown')
          : t(fixKey(problem.code), { acd: acdName }),
    })),
    decisionsHeading: t('decisions'),
    noDecisions: t('noDecisions'),
    decisions: recent.map((decision) => ({
      result: decision.result,
      why: decision.why,
      text: sentences.sentence(decision, t, model.statuses, acdName),
    })),
    resync: { label: t('resync'), disabled: !model.running },
    pause: {
      label: pausedBy(own, model.mode) ? t('resume') : t('pause'),
      disabled: !model.running || model.mode === 'off',
    },
    exportLabel: t('export'),
    // No frame while an attribute is wrong: its origin may be the one refused.
    frame:
      model.agentSrc !== null && model.configProblems.length === 0
        ? { src: model.agentSrc, title: t('agentFrame'), protocol: model.protocol }
        : null,
  };
}
