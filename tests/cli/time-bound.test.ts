import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseLimaDay, parseTimeBound } from '../../bin/cli/time-bound.ts';

const NOW = new Date('2026-11-22T17:00:00.000Z'); // 12:00 in Lima

describe('parseLimaDay (digest --since)', () => {
  it('reads the same forms as query --since: relative, a Lima day, an instant', () => {
    expect(parseLimaDay('30d', 'since', NOW)).toBe('2026-10-23');
    expect(parseLimaDay('2w', 'since', NOW)).toBe('2026-11-08');
    expect(parseLimaDay('2026-11-20', 'since', NOW)).toBe('2026-11-20');
    expect(parseLimaDay('2026-11-20T02:00Z', 'since', NOW)).toBe('2026-11-19'); // 21:00 on the 19th in Lima
  });

  it('refuses what query --since refuses, with the same message', () => {
    expect(() => parseLimaDay('2026-13-01', 'since', NOW)).toThrow(InvalidArgumentError);
    expect(() => parseLimaDay('yesterday', 'since', NOW)).toThrow('--since "yesterday" is not a period; use 7d, 24h, 90m, 2w');
  });
});

describe('parseTimeBound', () => {
  it('refuses a day that is not on the calendar instead of rolling it over', () => {
    expect(() => parseTimeBound('2026-02-30', 'since', NOW)).toThrow('--since "2026-02-30" is not a period');
    expect(parseTimeBound('2028-02-29', 'since', NOW).toISOString()).toBe('2028-02-29T05:00:00.000Z');
  });
});
