import { expect } from '@open-wc/testing';
import { BridgeAgentPort } from '../src/adapters/agent-bridge.js';
import { ClientEventsAgentPort } from '../src/adapters/agent-client-events.js';
import { CHOICES, DEFAULT_CONFIG } from '../src/core/config.js';
import { agentPortFor, type SessionConfig } from '../src/session.js';

const config = (protocol: SessionConfig['protocol'], origins = ['https://agent.example.com']) => ({
  engine: DEFAULT_CONFIG,
  rules: null,
  origins,
  protocol,
  agentSrc: null,
  sessionEnd: null,
});

describe('the session picks the agent side by agent-protocol', () => {
  it('reads and writes over the bridge protocol for bridge, reads client events for cxone-client-events', () => {
    expect(agentPortFor(config('bridge'), null)).to.be.instanceOf(BridgeAgentPort);
    expect(agentPortFor(config('cxone-client-events'), null)).to.be.instanceOf(
      ClientEventsAgentPort,
    );
  });

  it('has an agent side for every value the settings schema allows, and none without an origin', () => {
    for (const protocol of CHOICES.agentProtocol.values) {
      expect(agentPortFor(config(protocol), null), protocol).to.not.equal(null);
      expect(agentPortFor(config(protocol, []), null), protocol).to.equal(null);
    }
  });
});
