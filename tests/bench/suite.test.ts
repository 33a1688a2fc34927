import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/suite.ts';

describe('seededRandom', () => {
  it('spreads over [0, 1) without falling into a short cycle over 100,000 draws', () => {
    const next = seededRandom(42);
    const draws = Array.from({ length: 100_000 }, next);
    expect(new Set(draws).size).toBeGreaterThan(99_000);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const buckets = new Array(10).fill(0);
    for (const d of draws) buckets[Math.floor(d * 10)]++;
    for (const count of buckets) expect(count).toBeGreaterThan(9_000);
  });
});
