// ESLint 9 flat config: the recommended rules of ESLint and typescript-eslint
// (syntax only, not type-aware: `npm run typecheck` already runs tsc), plus a
// few deliberate additions. Fix what it finds rather than disabling rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'outbox/', 'test-artifacts/', '.centinela/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Equality as the language means it; `== null` is the one idiom kept.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Unused names are noise; a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-only imports stay type-only (erased by tsx and esbuild).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The CommonJS stub that stands in for xmlbuilder in Lambda bundles.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
