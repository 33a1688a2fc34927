import { describe, expect, it } from 'vitest';
import { addDays, limaDay, limaDayStart, limaDaysBetween, limaMinute, limaWallClockInstant } from '../../lambdas/model/lima-time.ts';

describe('Lima time (UTC−5 all year)', () => {
  it('puts an instant at UTC midnight on the previous Lima day, at 19:00', () => {
    expect(limaDay('2026-11-21T00:00:00Z')).toBe('2026-11-20');
    expect(limaMinute('2026-11-21T00:00:00Z')).toBe('2026-11-20 19:00');
  });

  it('starts a Lima day at 05:00 UTC', () => {
    expect(limaDayStart('2026-11-20').toISOString()).toBe('2026-11-20T05:00:00.000Z');
    expect(limaDay(limaDayStart('2026-11-20'))).toBe('2026-11-20');
  });

  it('reads a wall-clock time without a zone as Lima time, and refuses one that is not a time', () => {
    expect(limaWallClockInstant('2026-11-01T08:00')?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(limaWallClockInstant('2026-11-01T23:30:15.5')?.toISOString()).toBe('2026-11-02T04:30:15.500Z');
    expect(limaWallClockInstant('2026-13-01T08:00')).toBeUndefined();
  });

  it('lists the Lima days of a range, the end excluded, across a month boundary', () => {
    expect(limaDaysBetween(limaDayStart('2026-11-29'), limaDayStart('2026-12-02'))).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
