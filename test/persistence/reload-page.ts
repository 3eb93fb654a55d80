/**
 * A page that runs the engine with IndexedDB storage and in-page fakes, for reload tests:
 * `?user=<id>&sf=<api name>&acd=<state>`. The parent (same origin) drives it through `harness`.
 */
import { createEngine } from '../../src/create-engine.js';
import { IdbStorage } from '../../src/persistence/idb-storage.js';
import { CODES, EXAMPLE, STATUSES, acd } from '../core/fixtures.js';
import { FakeAgentPort } from '../fakes/fake-agent-port.js';
import { FakeOmni } from '../fakes/fake-omni.js';

const params = new URLSearchParams(location.search);
const storage = new IdbStorage(params.get('user') ?? 'nobody');
const omni = new FakeOmni(STATUSES, params.get('sf') ?? 'Away');
const agent = new FakeAgentPort(acd(params.get('acd') ?? 'Available'), CODES);
const engine = createEngine({ rules: EXAMPLE, orgId: '00D5g000004ABCD' }, { omni, agent, storage });
(window as unknown as { harness: unknown }).harness = { engine, omni, agent, storage };
