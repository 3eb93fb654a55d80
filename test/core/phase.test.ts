import { expect } from '@open-wc/testing';
import type { Input } from '../../src/core/inputs.js';
import {
  agreementOf,
  phaseFrom,
  type Agreement,
  type PhaseFacts,
} from '../../src/core/engine/projection.js';
import type { EngineState } from '../../src/core/engine/state.js';
import { PHASE_CAUSES, PHASES } from '../../src/core/snapshot.js';
import { ACD_WORK, acdChange, run, sfChange, started, succeeded, T } from './fixtures.js';

/** One row of docs/contract.md's "Phases" table: the phase, its cause, and when it holds. */
interface SpecRow {
  readonly phase: string;
  readonly cause: string;
  readonly when: string;
}

/** Reads the precedence table from docs/contract.md (the spec), in its order. */
async function phaseTable(): Promise<SpecRow[]> {
  const text = await (await fetch('/docs/contract.md')).text();
  const start = text.indexOf('**Phases**');
  expect(start, 'docs/contract.md has a "Phases" detail').to.be.greaterThan(0);
  const rows: SpecRow[] = [];
  for (const line of text.slice(start).split('\n')) {
    const cells = line
      .trim()
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 4 || !/^\d+$/.test(cells[0] ?? '')) {
      if (rows.length > 0 && !line.trim().startsWith('|')) break;
      continue;
    }
    const bare = (cell: string) => cell.replace(/`/g, '');
    rows.push({ phase: bare(cells[1]!), cause: bare(cells[2]!), when: bare(cells[3]!) });
  }
  return rows;
}

/**
 * Evaluates a table condition over the facts: terms joined by `&`; a term is `fact`, `!fact`, or
 * `fact = a | b` (one of the values).
 */
function holds(condition: string, facts: PhaseFacts): boolean {
  return condition.split('&').every((raw) => {
    const term = raw.trim();
    const [name, values] = term.split('=').map((part) => part.trim());
    const negated = name!.startsWith('!');
    const key = (negated ? name!.slice(1) : name!) as keyof PhaseFacts;
    expect(Object.keys(facts), `a fact named in the table: ${key}`).to.include(key);
    const value = facts[key];
    if (values !== undefined)
      return values
        .split('|')
        .map((v) => v.trim())
        .includes(String(value));
    return negated ? value === false : value === true;
  });
}

const AGREEMENTS: readonly Agreement[] = [
  'agree',
  'acd-unmapped',
  'salesforce-unmapped',
  'needs-salesforce',
  'needs-acd',
];

/** Every combination of the facts the phase depends on. */
function everyCombination(): PhaseFacts[] {
  const flags = [
    'stopped',
    'leader',
    'broken',
    'omni',
    'started',
    'shadow',
    'duplicateLogin',
    'writing',
    'deferred',
    'agentCanWrite',
  ] as const;
  const all: PhaseFacts[] = [];
  for (let bits = 0; bits < 2 ** flags.length; bits += 1) {
    for (const agent of ['unknown', 'not-connected', 'known'] as const) {
      for (const agreement of AGREEMENTS) {
        const facts: Record<string, unknown> = { agent, agreement };
        flags.forEach((flag, index) => (facts[flag] = (bits & (1 << index)) !== 0));
        all.push(facts as unknown as PhaseFacts);
      }
    }
  }
  return all;
}

describe('phaseFrom(): the precedence table of docs/contract.md, over every combination of facts', () => {
  it('gives, for each of the 15,360 combinations, the first row of the table that holds', async () => {
    const table = await phaseTable();
    expect(table.length, 'rows read from docs/contract.md').to.be.greaterThan(10);
    const combinations = everyCombination();
    expect(combinations).to.have.length(15_360);
    for (const facts of combinations) {
      const row = table.find((candidate) => holds(candidate.when, facts));
      expect(row, `a row holds for ${JSON.stringify(facts)}`).to.not.equal(undefined);
      const got = phaseFrom(facts);
      expect({ phase: got.phase, cause: got.cause ?? '' }, JSON.stringify(facts)).to.deep.equal({
        phase: row!.phase,
        cause: row!.cause,
      });
    }
  });

  it('names every phase and every cause in the table, and nothing else', async () => {
    const table = await phaseTable();
    expect([...new Set(table.map((row) => row.phase))].sort()).to.deep.equal([...PHASES].sort());
    expect(table.map((row) => row.cause).filter((cause) => cause !== '')).to.have.members([
      ...PHASE_CAUSES,
    ]);
  });

  it('is in-sync only when the sides agree by the rule, and never when a write cannot happen', () => {
    for (const facts of everyCombination()) {
      const { phase } = phaseFrom(facts);
      if (phase !== 'in-sync') continue;
      expect(facts.agreement, JSON.stringify(facts)).to.equal('agree');
      expect(facts.duplicateLogin || facts.broken || facts.stopped || !facts.leader).to.equal(
        false,
      );
      expect(facts.agent).to.equal('known');
    }
  });

  it('names why, whenever the sides disagree and nothing is written', () => {
    for (const facts of everyCombination()) {
      const { phase, cause } = phaseFrom(facts);
      if (['not-writing', 'not-mapped', 'out-of-sync', 'waiting'].includes(phase))
        expect(cause, JSON.stringify(facts)).to.be.a('string');
    }
  });
});

interface AgreementRow {
  it: string;
  given: () => EngineState;
  when?: Array<Input | ((state: EngineState) => Input)>;
  agreement: Agreement;
}

/** A Webex-like rule without a LoggedOut or Break row (the Webex fixture's rows). */
const WEBEX = ACD_WORK;

describe('agreementOf(): whether the sides are where the rule puts them', () => {
  const rows: AgreementRow[] = [
    {
      it: 'agrees when the publisher row of the ACD state names the status',
      given: () => started({ sf: 'Available_for_Chats', acd: 'Available' }),
      agreement: 'agree',
    },
    {
      it: 'agrees when only the subscriber row of the status names the ACD state (Offline → Unavailable)',
      given: () => started({ sf: 'Offline', acd: 'Unavailable' }),
      agreement: 'agree',
    },
    {
      it: 'agrees with any settable state under a PreviousState row',
      given: () => started({ sf: 'Chat_Done', acd: 'Unavailable/Meeting' }),
      agreement: 'agree',
    },
    {
      it: 'names an ACD state without a row at first load (Away vs Unavailable, startup acd)',
      given: () => started({ sf: 'Away', acd: 'Unavailable', config: { startup: 'acd' } }),
      agreement: 'acd-unmapped',
    },
    {
      it: 'names a status without a row when Omni-Channel changed last',
      given: () => started({ sf: 'Available_for_Chats', acd: 'Available' }),
      when: [sfChange('Training')],
      agreement: 'salesforce-unmapped',
    },
    {
      it: 'takes a code the team lacks as the default Unavailable with skipUnavailableCodeValidation',
      given: () =>
        started({
          sf: 'Away',
          acd: 'Unavailable',
          codes: [{ name: 'Chat', isAcw: false, isActive: true }],
          rules: {
            version: 1,
            rules: [
              {
                name: 'r',
                publisher: [{ acd: 'Available', salesforce: 'Available_for_Chats' }],
                subscriber: [{ salesforce: 'Away', acd: 'Unavailable/Lunch' }],
                skipUnavailableCodeValidation: true,
              },
            ],
          },
        }),
      agreement: 'agree',
    },
    {
      it: 'says the ACD should follow a mapped Omni-Channel change it did not take (read only)',
      given: () => started({ sf: 'Away', acd: 'Unavailable/Lunch', canWrite: false }),
      when: [sfChange('Available_for_Chats')],
      agreement: 'needs-acd',
    },
    {
      it: 'names a code a supervisor set that no row maps (Webex, Unavailable/Break)',
      given: () => started({ rules: WEBEX, sf: 'Available_for_Chats', acd: 'Available' }),
      when: [acdChange('Unavailable/Break')],
      agreement: 'acd-unmapped',
    },
    {
      it: 'names a logout no row maps (Webex, LoggedOut)',
      given: () => started({ rules: WEBEX, sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: [acdChange('LoggedOut')],
      agreement: 'acd-unmapped',
    },
    {
      it: 'says Omni-Channel should show the acdWork status during a contact it does not show',
      given: () => started({ rules: WEBEX, sf: 'Available_for_Chats', acd: 'InboundContact' }),
      agreement: 'needs-salesforce',
    },
    {
      it: 'agrees during an acdWork contact once the agent chose another status meanwhile',
      given: () => started({ rules: WEBEX, sf: 'Available_for_Chats', acd: 'Available' }),
      when: [
        acdChange('InboundContact'),
        (state) => succeeded(state, T + 1),
        sfChange('Busy_On_Call', T + 2, 'OmniToolkitStatusChange'),
        sfChange('Away', T + 10_000),
      ],
      agreement: 'agree',
    },
    {
      it: 'follows the side of the latest change: a mapped ACD change Omni-Channel did not take',
      given: () => started({ sf: 'Away', acd: 'Unavailable/Lunch' }),
      when: [acdChange('Available')],
      agreement: 'needs-salesforce',
    },
  ];
  for (const row of rows) {
    it(row.it, () => {
      const result = run(row.given(), ...(row.when ?? []));
      expect(agreementOf(result.state)).to.equal(row.agreement);
    });
  }
});
