// ES modules for bundlers (index + define share one graph, so define.js imports presence-sync.js)
// and the IIFE Salesforce's loadScript runs, written twice: dist/ and the Lightning static resource
// (research/toolchain.md pitfalls 8, 10, 11: es2015 rxjs, no dev-mode code, type errors fail the build).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const plugins = () => [
  nodeResolve({ exportConditions: ['es2015', 'production'] }),
  typescript({ tsconfig: 'tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: undefined, noEmitOnError: true }),
  terser({ ecma: 2020, module: true, format: { comments: false } }),
];

export default [
  {
    input: { 'presence-sync': 'src/index.ts', define: 'src/define.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    plugins: plugins(),
  },
  {
    input: 'src/iife.ts',
    output: [
      { file: 'dist/presence-sync.iife.js', format: 'iife', strict: false },
      { file: 'force-app/main/default/staticresources/presenceSync.js', format: 'iife', strict: false },
    ],
    plugins: plugins(),
  },
];
