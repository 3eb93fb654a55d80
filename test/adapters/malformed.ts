/**
 * Messages that must be refused by the `bridge` guard, built field by field from valid ones so
 * every field meets every kind of wrong value. Each is structured-cloneable (it travels by
 * postMessage in the iframe tests).
 */
const since = 1_700_000_000_000;
const validState = { state: 'Available', reason: '', isAcw: false, since };
const envelope = { ns: 'presence-sync', v: 1 };

export const VALID = {
  state: { ...envelope, type: 'state', state: validState, seq: 1 },
  hello: {
    ...envelope,
    type: 'hello',
    role: 'agent',
    agent: { agentId: '1001', teamId: '7', teamName: 'Tier 1' },
    codes: [{ name: 'Lunch', isAcw: false, isActive: true }],
    state: validState,
    write: true,
  },
  codes: { ...envelope, type: 'codes', codes: [{ name: 'Lunch', isAcw: false, isActive: true }] },
} as const;

const long = 'x'.repeat(5_000);
const anyWrong = [null, true, 0, -1, NaN, Infinity, [], {}, [null], long];
const notString = [null, true, 0, NaN, [], {}, ['Lunch']];
const notBool = [null, 0, 1, 'true', 'True', [], {}];
const notNumber = [null, '1', true, NaN, Infinity, -Infinity, [], {}];
/** `undefined` stands for "field missing". */
const missing = undefined;

type Mutation = readonly [path: readonly string[], values: readonly unknown[]];

const MUTATIONS: Record<keyof typeof VALID, readonly Mutation[]> = {
  state: [
    [['ns'], [missing, 'Presence-Sync', 'presence-sync ', 'cxps', ...anyWrong]],
    [['v'], [missing, 2, 0, '1', 1.5, ...anyWrong.filter((value) => value !== -1)]],
    [['type'], [missing, 'State', 'STATE', 'states', '', 'setstate', ...anyWrong]],
    [['state'], [missing, 'Available', ...anyWrong]],
    [
      ['state', 'state'],
      [missing, 'Busy', 'available', 'Working', 'LoggedIn', 'DialerPending', '', ...anyWrong],
    ],
    [
      ['state', 'reason'],
      [...notString, long],
    ],
    [
      ['state', 'isAcw'],
      [missing, ...notBool],
    ],
    [
      ['state', 'since'],
      [missing, -1, ...notNumber],
    ],
    [
      ['state', 'next'],
      ['Available', 1, [], { state: 'Busy' }, { state: 'Unavailable', reason: 7 }],
    ],
    [['seq'], [missing, ...notNumber]],
  ],
  hello: [
    [['role'], [missing, 'admin', 'Agent', '', ...anyWrong]],
    // A missing `agent` is valid: nobody is signed in on the agent side (docs/contract.md Details 47).
    [['agent'], ['agent-1001', ...anyWrong]],
    [
      ['agent', 'agentId'],
      [missing, '', 'x'.repeat(129), 1001, ...anyWrong],
    ],
    [
      ['agent', 'teamId'],
      [7, '', 'x'.repeat(129), null, []],
    ],
    [
      ['agent', 'userId'],
      [5, '', null, {}],
    ],
    [['write'], [missing, 'true', 1, null, []]],
    [
      ['codes'],
      [
        'Lunch',
        null,
        {},
        [null],
        [{ name: 'Lunch' }],
        [{ name: '', isAcw: false, isActive: true }],
        Array.from({ length: 501 }, (_, i) => ({ name: `c${i}`, isAcw: false, isActive: true })),
      ],
    ],
    [['state'], [null, 'Available', { state: 'Busy' }, { ...validState, since: 'now' }]],
  ],
  codes: [
    [
      ['codes'],
      [missing, 'Lunch', ...anyWrong.filter((value) => !Array.isArray(value) || value.length > 0)],
    ],
    [
      ['codes', '0', 'name'],
      [missing, '', 'x'.repeat(101), ...notString],
    ],
    [
      ['codes', '0', 'isAcw'],
      [missing, ...notBool],
    ],
    [
      ['codes', '0', 'isActive'],
      [missing, ...notBool],
    ],
  ],
};

function withValue(base: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Hundreds of refused messages: primitives, arrays, every field wrong, prototype tricks. */
export function malformedBridgeMessages(): unknown[] {
  const messages: unknown[] = [
    undefined,
    null,
    0,
    1,
    -1,
    NaN,
    true,
    false,
    '',
    'hello',
    'presence-sync',
    [],
    [VALID.state],
    [1, 2],
    {},
    new Date(0),
    /state/,
    new Map([['ns', 'presence-sync']]),
    new ArrayBuffer(8),
  ];
  for (const [kind, mutations] of Object.entries(MUTATIONS) as Array<
    [keyof typeof VALID, readonly Mutation[]]
  >) {
    for (const [path, values] of mutations)
      for (const value of values) messages.push(withValue(VALID[kind], path, value));
  }
  // The hello carries a state too: every wrong state field is wrong there as well.
  for (const [path, values] of MUTATIONS.state.filter(
    ([path]) => path[0] === 'state' && path.length === 2,
  )) {
    for (const value of values) messages.push(withValue(VALID.hello, path, value));
  }
  // …and codes: every wrong code field is wrong inside a hello.
  for (const [path, values] of MUTATIONS.codes.filter(([path]) => path.length === 3)) {
    for (const value of values) messages.push(withValue(VALID.hello, path, value));
  }
  // Prototype keys: a message whose fields exist only behind `__proto__` or `constructor`.
  messages.push(
    JSON.parse(`{"__proto__": ${JSON.stringify(VALID.state)}}`),
    JSON.parse(
      `{"ns": "presence-sync", "v": 1, "type": "state", "seq": 9, "__proto__": {"state": ${JSON.stringify(validState)}}}`,
    ),
    JSON.parse(
      `{"ns": "presence-sync", "v": 1, "__proto__": {"type": "state"}, "state": ${JSON.stringify(validState)}, "seq": 9}`,
    ),
    { ...VALID.state, state: JSON.parse(`{"__proto__": ${JSON.stringify(validState)}}`) },
    { constructor: { prototype: { polluted: true } }, ...VALID.state, v: 3 },
    JSON.parse('{"__proto__": {"polluted": true}, "ns": "presence-sync", "v": 1, "type": "nope"}'),
  );
  // Deep nesting and a huge array where an object is expected.
  let deep: unknown = { ...VALID.state };
  for (let depth = 0; depth < 500; depth += 1) deep = { state: deep };
  messages.push(
    { ...VALID.state, state: deep },
    { ...VALID.codes, codes: new Array(10_000).fill(VALID.codes.codes[0]) },
  );
  return messages;
}
