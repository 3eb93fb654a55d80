/**
 * A simulated Webex Agent Desktop host: the `AGENTX_SERVICE` global the real `@wxcc-desktop/sdk`
 * calls (it has no wire of its own; @wxcc-desktop/sdk@2.0.15 `dist/index.js` bootstrap reads the
 * free identifier and every API is a method call on it). Each member the SDK and the relay touch is
 * typed by the Desktop's own declarations (@wxcc-desktop/sdk-types@1.0.32 `AgentxService`), so an
 * SDK release that changes the host contract fails `npm test`'s type check, not a tenant.
 *
 * Controls: the agent's and a supervisor's state changes, voice tasks (offer, answer, consult,
 * wrap-up, end, RONA), idle-code edits, how `stateChange` answers (lands, fails, is pending, times
 * out after landing, is lost), logout, re-login and multi-login. Time: latencies are injected.
 */
import type { AgentxService, Service } from '@wxcc-desktop/sdk-types';

type Agent = AgentxService['aqm']['agent'];
type Contact = AgentxService['aqm']['contact'];
type Profile = Service.Conf.Profile;
type Entity = Service.Aqm.Configs.Entity;
type StateChangeSuccess = Service.Aqm.Agent.StateChangeSuccess;
type AgentContact = Service.Aqm.Contact.AgentContact;
type Interaction = Service.Aqm.Contact.Interaction;

/** A signal as the Desktop's AQM layer makes them (`Signal.WithData<T>` plus `listenOnceAsync`). */
class SimSignal<T> {
  private readonly listeners = new Set<(data: T) => void>();
  private readonly once = new Set<(data: T) => void>();
  listen = (listener: (data: T) => void) => {
    this.listeners.add(listener);
    return { stopListen: () => this.listeners.delete(listener) };
  };
  listenOnce = (listener: (data: T) => void) => {
    this.once.add(listener);
    return { stopListenOnce: () => this.once.delete(listener) };
  };
  stopListen = (listener: (data: T) => void) => this.listeners.delete(listener);
  stopListenOnce = (listener: (data: T) => void) => this.once.delete(listener);
  listenOnceAsync = () => new Promise<T>((resolve) => this.listenOnce(resolve));
  send(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
    const once = [...this.once];
    this.once.clear();
    for (const listener of once) listener(data);
  }
}

/** An `Err.Details` as @uuip/unified-ui-platform-sdk's AQM layer rejects with (`id`, `details`). */
export class AqmError extends Error {
  constructor(
    readonly id: string,
    readonly details: unknown,
  ) {
    super(id);
  }
}

/** How the next `stateChange` calls answer. */
export type StateChangeMode =
  'lands' | 'fails' | 'pending' | 'timeout-after-landing' | 'timeout-lost' | 'never';

export interface DesktopSimOptions {
  readonly agentId: string;
  readonly idleCodes: Entity[];
  /** The idle code (id) the agent starts in; "0" is Available. */
  readonly startCode: string;
  /** Milliseconds from a request to its state event. */
  readonly latencyMs: number;
  /** The AQM layer's wait for the event (20 s in the Desktop; shorter in tests). */
  readonly aqmTimeoutMs: number;
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  /** Whether `isInited` ever turns true (a Desktop that never starts its services). */
  readonly inits?: boolean;
  /** Open tasks the Desktop already has (a reload mid-call: the call goes on in Webex). */
  readonly tasks?: ReadonlyArray<[string, Interaction]>;
  /** Called after every change, with what a reload keeps (the Desktop's server-side state). */
  readonly onChange?: (kept: { auxCodeId: string; tasks: Array<[string, Interaction]> }) => void;
  /** Called with every `stateChange` request as it is received. */
  readonly onRequest?: (data: Service.Aqm.Agent.StateChange) => void;
}

const ORG = 'org-sim';
const SUPERVISOR = { id: 'supervisor-7', name: 'Sam Supervisor' };

