// ES module for bundlers and the IIFE Salesforce's loadScript runs (research/toolchain.md pitfalls
// 8, 10, 11: es2015 rxjs, no dev-mode code, type errors fail the build).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const plugins = () => [
  nodeResolve({ exportConditions: ['es2015', 'production'] }),
  typescript({ tsconfig: 'tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist', noEmitOnError: true }),
  terser({ ecma: 2020, module: true, format: { comments: false } }),
];

export default [
  { input: 'src/index.ts', output: { file: 'dist/presence-sync.js', format: 'es' }, plugins: plugins() },
  { input: 'src/iife.ts', output: { file: 'dist/presence-sync.iife.js', format: 'iife', strict: false }, plugins: plugins() },
];
