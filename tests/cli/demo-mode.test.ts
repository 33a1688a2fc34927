/**
 * `centinela demo` has two modes: the one-off run (default) and the demo
 * server (--serve). An option of the other mode is refused (UsageError, exit 2)
 * naming it and when it applies, instead of being silently ignored, as
 * `demo --port 9000 --exit` was.
 */
import { describe, expect, it } from 'vitest';
import { checkDemoMode } from '../../bin/cli/demo.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';
import { centinela } from './run-cli.ts';

const givenOnly = (...attributes: string[]) => (attribute: string) => attributes.includes(attribute);

describe('checkDemoMode', () => {
  it.each([
    ['port', '--port', "the demo server's web app port"],
    ['feedsPort', '--feeds-port', 'the port the demo server serves the sample feeds on'],
    ['dataDir', '--data-dir', "the demo server's data folder"],
  ])('refuses %s without --serve, naming %s and that it applies with --serve', (attribute, flag, purpose) => {
    const check = () => checkDemoMode(false, givenOnly(attribute));
    expect(check).toThrow(UsageError);
    expect(check).toThrow(`demo: ${flag} only applies with --serve (${purpose}); add --serve, or drop ${flag}.`);
  });

  it.each([
    ['outbox', '--outbox'],
    ['lang', '--lang'],
    ['exit', '--exit'],
    ['unsubscribePort', '--unsubscribe-port'],
  ])('refuses %s with --serve, naming %s and that it applies without --serve', (attribute, flag) => {
    const check = () => checkDemoMode(true, givenOnly(attribute));
    expect(check).toThrow(UsageError);
    expect(check).toThrow(new RegExp(`^demo: ${flag} does nothing with --serve \\(it applies to the one-off run without --serve: .+\\); drop ${flag}, or drop --serve\\.$`));
  });

  it("accepts each mode's own options", () => {
    expect(() => checkDemoMode(true, givenOnly('port', 'feedsPort', 'dataDir'))).not.toThrow();
    expect(() => checkDemoMode(false, givenOnly('outbox', 'lang', 'exit', 'unsubscribePort'))).not.toThrow();
  });
});

describe('centinela demo with an option of the other mode', () => {
  it('`demo --port 9000 --exit` exits 2 before anything starts, naming --port and --serve', async () => {
    const result = await centinela(['demo', '--port', '9000', '--exit']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "centinela: demo: --port only applies with --serve (the demo server's web app port); add --serve, or drop --port.\n",
    });
  }, 30_000);

  it('`demo --serve --exit` exits 2 before anything starts, naming --exit', async () => {
    const result = await centinela(['demo', '--serve', '--exit']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('centinela: demo: --exit does nothing with --serve');
  }, 30_000);
});
