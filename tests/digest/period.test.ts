import { describe, expect, it } from 'vitest';
import { periodBefore, periodStarting, scheduledPeriod, unscheduledPeriodProblem, weekdayOfDay } from '../../lambdas/digest/period.ts';

// Monday 30 November 2026, 15:00 Lima (20:00 UTC).
const MONDAY = new Date('2026-11-30T20:00:00Z');
const FRIDAY = 5;

describe('weekdayOfDay', () => {
  it('gives the ISO weekday of a Lima day', () => {
    expect(['2026-11-30', '2026-11-27', '2026-11-29'].map(weekdayOfDay)).toEqual([1, 5, 7]);
  });
});

describe('scheduledPeriod (the period a by-hand send covers)', () => {
  it('is yesterday for a daily subscriber, as the hourly run sends', () => {
    expect(scheduledPeriod({ cadence: 'daily', weekday: 1 }, MONDAY)).toEqual(periodBefore('daily', MONDAY));
    expect(scheduledPeriod({ cadence: 'daily', weekday: 1 }, MONDAY).key).toBe('daily:2026-11-29');
  });

  it('is, on a Monday, the week the last Friday sent to a Friday subscriber — not the 7 days before Monday', () => {
    const period = scheduledPeriod({ cadence: 'weekly', weekday: FRIDAY }, MONDAY);
    expect(period.key).toBe('weekly:2026-11-20');
    expect(period.days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    // What the scheduled run on Friday 27 November sent (sendDueDigests uses periodBefore on the subscriber's weekday).
    expect(period).toEqual(periodBefore('weekly', new Date('2026-11-27T23:00:00Z')));
  });

  it('is the week before today on the subscriber\'s own weekday, and the next Friday\'s period starts where it ends', () => {
    expect(scheduledPeriod({ cadence: 'weekly', weekday: 1 }, MONDAY)).toEqual(periodBefore('weekly', MONDAY));
    const nextFriday = scheduledPeriod({ cadence: 'weekly', weekday: FRIDAY }, new Date('2026-12-04T13:00:00Z'));
    expect(nextFriday.key).toBe('weekly:2026-11-27');
    expect(nextFriday.from).toBe(scheduledPeriod({ cadence: 'weekly', weekday: FRIDAY }, MONDAY).to);
  });

  it('follows the Lima day, not the UTC one: 03:00 UTC on Saturday is still Friday in Lima', () => {
    expect(scheduledPeriod({ cadence: 'weekly', weekday: FRIDAY }, new Date('2026-11-28T03:00:00Z')).key).toBe('weekly:2026-11-20');
  });
});

describe('unscheduledPeriodProblem (digest --send --since)', () => {
  const luis = { cadence: 'weekly' as const, weekday: FRIDAY };

  it('accepts a week that starts on the subscriber\'s weekday and is over, and any past day of a daily subscriber', () => {
    expect(unscheduledPeriodProblem(luis, periodStarting('weekly', '2026-11-20'), MONDAY)).toBeUndefined();
    expect(unscheduledPeriodProblem({ cadence: 'daily', weekday: 1 }, periodStarting('daily', '2026-11-21'), MONDAY)).toBeUndefined();
  });

  it('refuses a week that starts on another weekday, naming the two days that would do', () => {
    expect(unscheduledPeriodProblem(luis, periodStarting('weekly', '2026-11-21'), MONDAY)).toBe(
      'a weekly digest sent on Fridays starts on a Friday, and 2026-11-21 is a Saturday: use 2026-11-20 or 2026-11-27',
    );
  });

  it('refuses a period that is not over yet, and one of the other cadence', () => {
    expect(unscheduledPeriodProblem({ cadence: 'daily', weekday: 1 }, periodStarting('daily', '2026-11-30'), MONDAY)).toBe(
      'the period 2026-11-30 is not over yet (it ends at 2026-12-01T05:00:00.000Z); a period is sent once, so send it after it ends',
    );
    expect(unscheduledPeriodProblem(luis, periodStarting('weekly', '2026-11-27'), MONDAY)).toMatch(/^the period 2026-11-27 to 2026-12-03 is not over yet/);
    expect(unscheduledPeriodProblem({ cadence: 'daily', weekday: 1 }, periodStarting('weekly', '2026-11-20'), MONDAY)).toBe(
      'the subscriber gets daily digests, and a weekly one would mail days their daily digests cover',
    );
  });
});
