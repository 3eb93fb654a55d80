// Module boundaries (DESIGN: dependencies point one way), checked by `npm test`.
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
      name: 'persistence-knows-no-sides',
      severity: 'error',
      from: { path: '^src/persistence/' },
      to: { path: '^src/(adapters|element|bridges)/' },
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
