import type { OmniEvent, OmniPort, OmniStatusResult } from '../../src/core/ports.js';

export interface FakeStatus {
  id: string;
  apiName: string;
  label: string;
  online: boolean;
}

/**
 * A stand-in for `lightning:omniToolkitAPI` that behaves as docs/contract.md §3 describes: its own
 * calls echo as `OmniToolkitStatusChange` (after a `LoginSuccess` when logged out), `logout()`
 * echoes as a reason-less logout, `getServicePresenceStatusId()` rejects while logged out, and a
 * status the user may not use is refused.
 */
export class FakeOmni implements OmniPort {
  current: FakeStatus | null;
  capacity = 2;
  workload = 0;
  readonly calls: string[] = [];
  /** Statuses the user may not use: setting them is refused like the real toolkit would. */
  forbidden = new Set<string>();
  /** Reject the next N writes (a flaky network). */
  failNext = 0;
  private listeners = new Set<(event: OmniEvent) => void>();
  listStatuses?: () => Promise<
    Array<{ id: string; apiName: string; label: string; online: boolean }>
  >;

  constructor(
    readonly statuses: FakeStatus[],
    current: string | null,
    options: { lists?: boolean } = {},
  ) {
    this.current = current === null ? null : this.find(current);
    if (options.lists !== false)
      this.listStatuses = async () => this.statuses.map((status) => ({ ...status }));
  }

  find(apiNameOrId: string): FakeStatus {
    const found = this.statuses.find(
      (status) =>
        status.apiName === apiNameOrId || status.id.slice(0, 15) === apiNameOrId.slice(0, 15),
    );
    if (!found) throw new Error(`unknown status ${apiNameOrId}`);
    return found;
  }

  subscribe(listener: (event: OmniEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after every event (the demo re-renders its widget). */
  onEvent: (event: OmniEvent) => void = () => undefined;
  /** Work items offered or being handled. */
  readonly works: Array<{ workItemId: string; workId: string; isEngaged: boolean }> = [];
  private nextWork = 1;

  emit(type: OmniEvent['type'], detail: Record<string, unknown>): void {
    for (const listener of [...this.listeners]) listener({ type, detail });
    this.onEvent({ type, detail });
  }

  /** A chat is routed to the agent. */
  assignWork(): string {
    const number = this.nextWork++;
    const work = {
      workItemId: `0Mw00000000${String(number).padStart(4, '0')}`,
      workId: `570000000000${String(number).padStart(3, '0')}`,
      isEngaged: false,
    };
    this.works.push(work);
    this.emit('lightning:omniChannelWorkAssigned', {
      workItemId: work.workItemId,
      workId: work.workId,
    });
    return work.workItemId;
  }

  /** The agent accepts it: workload goes up. */
  acceptWork(workItemId: string): void {
    const work = this.works.find((candidate) => candidate.workItemId === workItemId);
    if (!work || work.isEngaged) return;
    work.isEngaged = true;
    this.emit('lightning:omniChannelWorkAccepted', { workItemId, workId: work.workId });
    this.setWorkload(this.workload + 1);
  }

  /** The agent closes it: workload goes down when it was engaged. */
  closeWork(workItemId: string): void {
    const index = this.works.findIndex((candidate) => candidate.workItemId === workItemId);
    if (index < 0) return;
    const [work] = this.works.splice(index, 1);
    this.emit('lightning:omniChannelWorkClosed', { workItemId, workId: work!.workId });
    if (work!.isEngaged) this.setWorkload(this.workload - 1);
  }

  private result(status: FakeStatus): OmniStatusResult {
    // Events carry 15-character ids; listStatuses 18 (the toolkit's event and method references).
    return {
      statusId: status.id.slice(0, 15),
      statusName: status.label,
      statusApiName: status.apiName,
    };
  }

  private changed(status: FakeStatus, reason: string): void {
    this.current = status;
    this.emit('lightning:omniChannelStatusChanged', {
      ...this.result(status),
      channels: '[]',
      reason,
    });
  }

  async getServicePresenceStatusId(): Promise<OmniStatusResult> {
    if (this.current === null) throw new Error('Agent is not logged in to Omni-Channel');
    return this.result(this.current);
  }

  async setServicePresenceStatus({ statusId }: { statusId: string }) {
    const status = this.find(statusId);
    this.calls.push(`set:${status.apiName}`);
    if (this.forbidden.has(status.apiName))
      throw new Error(`Presence status ${status.apiName} is not permitted for this user`);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Network error');
    }
    await Promise.resolve();
    if (this.current === null)
      this.emit('lightning:omniChannelLoginSuccess', { statusId: status.id.slice(0, 15) });
    this.changed(status, 'OmniToolkitStatusChange');
    return { ...this.result(status), channels: '[]' };
  }

  async login({ statusId }: { statusId: string }): Promise<boolean> {
    await this.setServicePresenceStatus({ statusId });
    return true;
  }

  async logout(): Promise<boolean> {
    this.calls.push('logout');
    await Promise.resolve();
    this.current = null;
    this.emit('lightning:omniChannelLogout', {});
    return true;
  }

  async getAgentWorkload() {
    return { configuredCapacity: this.capacity, currentWorkload: this.workload };
  }

  async getAgentWorks() {
    return { works: JSON.stringify(this.works) };
  }

  /** The agent picks a status in the Omni-Channel widget. */
  agentSets(apiName: string): void {
    this.changed(this.find(apiName), 'OmniManualStatusChange');
  }

  /** A supervisor changes the agent's status. */
  supervisorSets(apiName: string): void {
    this.changed(this.find(apiName), 'OmniSupervisorStatusChange');
  }

  /** The agent logs out by hand, or another session takes over (`DuplicateLogin…`). */
  loggedOut(reason?: string): void {
    this.current = null;
    this.emit('lightning:omniChannelLogout', reason ? { reason } : {});
  }

  /** Work arrives or closes: Salesforce sends numbers as strings in some releases. */
  setWorkload(workload: number): void {
    const previous = this.workload;
    this.workload = workload;
    this.emit('lightning:omniChannelWorkloadChanged', {
      configuredCapacity: String(this.capacity),
      previousWorkload: previous,
      newWorkload: String(workload),
    });
  }
}
