import { defineConfig } from 'vitest/config';

// The SDK's Node 22 notice is noise for a Node 20 test run (Lambdas run Node 24).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Two tiers (README, "Tests"):
 * - `unit`: every `*.test.ts` that needs neither Java nor a browser (`npm run test:unit`),
 *   files not isolated from each other (below);
 * - `int`: every `*.int.test.ts`: DynamoDB Local (one per run, started by the
 *   global setup of this project only), Chromium, or the spawned CLI.
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only contend with the java process.
    maxWorkers: 2,
    // vitest's summary, then the tests that did not run and how to make them run.
    reporters: ['default', './tests/support/not-run-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.int.test.ts'],
          // Each worker runs its files one after another in one module cache, so
          // aws-cdk-lib, the AWS SDK, the rules and vitest itself load once per
          // worker, not once per file: less than half the CPU time of isolated
          // files. The price is shared module state, so a unit test must not mock
          // modules (vi.mock) or leave fake timers on; spies, stubbed env vars and
          // globals are undone after each test by the three options below, and
          // tests/architecture/unit-tier.test.ts holds the rest.
          isolate: false,
          restoreMocks: true,
          unstubEnvs: true,
          unstubGlobals: true,
        },
      },
      {
        extends: true,
        // One DynamoDB Local for the whole run; each test file creates its own tables.
        test: {
          name: 'int',
          include: ['tests/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // These tests start and stop Java processes and browsers: the limit is a
          // hang guard, not a speed goal (speed lives in `npm run bench`), so it
          // leaves room for a busy machine, where a Java restart alone takes 20 s.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
