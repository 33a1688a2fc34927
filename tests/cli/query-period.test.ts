/**
 * The period of `query` and `export` (listingQueryFrom with PeriodRules): a
 * --since before the retention starts at the retention, said in a note; a
 * period wholly before it, or an --until before the default --since, is a
 * usage error that says what to give.
 */
import { describe, expect, it } from 'vitest';
import { listingQueryFrom, type PeriodRules } from '../../bin/cli/query.ts';

const NOW = new Date('2026-12-01T00:30:00.000Z'); // 2026-11-30 19:30 in Lima

class Refused extends Error {}
const fail = (message: string): never => {
  throw new Refused(message);
};

function rules(overrides: Partial<PeriodRules> = {}): PeriodRules & { notes: string[] } {
  const notes: string[] = [];
  return { sinceGiven: true, retentionDays: 400, note: (message) => notes.push(message), notes, ...overrides };
}

describe('the period of query and export', () => {
  it('starts a --since older than the retention at the retention, and says so once', () => {
    const told = rules();
    const query = listingQueryFrom({ since: '99999d' }, NOW, fail, told);
    expect(query.range).toEqual({ from: '2025-10-27T00:30:00.000Z', to: '2026-12-01T00:30:00.000Z' });
    expect(told.notes).toEqual([
      '--since 99999d starts before anything is kept: articles are kept 400 days after they are first seen (docs/data.md, "Retention"), so the period starts 400 days ago, on 2025-10-26.',
    ]);
  });

  it('leaves a period inside the retention as given, with no note', () => {
    const told = rules();
    expect(listingQueryFrom({ since: '400d' }, NOW, fail, told).range.from).toBe('2025-10-27T00:30:00.000Z');
    expect(listingQueryFrom({ since: '2026-01-01', until: '2026-06-30' }, NOW, fail, told).range).toEqual({
      from: '2026-01-01T05:00:00.000Z',
      to: '2026-07-01T05:00:00.000Z',
    });
    expect(told.notes).toEqual([]);
  });

  it('refuses a period that ends before the oldest day kept', () => {
    expect(() => listingQueryFrom({ since: '2020-01-01', until: '2020-12-31' }, NOW, fail, rules())).toThrow(
      new Refused(
        'the period ends before the oldest day anything is kept (2025-10-26): articles are kept 400 days after they are first seen (docs/data.md, "Retention"); ask for a period after 2025-10-26.',
      ),
    );
  });

  it('bounds --aws by the retention it is given (the largest a stack can be deployed with)', () => {
    const told = rules({ retentionDays: 3650 });
    expect(listingQueryFrom({ since: '2020-01-01' }, NOW, fail, told).range.from).toBe('2020-01-01T05:00:00.000Z');
    expect(listingQueryFrom({ since: '99999d' }, NOW, fail, told).range.from).toBe('2016-12-03T00:30:00.000Z');
    expect(told.notes).toHaveLength(1);
  });

  it('an --until before the default --since names the default and suggests a --since', () => {
    expect(() => listingQueryFrom({ since: '7d', until: '2026-11-10' }, NOW, fail, rules({ sinceGiven: false }))).toThrow(
      new Refused(
        '--until 2026-11-10 is before the default start of the period (--since 7d: 23 Nov 2026, 19:30 Lima); give --since too, e.g. --since 2026-11-04 --until 2026-11-10.',
      ),
    );
  });

  it('a --since the user gave after --until keeps its own message', () => {
    expect(() => listingQueryFrom({ since: '2026-11-20', until: '2026-11-10' }, NOW, fail, rules())).toThrow(/^--since \(2026-11-20T05:00:00.000Z\) must be before --until/);
  });
});
