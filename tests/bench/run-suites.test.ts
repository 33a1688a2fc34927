import { describe, expect, it } from 'vitest';
import { formatResults, runSuites } from '../../bench/run-suites.ts';
import type { BenchSuite } from '../../bench/suite.ts';

const ok = (name: string, figures: Record<string, number>): BenchSuite => ({ name, run: async () => figures });
const failing: BenchSuite = {
  name: 'load',
  run: async () => {
    throw new Error('read ECONNRESET (feed 317 of 500)');
  },
};

describe('runSuites', () => {
  it('keeps the figures of every suite that finished when one in the middle fails, and names the failed one', async () => {
    const log: string[] = [];
    const results = await runSuites([ok('tagging', { 'tagging.articles_per_s': 4200 }), failing, ok('store', { 'store.articles_per_s': 120 })], (m) =>
      log.push(m),
    );
    expect(results).toEqual({
      figures: { 'tagging.articles_per_s': 4200, 'store.articles_per_s': 120 },
      errors: { load: 'read ECONNRESET (feed 317 of 500)' },
    });
    expect(log).toContain('bench: load FAILED: read ECONNRESET (feed 317 of 500)');
  });
});

describe('formatResults', () => {
  const results = { figures: { 'tagging.articles_per_s': 4200 }, errors: { load: 'read ECONNRESET' } };

  it('--json: one JSON object with the figures and an errors entry, exit status 1', () => {
    const { stdout, exitCode } = formatResults(results, true);
    expect(JSON.parse(stdout)).toEqual({ 'tagging.articles_per_s': 4200, errors: { load: 'read ECONNRESET' } });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(exitCode).toBe(1);
  });

  it('table: the figures, then a FAILED line for the failed suite, exit status 1', () => {
    const { stdout, exitCode } = formatResults(results, false);
    expect(stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      'figure                  value',
      '----------------------  ------------',
      'tagging.articles_per_s  4,200',
      'load suite              FAILED: read ECONNRESET',
      '',
    ]);
    expect(exitCode).toBe(1);
  });

  it('exits 0 with an empty errors entry when every suite finished', () => {
    const { stdout, exitCode } = formatResults({ figures: { 'x.y_ms': 1 }, errors: {} }, true);
    expect(JSON.parse(stdout)).toEqual({ 'x.y_ms': 1, errors: {} });
    expect(exitCode).toBe(0);
  });
});