export function createDesktopSim(options: DesktopSimOptions) {
  let status = 'LoggedIn';
  let subStatus: 'Available' | 'Idle' = options.startCode === '0' ? 'Available' : 'Idle';
  let auxCodeId = options.startCode;
  let sessionId = 'session-1';
  let tracking = 0;
  let mode: StateChangeMode = 'lands';
  const requests: Array<Service.Aqm.Agent.StateChange> = [];
  const tasks = new Map<string, Interaction>(options.tasks ?? []);
  const changed = () => options.onChange?.({ auxCodeId, tasks: [...tasks] });

  const agentSignals = {
    eAgentStateChangeSuccess: new SimSignal<StateChangeSuccess>(),
    eAgentReloginSuccess: new SimSignal<Service.Aqm.Agent.ReloginSuccess>(),
    eAgentStationLoginSuccess: new SimSignal<Service.Aqm.Agent.StationLoginSuccess>(),
    eAgentLogoutSuccess: new SimSignal<Service.Aqm.Agent.LogoutSuccess>(),
    eAgentMultiLogin: new SimSignal<
      Parameters<Parameters<Agent['eAgentMultiLogin']['listen']>[0]>[0]
    >(),
    eAgentDNRegistered: new SimSignal<Service.Aqm.Agent.DNRegistered>(),
    eAgentChannelStateChanged: new SimSignal<Service.Aqm.Agent.AgentChannelStateChanged>(),
    eAgentChannelReloginSuccess: new SimSignal<Service.Aqm.Agent.AgentChannelReloginSuccess>(),
  };
  const contactSignals = {
    eAgentOfferContact: new SimSignal<AgentContact>(),
    eAgentContactAssigned: new SimSignal<AgentContact>(),
    eAgentOfferConsult: new SimSignal<AgentContact>(),
    eAgentConsultCreated: new SimSignal<AgentContact>(),
    eAgentConsulting: new SimSignal<AgentContact>(),
    eAgentConsultEnded: new SimSignal<AgentContact>(),
    eAgentConsultFailed: new SimSignal<AgentContact>(),
    eAgentWrapup: new SimSignal<AgentContact>(),
    eAgentContactEnded: new SimSignal<AgentContact>(),
    eAgentContactWrappedUp: new SimSignal<AgentContact>(),
    eAgentOfferContactRona: new SimSignal<AgentContact>(),
    eAgentCtqCancelled: new SimSignal<AgentContact>(),
  };

  function msg<T>(type: string, data: T) {
    tracking += 1;
    return { type, orgId: ORG, trackingId: `sim-${tracking}`, data };
  }

  function stateEvent(
    changedBy: { id: string; name: string } | null,
    reason: string,
  ): StateChangeSuccess {
    const at = options.now();
    return msg('AgentStateChangeSuccess', {
      eventType: 'AgentDesktopMessage',
      agentId: options.agentId,
      trackingId: `sim-${tracking}`,
      auxCodeId,
      agentSessionId: sessionId,
      orgId: ORG,
      status,
      subStatus,
      lastIdleCodeChangeTimestamp: at,
      lastStateChangeTimestamp: at,
      type: 'AgentStateChangeSuccess' as const,
      changedBy: changedBy?.name ?? null,
      changedById: changedBy?.id ?? null,
      changedByName: changedBy?.name ?? null,
      lastStateChangeReason: reason,
    });
  }

  function apply(codeId: string, by: { id: string; name: string } | null, reason: string) {
    subStatus = codeId === '0' ? 'Available' : 'Idle';
    auxCodeId = codeId;
    const event = stateEvent(by, reason);
    changed();
    agentSignals.eAgentStateChangeSuccess.send(event);
    return event;
  }

  const stateChange: Agent['stateChange'] = ({ data }) => {
    requests.push(data);
    options.onRequest?.(data);
    const target = String(data.auxCodeIdArray);
    const land = () => apply(target, null, data.lastStateChangeReason ?? '');
    const later = <T>(work: () => T, ms = options.latencyMs) =>
      new Promise<T>((resolve, reject) =>
        options.setTimeout(() => {
          try {
            resolve(work());
          } catch (error) {
            reject(error);
          }
        }, ms),
      );
    switch (mode) {
      case 'lands':
        return later(land);
      case 'fails':
        return later(() => {
          throw new AqmError('Service.aqm.agent.stateChange', {
            data: {
              agentId: options.agentId,
              trackingId: 't',
              reasonCode: 1,
              orgId: ORG,
              reason: 'AGENT_BUSY',
            },
          });
        });
      case 'pending':
        return Promise.reject(
          new AqmError('Service.aqm.reqs.Pending', {
            key: 'stateChange',
            msg: 'multiple requests are not allowed',
          }),
        );
      case 'timeout-after-landing':
        later(land, options.aqmTimeoutMs + options.latencyMs);
        return later(() => {
          throw new AqmError('Service.aqm.reqs.Timeout', { key: 'stateChange' });
        }, options.aqmTimeoutMs);
      case 'timeout-lost':
        return later(() => {
          throw new AqmError('Service.aqm.reqs.Timeout', { key: 'stateChange' });
        }, options.aqmTimeoutMs);
      case 'never':
        return new Promise(() => undefined);
    }
  };

  const reload: Agent['reload'] = async () =>
    msg('AgentReloginSuccess', {
      eventType: 'AgentDesktopMessage' as const,
      agentId: options.agentId,
      trackingId: 't',
      auxCodeId,
      teamId: 'team-1',
      agentSessionId: sessionId,
      dn: '+15550100',
      orgId: ORG,
      interactionIds: [...tasks.keys()],
      isExtension: false,
      status: 'LoggedIn' as const,
      // sdk-types 1.0.32 types a relogin's subStatus as "Idle" only; an Available agent relogs in Available.
      subStatus: subStatus as 'Idle',
      siteId: 'site-1',
      profileType: 'BLENDED',
      channelsMap: {},
      type: 'AgentReloginSuccess' as const,
    });

  const profile: Pick<
    Profile,
    | 'teams'
    | 'agentName'
    | 'agentProfileID'
    | 'defaultDn'
    | 'agentStatus'
    | 'agentSubStatus'
    | 'idleCodes'
    | 'wrapupCodes'
    | 'idleCode'
    | 'agentId'
  > = {
    teams: [{ teamId: 'team-1', teamName: 'Support' } as Profile['teams'][number]],
    agentName: 'Alex Agent',
    agentProfileID: 'profile-1',
    defaultDn: '+15550100',
    agentStatus: status,
    agentSubStatus: subStatus,
    idleCodes: options.idleCodes,
    wrapupCodes: [],
    // After a successful relogin the Desktop's profile carries the current idle code; without one
    // the SDK reloads the agent (aqm.agent.reload) for the state.
    idleCode:
      options.idleCodes.find((code) => code.id === options.startCode) ??
      (options.startCode === '0' ? { id: '0', name: 'Available' } : undefined),
    agentId: options.agentId,
  };

  // Action channels: the SDK sends "<op>/Req" with a request id; the Desktop answers "<op>/Res".
  const destinations = new Map<string, Set<(message: { args: unknown[] }) => void>>();
  const answer = (name: string, reqId: unknown) => {
    const payload =
      name === 'getTaskMap/Req'
        ? new Map(tasks)
        : name === 'getIdleCodes/Req'
          ? [...options.idleCodes]
          : undefined;
    const res = name.replace('/Req', '/Res');
    options.setTimeout(() => {
      for (const listener of destinations.get(res) ?? []) listener({ args: [payload, reqId] });
    }, options.latencyMs);
  };
  const actionsChannels: Pick<
    AgentxService['actionsChannels'],
    'createSource' | 'createDestination'
  > = {
    createSource: ((name: string) => ({
      actionName: name,
      send: (...args: unknown[]) => answer(name, args[0]),
    })) as unknown as AgentxService['actionsChannels']['createSource'],
    createDestination: ((name: string) => {
      const set = destinations.get(name) ?? new Set();
      destinations.set(name, set);
      return {
        actionName: name,
        listenersCount: 0,
        addListener: (listener: (message: { args: unknown[] }) => void) => set.add(listener),
        removeListener: (listener: (message: { args: unknown[] }) => void) => set.delete(listener),
        removeAllListeners: () => set.clear(),
      };
    }) as unknown as AgentxService['actionsChannels']['createDestination'],
  };

  const agent: Pick<Agent, 'stateChange' | 'reload' | keyof typeof agentSignals> = {
    stateChange,
    reload,
    ...agentSignals,
  };
  const contact: Pick<Contact, keyof typeof contactSignals> = contactSignals;

  const service = {
    isInited: options.inits !== false,
    conf: { profile, isReloginSuccess: true },
    aqm: {
      agent,
      contact,
      configs: {},
      dialer: {},
      supervisor: {},
      screenpop: {},
      aiAssistant: {},
    },
    dataNotifs: { aiAssistant: {} },
    actionsChannels,
    webexMetrics: { trackBehavioralEvent: () => undefined },
  };

  function interaction(
    id: string,
    outbound: boolean,
    campaign: boolean,
    state: string,
    wrapUp: boolean,
  ): Interaction {
    return {
      isFcManaged: false,
      isTerminated: state === 'wrapUp',
      mediaType: 'telephony',
      previousVTeams: [],
      state,
      currentVTeam: 'queue-1',
      participants: { [options.agentId]: { isWrapUp: wrapUp } },
      interactionId: id,
      orgId: ORG,
      callProcessingDetails: campaign
        ? ({ campaignId: 'campaign-1' } as Interaction['callProcessingDetails'])
        : ({} as Interaction['callProcessingDetails']),
      media: {},
      owner: options.agentId,
      mediaChannel: 'telephony',
      contactDirection: { type: outbound ? 'OUTBOUND' : 'INBOUND' },
      callFlowParams: {},
    };
  }

  function contactEvent(
    signal: keyof typeof contactSignals,
    id: string,
    state: string,
    { outbound = false, campaign = false, wrapUp = true, media = 'telephony' } = {},
  ): void {
    const inner = { ...interaction(id, outbound, campaign, state, wrapUp), mediaType: media };
    if (state === 'ended') tasks.delete(id);
    else tasks.set(id, inner);
    changed();
    const data = {
      mediaResourceId: id,
      eventType: 'RoutingMessage',
      eventTime: options.now(),
      agentId: options.agentId,
      destAgentId: options.agentId,
      trackingId: `sim-${tracking}`,
      consultMediaResourceId: '',
      interaction: inner,
      interactionId: id,
      orgId: ORG,
      owner: options.agentId,
      queueMgr: 'qm',
      type: signal,
      isConferencing: false,
    };
    contactSignals[signal].send(msg(signal, data) as AgentContact);
  }

  const idOf = (code: string) =>
    code === 'Available'
      ? '0'
      : (options.idleCodes.find((entry) => entry.name === code)?.id ?? code);

  return {
    /** The object the Desktop defines as `AGENTX_SERVICE` (only the members the SDK reads). */
    service: service as unknown as AgentxService,
    /** Every `stateChange` request's data, as the Desktop received it. */
    requests,
    get state() {
      return { status, subStatus, auxCodeId };
    },
    setMode(next: StateChangeMode) {
      mode = next;
    },
    /** The agent picks a state in the Desktop ("Available" or an idle-code name). */
    agentSets(code: string) {
      apply(idOf(code), { id: options.agentId, name: 'Alex Agent' }, code);
    },
    supervisorSets(code: string) {
      apply(idOf(code), SUPERVISOR, 'supervisor');
    },
    offerCall(id: string, how: { outbound?: boolean; campaign?: boolean; media?: string } = {}) {
      contactEvent('eAgentOfferContact', id, 'new', how);
    },
    answer(id: string, how: { outbound?: boolean; campaign?: boolean; media?: string } = {}) {
      contactEvent('eAgentContactAssigned', id, 'connected', how);
    },
    consult(id: string) {
      contactEvent('eAgentConsultCreated', id, 'consulting');
    },
    consultEnded(id: string) {
      contactEvent('eAgentConsultEnded', id, 'connected');
    },
    offerConsult(id: string) {
      contactEvent('eAgentOfferConsult', id, 'consult');
    },
    acceptConsult(id: string) {
      contactEvent('eAgentConsulting', id, 'consulting');
    },
    /** The call ends; with wrap-up (the default) the agent is in wrap-up until `wrappedUp`. */
    endCall(id: string, { wrapUp = true, media = 'telephony' } = {}) {
      contactEvent('eAgentContactEnded', id, wrapUp ? 'wrapUp' : 'ended', { wrapUp, media });
      if (wrapUp) contactEvent('eAgentWrapup', id, 'wrapUp', { media });
    },
    wrappedUp(id: string, { media = 'telephony' } = {}) {
      contactEvent('eAgentContactWrappedUp', id, 'ended', { media });
    },
    /** The agent misses an offer: the Desktop puts them in the RONA system idle code. */
    rona(id: string, ronaCode: string) {
      contactEvent('eAgentOfferContactRona', id, 'ended');
      apply(ronaCode, null, 'RONA');
    },
    /** A raw, malformed contact event (what a changed Desktop might send). */
    junkContact(signal: keyof typeof contactSignals, data: unknown) {
      contactSignals[signal].send(data as AgentContact);
    },
    /** An admin edits the idle codes (the Desktop lists them again on request). */
    editIdleCodes(codes: Entity[]) {
      options.idleCodes.splice(0, options.idleCodes.length, ...codes);
    },
    logout() {
      status = 'LoggedOut';
      agentSignals.eAgentLogoutSuccess.send(
        msg('AgentLogoutSuccess', {
          eventType: 'AgentDesktopMessage' as const,
          agentId: options.agentId,
          trackingId: 't',
          agentSessionId: sessionId,
          orgId: ORG,
          status: 'LoggedOut',
          subStatus: 'Idle',
          type: 'AgentLogoutSuccess' as const,
        }),
      );
    },
    stationLogin(code: string) {
      status = 'LoggedIn';
      sessionId = `session-${tracking + 2}`;
      subStatus = idOf(code) === '0' ? 'Available' : 'Idle';
      auxCodeId = idOf(code);
      agentSignals.eAgentStationLoginSuccess.send(
        msg('AgentStationLoginSuccess', {
          eventType: 'AgentDesktopMessage' as const,
          agentId: options.agentId,
          trackingId: 't',
          auxCodeId,
          teamId: 'team-1',
          agentSessionId: sessionId,
          orgId: ORG,
          interactionIds: [],
          status,
          subStatus,
          siteId: 'site-1',
          lastIdleCodeChangeTimestamp: options.now(),
          lastStateChangeTimestamp: options.now(),
          profileType: 'BLENDED',
          channelsMap: {},
          type: 'AgentStationLoginSuccess' as const,
        }),
      );
    },
    /** The agent signs in to the Desktop in another window: this one's session is closed. */
    multiLogin() {
      agentSignals.eAgentMultiLogin.send(
        msg('AgentMultiLoginCloseSession', {
          agentId: options.agentId,
          reason: 'multiLogin',
          type: 'AgentMultiLoginCloseSession' as const,
          agentSessionId: sessionId,
        }),
      );
    },
    /** The Desktop finishes starting its services late. */
    finishInit() {
      service.isInited = true;
    },
  };
}

export type DesktopSim = ReturnType<typeof createDesktopSim>;
