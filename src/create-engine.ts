/**
 * `createEngine`, the composition root for a host that brings its own ports: it builds the Omni
 * side over the host's `OmniPort` and starts the runtime's engine over the sides. The element's
 * own root, session.ts, builds its sides the same way.
 *
 * Invariants: the Omni side's deadlines run on timers the engine clears when disposed; the one
 * throw is `startEngine`'s `config-invalid`.
 */
import { OmniSide } from './adapters/omni-side.js';
import type { AgentPort, ClockPort, LeaderPort, OmniPort, StoragePort } from './core/ports.js';
import { systemClock, timerSet, type TimerSet } from './platform/time.js';
import { startEngine, type Engine, type EngineOptions } from './runtime/engine.js';

/**
 * The outside world as a host has it: the Omni-Channel toolkit, the agent side, storage, leader
 * election, time. Every one is optional; `clock` defaults to the system clock.
 */
export interface EnginePorts {
  omni?: OmniPort;
  agent?: AgentPort;
  storage?: StoragePort;
  clock?: ClockPort;
  leader?: LeaderPort;
}

/** The Omni side over the host's toolkit, its calls' deadlines on `timers`. */
export function omniSide(port: OmniPort, timers: TimerSet): OmniSide {
  return new OmniSide(port, timers);
}

/**
 * Creates and starts a sync engine over a host's own ports: the Omni side is built over `omni`.
 * Throws a `SyncError` (`config-invalid`) only for a config a programmer got wrong; everything that
 * goes wrong later is a problem in the snapshot.
 */
export function createEngine(options: EngineOptions = {}, ports: EnginePorts = {}): Engine {
  const { omni, ...rest } = ports;
  const timers = timerSet(ports.clock ?? systemClock);
  return startEngine(options, {
    ...rest,
    timers,
    ...(omni ? { omni: omniSide(omni, timers) } : {}),
  });
}
