import type { AgentFact } from '../../src/core/inputs.js';

/** Collects what an AgentPort reports; `until()` resolves when a condition holds (no polling, no sleeps). */
export class FactLog {
  readonly facts: AgentFact[] = [];
  private waiters: Array<{ check: () => boolean; done: () => void }> = [];

  readonly sink = (fact: AgentFact): void => {
    this.facts.push(fact);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.done();
      return false;
    });
  };

  of<T extends AgentFact['type']>(type: T): Array<Extract<AgentFact, { type: T }>> {
    return this.facts.filter((fact): fact is Extract<AgentFact, { type: T }> => fact.type === type);
  }

  rejected(): number {
    return this.of('agent.rejected').reduce((sum, fact) => sum + fact.count, 0);
  }

  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((done) => this.waiters.push({ check, done }));
  }
}
