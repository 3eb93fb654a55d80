/**
 * The consumer page's entry, bundled by esbuild but not type-checked with the app (it reaches into
 * the repository's fakes): the app's usage on the simulated Omni-Channel toolkit.
 */
import { FakeOmni, type FakeStatus } from '../../fakes/fake-omni.js';
import { run, type Report } from './usage.js';

const STATUSES: FakeStatus[] = [
  { id: '0N5000000000001AAA', apiName: 'Available_for_Chats', label: 'Available', online: true },
  { id: '0N5000000000003AAA', apiName: 'Away', label: 'Away', online: false },
];

const omni = new FakeOmni(STATUSES, 'Away');
const engineOmni = new FakeOmni(STATUSES, 'Away');
(window as unknown as { consumer: Promise<Report & { omni: string | undefined }> }).consumer = run(
  omni,
  engineOmni,
).then((report) => ({ ...report, omni: omni.current?.apiName }));
