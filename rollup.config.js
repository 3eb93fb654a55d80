// ES modules for bundlers (index + define share one graph, so define.js imports presence-sync.js)
// and the IIFE Salesforce's loadScript runs, written twice: dist/ and the Lightning static resource
// (rxjs's es2015 build, no dev-mode code, type errors fail the build).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const plugins = () => [
  nodeResolve({ exportConditions: ['es2015', 'production'] }),
  typescript({
    tsconfig: 'tsconfig.build.json',
    declaration: false,
    declarationDir: undefined,
    outDir: undefined,
    noEmitOnError: true,
  }),
  terser({ ecma: 2020, module: true, format: { comments: false } }),
];

// The classic-script language packs (src/element/i18n.ts): one tiny IIFE per language
// (dist/presence-sync.iife.<lang>.js, and the static resource presenceSync<Lang>), built from a
// two-line entry made here, so the five entries are not five copies of a file in src/. A pack is a
// file of src/element/locales, so the list is read from there rather than written again.
const PACKS = readdirSync(new URL('src/element/locales/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const source = (path) => fileURLToPath(new URL(path, import.meta.url));
const packEntry = (locale) => ({
  name: 'locale-pack-entry',
  resolveId: (id) => (id === `locale-pack:${locale}` ? id : null),
  load: (id) =>
    id === `locale-pack:${locale}`
      ? `import table from ${JSON.stringify(source(`src/element/locales/${locale}.ts`))};\n` +
        `import { offerLocale } from ${JSON.stringify(source('src/element/locale-pack.ts'))};\n` +
        `offerLocale(${JSON.stringify(locale)}, table);\n`
      : null,
});
// The CXone bridge's two static pages and their style go next to their scripts, as they are, with
// an example configuration: config.example.json, never config.json, so a deployment has no
// configuration until its admin writes one (the page then names each missing key), and no test's
// values can ship. Its empty clientId and widgetOrigins are refused if it is copied unedited.
const bridgePages = () => ({
  name: 'cxone-bridge-pages',
  generateBundle() {
    for (const page of ['index.html', 'callback.html', 'bridge.css']) {
      this.emitFile({
        type: 'asset',
        fileName: page,
        source: readFileSync(source(`src/bridges/cxone/pages/${page}`), 'utf8'),
      });
    }
    this.emitFile({
      type: 'asset',
      fileName: 'config.example.json',
      source: `${JSON.stringify(
        {
          clientId: '',
          widgetOrigins: [],
          issuer: 'https://cxone.niceincontact.com',
          redirectUri: 'callback.html',
          pollTimeoutS: 30,
          apiHostSuffixes: ['niceincontact.com', 'nice-incontact.com', 'nicecxone.com'],
        },
        null,
        2,
      )}\n`,
    });
  },
});
const resourceName = (locale) => `presenceSync${locale[0].toUpperCase()}${locale.slice(1)}`;

export default [
  {
    input: {
      'presence-sync': 'src/index.ts',
      define: 'src/define.ts',
      'presence-sync-setup': 'src/setup/define-setup.ts',
      'board/define': 'src/board/define.ts',
    },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    },
    plugins: plugins(),
  },
  {
    input: 'src/iife.ts',
    output: [
      { file: 'dist/presence-sync.iife.js', format: 'iife', strict: false },
      {
        file: 'force-app/main/default/staticresources/presenceSync.js',
        format: 'iife',
        strict: false,
      },
    ],
    plugins: plugins(),
  },
  ...PACKS.map((locale) => ({
    input: `locale-pack:${locale}`,
    output: [
      { file: `dist/presence-sync.iife.${locale}.js`, format: 'iife', strict: false },
      {
        file: `force-app/main/default/staticresources/${resourceName(locale)}.js`,
        format: 'iife',
        strict: false,
      },
    ],
    plugins: [packEntry(locale), ...plugins()],
  })),
  // The rules editor for admins (docs/contract.md §8) as the classic script its Lightning page loads.
  {
    input: 'src/setup/define-setup.ts',
    output: [
      { file: 'dist/presence-sync-setup.iife.js', format: 'iife', strict: false },
      {
        file: 'force-app/main/default/staticresources/presenceSyncSetup.js',
        format: 'iife',
        strict: false,
      },
    ],
    plugins: plugins(),
  },
  // The supervisors' board (docs/contract.md §7): a classic script of its own for its Lightning page.
  {
    input: 'src/board/iife.ts',
    output: [
      { file: 'dist/presence-sync-board.iife.js', format: 'iife', strict: false },
      {
        file: 'force-app/main/default/staticresources/presenceSyncBoard.js',
        format: 'iife',
        strict: false,
      },
    ],
    plugins: plugins(),
  },
  // The CXone bridge (docs/contract.md §5.3): a static page and its sign-in callback, each one
  // classic script with no runtime dependency.
  {
    input: 'src/bridges/cxone/main.ts',
    output: { file: 'dist/bridges/cxone/bridge.js', format: 'iife', strict: false },
    plugins: [...plugins(), bridgePages()],
  },
  {
    input: 'src/bridges/cxone/callback.ts',
    output: { file: 'dist/bridges/cxone/callback.js', format: 'iife', strict: false },
    plugins: plugins(),
  },
];
