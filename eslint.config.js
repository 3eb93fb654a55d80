// ESLint for the TypeScript and the scripts, and Salesforce's own configs for the Lightning wrapper
// (force-app/): @salesforce/eslint-config-lwc's recommended set on the LWC, and
// @salesforce/eslint-plugin-aura's recommended and Locker sets on the Aura bundle, each scoped to
// its files (they are written for a project that is only that). Module boundaries are
// dependency-cruiser's job (.dependency-cruiser.cjs); the one repeated here is the core's, so an
// editor shows it at once.
import js from '@eslint/js';
import lwcConfig from '@salesforce/eslint-config-lwc';
import auraPlugin from '@salesforce/eslint-plugin-aura';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LWC = ['force-app/main/default/lwc/**/*.js'];
const AURA = ['force-app/main/default/aura/**/*.js'];
const WRAPPER = ['force-app/**'];
/** A shared config array applied to these files only. */
const only = (configs, files) => configs.map((config) => ({ ...config, files }));
/** The project's own configs, kept off the wrapper. */
const notWrapper = (configs) =>
  configs.map((config) => ({ ...config, ignores: [...(config.ignores ?? []), ...WRAPPER] }));

const project = tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', 'idb', 'rxjs', 'rxjs/*'],
              message: 'core is pure TypeScript: no Lit, idb or rxjs.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'indexedDB',
        'localStorage',
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

export default tseslint.config(
  {
    ignores: ['jest.config.cjs', 'dist/', 'coverage/', 'node_modules/', '.screenshots-tmp/'],
  },
  ...notWrapper(project),
  ...only(lwcConfig.configs.recommended, LWC),
  {
    files: ['force-app/main/default/lwc/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.node, ...globals.browser } },
  },
  ...only(auraPlugin.configs.recommended, AURA),
  ...only(auraPlugin.configs.locker, AURA),
  {
    // An Aura controller or helper file is one parenthesised object literal that the framework
    // evaluates; to ESLint that is an unused expression.
    // ES5 (the Aura set's language) has no catch without a binding.
    files: AURA,
    rules: {
      'no-unused-expressions': 'off',
      'no-unused-vars': ['error', { vars: 'all', args: 'after-used', caughtErrors: 'none' }],
    },
  },
);
