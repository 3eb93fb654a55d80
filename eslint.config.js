// ESLint for the TypeScript and the scripts. The Lightning wrapper (force-app/) is checked by
// Salesforce's own configs, not by this file. Module boundaries are dependency-cruiser's job
// (.dependency-cruiser.cjs); the one repeated here is the core's, so an editor shows it at once.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'jest.config.cjs',
      'dist/',
      'coverage/',
      'node_modules/',
      'force-app/',
      '.screenshots-tmp/',
    ],
  },
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
