import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChildSuiteError, isolatedSuite } from '../../bench/isolated-suite.ts';

/** A stand-in for bench/run.ts: a script that prints what the child would print, and records its arguments. */
function childScript(body: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centinela-bench-'));
  const file = path.join(dir, 'child.mjs');
  writeFileSync(file, body);
  return file;
}

describe('isolatedSuite', () => {
  it('runs the suite in a child process with --json --in-process NAME and returns the figures it printed', async () => {
    const script = childScript(
      `const args = process.argv.slice(2);
       process.stdout.write(JSON.stringify({ 'tagging.articles_per_s': 20500, 'tagging.args': args.join(' ') === '--json --in-process tagging' ? 1 : 0, errors: {} }));`,
    );
    const figures = await isolatedSuite('tagging', script).run();
    expect(figures).toEqual({ 'tagging.articles_per_s': 20500, 'tagging.args': 1 });
  });

  it("throws the child's message when the suite failed there", async () => {
    const script = childScript(`process.stdout.write(JSON.stringify({ errors: { store: 'DynamoDB Local exited (code 1)' } })); process.exit(1);`);
    await expect(isolatedSuite('store', script).run()).rejects.toThrow(new ChildSuiteError('DynamoDB Local exited (code 1)'));
  });

  it('names the exit status when the child printed no figures', async () => {
    const script = childScript(`process.exit(3);`);
    await expect(isolatedSuite('poll', script).run()).rejects.toThrow("the poll suite's process exited with code 3 and printed no figures");
  });
});
