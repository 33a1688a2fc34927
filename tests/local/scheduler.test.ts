/** The local scheduler's timers (croner, America/Lima) and its start, failure and stop behaviour, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { DIGEST_PATTERN, POLL_PATTERN, startScheduler, type ScheduledJob } from '../../bin/local/scheduler.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';

const NOW = '2026-11-30T11:07:30.000Z'; // 06:07:30 in Lima

function job(name: string, pattern: string, run: ScheduledJob['run']): ScheduledJob {
  return { name, pattern, run };
}

describe('startScheduler', () => {
  it('polls every quarter hour and sends digests on the hour, Lima time', async () => {
    const scheduler = startScheduler([job('poll', POLL_PATTERN, async () => 'p'), job('digests', DIGEST_PATTERN, async () => 'd')], {
      clock: fixedClock(NOW),
      log: () => undefined,
      runAtStart: false,
    });
    try {
      expect(scheduler.nextRuns().map((r) => [r.name, r.at.toISOString()])).toEqual([
        ['poll', '2026-11-30T11:15:00.000Z'],
        ['digests', '2026-11-30T12:00:00.000Z'], // 07:00 in Lima
      ]);
      expect(scheduler.nextRuns(new Date('2026-11-30T11:59:59.000Z')).map((r) => r.at.toISOString())).toEqual([
        '2026-11-30T12:00:00.000Z',
        '2026-11-30T12:00:00.000Z',
      ]);
    } finally {
      await scheduler.stop();
    }
  });

  it('runs every job once at start with the clock’s time, logging each result; a failure is logged and the others carry on', async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const scheduler = startScheduler(
      [
        job('poll', POLL_PATTERN, async (now) => {
          seen.push(`poll@${now.toISOString()}`);
          return 'poll: 2 feed(s) due';
        }),
        job('digests', DIGEST_PATTERN, async () => {
          throw new Error('SMTP refused');
        }),
      ],
      { clock: fixedClock(NOW), log: (line) => lines.push(line) },
    );
    await scheduler.idle();
    await scheduler.stop();
    expect(seen).toEqual([`poll@${NOW}`]);
    expect(lines.sort()).toEqual(['digests: FAILED SMTP refused; next tick retries', 'poll: 2 feed(s) due']);
  });

  it('stop() waits for a running job to finish', async () => {
    let finished = false;
    const scheduler = startScheduler(
      [
        job('poll', POLL_PATTERN, async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          finished = true;
          return 'done';
        }),
      ],
      { clock: fixedClock(NOW), log: () => undefined },
    );
    await scheduler.stop();
    expect(finished).toBe(true);
  });
});
