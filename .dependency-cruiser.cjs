// Module boundaries: dependencies point one way, checked by `npm test` (`npm run deps`).
//
//   core <- platform <- protocol <- adapters;  platform <- persistence, runtime;  core <- health;
//   adapters, persistence, runtime, health <- session.ts, create-engine.ts <- element, api.ts;
//   element <- index/define/iife;
//   protocol <- bridges;  core, platform, health (and the widget's theme) <- board;  core <- setup.
//
// Each layer's rule lists what it may import (anything else of ours is refused), so a new folder
// is outside every layer until a rule names it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'core imports nothing outside core: no DOM code, Lit, idb or rxjs.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'platform-sits-on-core',
      comment:
        'Time (and any other platform utility) may use core (the ClockPort it implements, SyncError) and nothing else of ours, so every layer may use it.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(core|platform)/' },
    },
    {
      name: 'protocol-is-shared',
      comment:
        'The bridge protocol is imported by the widget and by both bridges: it may use core and platform only.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: '^src/', pathNot: '^src/(core|platform|protocol)/' },
    },
    {
      name: 'adapters-sit-below-the-runtime',
      comment:
        'The sides translate and validate for the runtime: they import no runtime, session, element, or anything else above them.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/', pathNot: '^src/(core|platform|protocol|adapters)/' },
    },
    {
      name: 'persistence-sits-below-the-runtime',
      comment: 'Storage imports no side, runtime, session or element: only core and platform.',
      severity: 'error',
      from: { path: '^src/persistence/' },
      to: { path: '^src/', pathNot: '^src/(core|platform|persistence)/' },
    },
    {
      name: 'runtime-names-no-side',
      comment:
        'The runtime reaches the sides through SidePorts the composition root (session.ts) builds: no adapter, persistence, element or session import.',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: { path: '^src/', pathNot: '^src/(core|platform|runtime)/' },
    },
    {
      name: 'health-is-data',
      comment:
        'What the widget reports and the board reads: core only, so both sides of health share one record.',
      severity: 'error',
      from: { path: '^src/health/' },
      to: { path: '^src/', pathNot: '^src/(core|health)/' },
    },
    {
      name: 'session-is-below-the-element',
      comment:
        'The composition roots (session.ts for the element, create-engine.ts for a host with its own ports) build everything below them and know no element.',
      severity: 'error',
      from: { path: '^src/(session|create-engine)\\.ts$' },
      to: { path: '^src/(element|board|setup|bridges)/' },
    },
    {
      name: 'element-goes-through-the-session',
      comment:
        '<presence-sync> reaches the sync through session.ts: no adapter or runtime import (what it needs from them, the session exports).',
      severity: 'error',
      from: { path: '^src/element/' },
      to: {
        path: '^src/',
        pathNot: '^src/(core|platform|protocol|health|element)/|^src/session\\.ts$',
      },
    },
    {
      name: 'board-reads-health-only',
      comment:
        "<presence-sync-board> reads sync health over its FleetSource: core, health and platform, and the widget's theme tokens (one look for both elements); never the widget's sync.",
      severity: 'error',
      from: { path: '^src/board/' },
      to: {
        path: '^src/',
        pathNot: '^src/(core|health|platform|board)/|^src/element/theme\\.ts$',
      },
    },
    {
      name: 'setup-reuses-the-rule-parser-only',
      comment:
        "<presence-sync-setup> edits rule documents with core's parser and types; it runs no sync (no side, runtime, session or widget).",
      severity: 'error',
      from: { path: '^src/setup/' },
      to: { path: '^src/', pathNot: '^src/(core|setup)/' },
    },
    {
      name: 'bridges-speak-only-the-protocol',
      comment: 'The CXone bridge and the Webex relay share only the protocol with the widget.',
      severity: 'error',
      from: { path: '^src/bridges/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/protocol/', '^src/bridges/$1/'] },
    },
    {
      name: 'src-stays-out-of-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|demo|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
