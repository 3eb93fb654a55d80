// `npm run bench`: one JSON object per metric. Engine metrics run in Node (bundled with esbuild);
// sizes are read from a fresh build; sync latencies and storms run in headless Chromium
// (bench/browser.ts) against the simulated agent app on another site, and the whole CXone path
// through the built bridge (bench/cxone-browser.mjs); the heap is read
// over the DevTools protocol after a forced garbage collection.
import { execSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildRelay } from '../scripts/build-relay.mjs';
import { cxoneBrowserBench } from './cxone-browser.mjs';
import { launchBench } from './page.mjs';
import { partSizes } from './sizes.mjs';

const emit = (metric, value, unit) =>
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sorted = (list) => [...list].sort((a, b) => a - b);
/** The p-th percentile of samples in any order. */
const percentileOf = (list, p) => percentile(sorted(list), p);
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** A TypeScript bench module, bundled for Node and imported. */
async function load(entry) {
  const outfile = join(mkdtempSync(join(tmpdir(), 'presence-sync-bench-')), 'bench.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return import(outfile);
}

const { decisionBench } = await load('bench/decision.ts');
decisionBench(20_000); // warm-up
const samples = decisionBench(100_000).sort((a, b) => a - b);
emit('decision_us_p50', percentile(samples, 50), 'µs');
emit('decision_us_p99', percentile(samples, 99), 'µs');

execSync('npm run build --silent', { stdio: 'ignore' });
emit('iife_gzip_bytes', gzipped(readFileSync('dist/presence-sync.iife.js')), 'bytes');
emit('esm_gzip_bytes', gzipped(readFileSync('dist/presence-sync.js')), 'bytes');
for (const [metric, bytes] of await partSizes()) emit(metric, bytes, 'bytes');
emit('cxone_bridge_gzip_bytes', gzipped(readFileSync('dist/bridges/cxone/bridge.js')), 'bytes');
emit('webex_relay_gzip_bytes', gzipped(readFileSync('dist/bridges/webex-relay.js')), 'bytes');
emit(
  'webex_relay_own_gzip_bytes',
  gzipped(await buildRelay({ withSdk: false, write: false })),
  'bytes',
);

// The Webex relay on the real Desktop SDK, in Node (bench/webex.ts): its own cost per change.
const { webexBench } = await load('bench/webex.ts');
await webexBench(500); // warm-up
const webex = await webexBench(5_000);
emit('webex_publish_us_p50', percentileOf(webex.publish, 50) * 1000, 'µs');
emit('webex_publish_us_p99', percentileOf(webex.publish, 99) * 1000, 'µs');
emit('webex_subscribe_us_p50', percentileOf(webex.subscribe, 50) * 1000, 'µs');
emit('webex_subscribe_us_p99', percentileOf(webex.subscribe, 99) * 1000, 'µs');
emit('webex_first_state_ms', webex.firstStateMs, 'ms');
emit('webex_requests_per_write', webex.requests / 5_000, 'requests');

// The CXone bridge against its API simulator, in Node on a manual clock (bench/cxone.ts).
const { idleRequests, latency } = await load('bench/cxone.ts');
await latency(20); // warm-up
const cxone = await latency(500);
emit('cxone_subscribe_ms_p50', percentileOf(cxone.subscribe, 50), 'ms');
emit('cxone_subscribe_ms_p99', percentileOf(cxone.subscribe, 99), 'ms');
emit('cxone_publish_ms_p50', percentileOf(cxone.publish, 50), 'ms');
emit('cxone_publish_ms_p99', percentileOf(cxone.publish, 99), 'ms');
emit('cxone_loopback_http_ms_p50', percentileOf(cxone.floor, 50), 'ms');
emit('cxone_loopback_http_ms_p99', percentileOf(cxone.floor, 99), 'ms');
emit('cxone_first_sync_ms', cxone.firstSyncMs, 'ms');
const idle = await idleRequests(1);
emit('cxone_idle_requests_per_agent_hour', idle.perAgentHour, 'requests');
const SCALE = 200;
const scale = await idleRequests(SCALE);
emit('cxone_scale_agents', SCALE, 'agents');
emit('cxone_scale_requests_per_agent_hour', scale.perAgentHour, 'requests');
emit('cxone_scale_sim_requests_per_s', scale.simRequestsPerSecond, 'requests/s');
emit('cxone_scale_cpu_ms_per_agent_hour', scale.cpuMsPerAgentHour, 'ms');

// Sync-health reports on a simulated floor with faults (bench/health.ts), and what a floor of 5,000
// agents over a 10-hour shift asks of Salesforce (the limits are cited in bench/README.md).
const { healthBench } = await load('bench/health.ts');
const health = await healthBench(500, 10);
const perAgentHour = percentileOf(health.rates, 50);
emit('health_reports_per_agent_hour_median', perAgentHour, 'reports');
emit('health_reports_per_agent_hour_max', Math.max(...health.rates), 'reports');
emit('health_reports_in_any_hour_max', health.anyHourMax, 'reports');
emit('health_sim_cpu_ms_per_agent_hour', health.cpuMs / health.agentHours, 'ms');
const FLOOR = 5_000;
const SHIFT_HOURS = 10;
const SUPERVISORS = 50;
const REFRESH_S = 30;
// One report is one Apex call: one SOQL query (the caller's row) and one DML row (updated in place).
emit('health_floor_apex_calls_per_shift', FLOOR * SHIFT_HOURS * perAgentHour, 'calls');
emit('health_floor_apex_calls_per_shift_ceiling', FLOOR * SHIFT_HOURS * 20, 'calls');
emit('health_floor_dml_rows_per_shift', FLOOR * SHIFT_HOURS * perAgentHour, 'rows');
emit('health_floor_reports_per_s_peak', (FLOOR * 20) / 3600, 'calls/s');
// Storage stays flat: one row per agent, about 2 KB each as Salesforce counts most records.
emit('health_floor_storage_mb', (FLOOR * 2) / 1024, 'MB');
// Supervisors' polling: one listFleet call per board per refresh, each reading every row.
emit('health_board_calls_per_shift', SUPERVISORS * SHIFT_HOURS * (3600 / REFRESH_S), 'calls');
emit('health_board_rows_per_call', FLOOR, 'rows');
// The whole CXone path in the browser, through the cross-site, partitioned bridge frame
// (bench/cxone-browser.mjs), beside a bare loopback GET from that frame taken after each sample.
const cxoneE2e = await cxoneBrowserBench(200);
emit('cxone_e2e_publish_ms_p50', percentileOf(cxoneE2e.publish, 50), 'ms');
emit('cxone_e2e_publish_ms_p99', percentileOf(cxoneE2e.publish, 99), 'ms');
emit('cxone_e2e_subscribe_ms_p50', percentileOf(cxoneE2e.subscribe, 50), 'ms');
emit('cxone_e2e_subscribe_ms_p99', percentileOf(cxoneE2e.subscribe, 99), 'ms');
emit('cxone_e2e_loopback_http_ms_p50', percentileOf(cxoneE2e.floor, 50), 'ms');
emit('cxone_e2e_loopback_http_ms_p99', percentileOf(cxoneE2e.floor, 99), 'ms');
emit('cxone_e2e_clock_rtt_ms', cxoneE2e.clockRttMs, 'ms');

const CHANGES = 1000;
const bench = await launchBench();
try {
  const page = await bench.open('bench');
  const result = await page.evaluate((changes) => window.bench(changes), CHANGES);
  const e2e = sorted([...result.publish, ...result.subscribe]);
  emit('e2e_ms_p50', percentile(e2e, 50), 'ms');
  emit('e2e_ms_p99', percentile(e2e, 99), 'ms');
  emit('e2e_publish_ms_p99', percentileOf(result.publish, 99), 'ms');
  emit('e2e_subscribe_ms_p99', percentileOf(result.subscribe, 99), 'ms');
  // The publish latency in two: the browser delivering the agent frame's message to the page, then
  // the element's own work from that message to the Omni call.
  emit('e2e_publish_delivery_ms_p50', percentileOf(result.delivery, 50), 'ms');
  emit('e2e_publish_processing_ms_p50', percentileOf(result.processing, 50), 'ms');
  emit('e2e_publish_processing_ms_p99', percentileOf(result.processing, 99), 'ms');
  emit('postmessage_ms_p50', percentileOf(result.floor, 50), 'ms');
  emit('postmessage_ms_p99', percentileOf(result.floor, 99), 'ms');
  // The sync against the floor, like for like: the median against the bare round trip's median,
  // the tail against its tail (the floor's own p99 is many times its p50).
  emit('e2e_over_floor_p50', percentile(e2e, 50) / percentileOf(result.floor, 50), 'x');
  emit('e2e_over_floor_p99', percentile(e2e, 99) / percentileOf(result.floor, 99), 'x');
  // Like for like: each one-way sync against the same one-way delivery, measured between the
  // samples (the product's own cost is e2e minus delivery).
  const oneWay = sorted(result.oneWay);
  emit('e2e_delivery_ms_p50', percentile(oneWay, 50), 'ms');
  emit('e2e_delivery_ms_p99', percentile(oneWay, 99), 'ms');
  emit('e2e_over_delivery_p50', percentile(e2e, 50) / percentile(oneWay, 50), 'x');
  emit('e2e_over_delivery_p99', percentile(e2e, 99) / percentile(oneWay, 99), 'x');
  emit('first_sync_ms', result.firstSync, 'ms');
  // 1 when the page and the agent frame were cross-origin isolated (5 µs timers in both, a
  // single-sample floor), 0 otherwise.
  emit('timers_isolated', result.isolated ? 1 : 0, 'bool');

  const { storm } = result;
  emit(
    'storm_events_per_s',
    (2 * storm.count) / ((storm.acd.ms + storm.omni.ms) / 1000),
    'events/s',
  );
  emit('storm_consistent', storm.consistent ? 1 : 0, 'bool');
  emit('storm_acd_ms', storm.acd.ms, 'ms');
  emit('storm_omni_ms', storm.omni.ms, 'ms');
  emit(
    'storm_writes',
    storm.acd.omniWrites + storm.acd.agentWrites + storm.omni.omniWrites + storm.omni.agentWrites,
    'writes',
  );

  // Heap: a fresh page, the element driven through 100,000 then 200,000 decisions.
  const heapPage = await bench.open('decide');
  const cdp = await heapPage.context().newCDPSession(heapPage);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / (1024 * 1024);
  };
  await heapPage.evaluate(() => window.decide(1));
  const baseline = await heapMb();
  await heapPage.evaluate(() => window.decide(100_000));
  const after100k = await heapMb();
  await heapPage.evaluate(() => window.decide(200_000));
  const after200k = await heapMb();
  emit('heap_mb_baseline', baseline, 'MB');
  emit('heap_mb_after_100k', after100k, 'MB');
  emit('heap_mb_after_200k', after200k, 'MB');
  emit('heap_growth_mb_100k_to_200k', after200k - after100k, 'MB');
} finally {
  await bench.close();
}
