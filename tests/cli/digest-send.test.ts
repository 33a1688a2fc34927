import { describe, expect, it } from 'vitest';
import { refusePreviewOnlyOptions, scheduledJobs } from '../../bin/cli/digest.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';
import { periodStarting, scheduledPeriod } from '../../lambdas/digest/period.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';

const MONDAY = new Date('2026-11-30T20:00:00Z');

function subscriber(email: string, settings: Partial<Subscriber>): Subscriber {
  return { ...DEFAULT_PREFERENCES, email, status: 'active', createdAt: MONDAY.toISOString(), updatedAt: MONDAY.toISOString(), ...settings };
}

describe('digest --send refuses the options it would ignore', () => {
  it('names --theme and says what --send sends instead', () => {
    expect(() => refusePreviewOnlyOptions({ theme: 'extortion' })).toThrow(UsageError);
    expect(() => refusePreviewOnlyOptions({ theme: 'extortion' })).toThrow(
      "digest --send: --theme only shapes a preview; --send sends each subscriber's own digest (their themes, regions and countries). " +
        'Drop --theme to send, or preview without --send; to change what a subscriber gets, use `centinela subscribers update EMAIL --themes …`.',
    );
  });

  it('names both --theme and --all, and lets a plain send through', () => {
    expect(() => refusePreviewOnlyOptions({ theme: 'prisons', all: true })).toThrow(/^digest --send: --theme and --all only shape a preview;/);
    expect(() => refusePreviewOnlyOptions({ all: true })).toThrow(/^digest --send: --all only shapes a preview;/);
    expect(() => refusePreviewOnlyOptions({})).not.toThrow();
  });
});

describe('scheduledJobs (the periods digest --send sends)', () => {
  const ana = subscriber('ana@example.pe', { cadence: 'daily' });
  const luis = subscriber('luis@example.org', { cadence: 'weekly', weekday: 5 });

  it('gives each subscriber the period the schedule sends them', async () => {
    const jobs = await scheduledJobs([ana, luis], (s) => scheduledPeriod(s, MONDAY), MONDAY);
    expect(jobs.map((j) => [j.subscriber.email, j.period.key])).toEqual([
      ['ana@example.pe', 'daily:2026-11-29'],
      ['luis@example.org', 'weekly:2026-11-20'],
    ]);
  });

  it('refuses a --since that would give a weekly subscriber a week out of step with their weekday, naming them; nothing is sent', async () => {
    const error = await scheduledJobs([ana, luis], (s) => periodStarting(s.cadence, '2026-11-21'), MONDAY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      'digest --send: one period is not one the schedule sends, so days would be mailed twice or never:\n' +
        '  luis@example.org (weekly:2026-11-21): a weekly digest sent on Fridays starts on a Friday, and 2026-11-21 is a Saturday: use 2026-11-20 or 2026-11-27\n' +
        "Pick another --since or --period (or --subscriber to send to fewer), or leave them out to send each subscriber's latest scheduled period. Nothing was sent.",
    );
  });
});

describe('scheduledJobs with --period', () => {
  it('refuses --period weekly for a daily subscriber (their daily digests cover those days)', async () => {
    const ana = subscriber('ana@example.pe', { cadence: 'daily' });
    const error = await scheduledJobs([ana], (s) => scheduledPeriod({ cadence: 'weekly', weekday: s.weekday }, MONDAY), MONDAY).catch((e: unknown) => e);
    expect((error as UsageError).message).toContain(
      '  ana@example.pe (weekly:2026-11-23): the subscriber gets daily digests, and a weekly one would mail days their daily digests cover\n',
    );
  });
});
