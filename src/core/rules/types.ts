/**
 * The presence rule document as the engine uses it (docs/contract.md §4), after parsing: rows with their
 * index and text, patterns instead of strings.
 */
import type { Problem } from '../errors.js';
import type { AcdBase, AcdTarget, SubscriberTarget } from '../values.js';

/** What a publisher row's ACD side matches. */
export type AcdPattern =
  | { readonly kind: 'Available' }
  | { readonly kind: 'Unavailable'; readonly code?: string }
  | { readonly kind: 'ACW'; readonly code?: string }
  | { readonly kind: 'contact'; readonly state: AcdBase }
  | { readonly kind: 'LoggedOut' };

/** A Salesforce status as a rule names it. */
export type StatusRef =
  | { readonly kind: 'offline' }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'apiName'; readonly apiName: string };

/** ACD → Salesforce. */
export interface PublisherRow {
  readonly index: number;
  readonly text: string;
  readonly acd: AcdPattern;
  readonly salesforce: StatusRef;
}

/** Salesforce → ACD. */
export interface SubscriberRow {
  readonly index: number;
  readonly text: string;
  readonly salesforce: StatusRef;
  readonly acd: SubscriberTarget;
}

/** The state a timeout times: a Salesforce status, or a settable ACD state (matched exactly). */
export type TimedSource =
  | { readonly side: 'salesforce'; readonly status: StatusRef }
  | { readonly side: 'acd'; readonly state: AcdTarget };

/**
 * One entry of a rule's `timeouts` (docs/contract.md §4): `source` may last at most `ms`; then
 * `then` is written on the same side, or the agent is only told (`notify`).
 */
export interface TimedState {
  readonly index: number;
  /** `Lunch ≤ 30 min → Available_for_Chats`, for decisions and the panel. */
  readonly text: string;
  readonly source: TimedSource;
  readonly minutes: number;
  /** `minutes` in milliseconds, rounded to the millisecond. */
  readonly ms: number;
  readonly then: TimedSource | { readonly side: null; readonly notify: true };
}

/** One rule of the document, parsed. */
export interface Rule {
  readonly name: string;
  readonly index: number;
  readonly publisher: readonly PublisherRow[];
  readonly subscriber: readonly SubscriberRow[];
  /** While Omni-Channel work is at or above `atPercent` of capacity, the ACD is set to `acd`. */
  readonly omniWork: {
    readonly atPercent: number;
    readonly acd: AcdTarget;
    readonly text: string;
  } | null;
  /**
   * While the ACD is on a contact (and in ACW when `acw`), Omni-Channel is set to `salesforce`;
   * when it ends, Omni-Channel returns to the status it held before.
   */
  readonly acdWork: {
    readonly salesforce: StatusRef;
    readonly acw: boolean;
    readonly text: string;
  } | null;
  /** Timed states, at most one per status; empty when the rule has none. */
  readonly timeouts: readonly TimedState[];
  readonly skipUnavailableCodeValidation: boolean;
  readonly teams: readonly string[];
  readonly users: readonly string[];
}

/** The whole document, parsed and structurally valid. */
export interface RuleDocument {
  readonly version: 1;
  readonly orgId?: string;
  readonly rules: readonly Rule[];
}

/** The outcome of `parseRules`: a document, or every problem found. */
export type ParseResult =
  | { readonly ok: true; readonly document: RuleDocument }
  | { readonly ok: false; readonly problems: readonly Problem[] };
