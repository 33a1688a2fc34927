/**
 * The local scheduler of `centinela serve`: croner timers in America/Lima that
 * call jobs with the time of the tick. What AWS does with EventBridge
 * Scheduler (dispatch every 15 minutes, send-digests every hour in Lima), one
 * process does here.
 *  - every job runs once at start (catching up a poll or a digest hour missed
 *    while nothing ran), then on its pattern;
 *  - a job never overlaps itself (croner `protect`): a slow poll round makes
 *    the next tick skip, not pile up;
 *  - a failing job is logged and runs again at its next tick;
 *  - stop() stops the timers and waits for running jobs to finish.
 */
import { Cron } from 'croner';
import type { Clock } from '../../lambdas/model/clock.ts';

export const LIMA_TIME_ZONE = 'America/Lima';
/** Every 15 minutes, as the dispatch schedule in AWS (lib/ingestion.ts). */
export const POLL_PATTERN = '*/15 * * * *';
/** On the hour, Lima time, as the send-digests schedule in AWS (lib/digests.ts). */
export const DIGEST_PATTERN = '0 * * * *';
/** The spike check, hourly, five minutes after a poll round (as the check-alerts Lambda's schedule). */
export const ALERTS_PATTERN = '20 * * * *';

export interface ScheduledJob {
  name: string;
  /** A cron pattern (minute hour day month weekday), read in Lima time. */
  pattern: string;
  /** Does the work for the instant `now`; returns one line for the log. */
  run(now: Date): Promise<string>;
}

export interface Scheduler {
  /** The next run of each job after `after` (default: the clock's now). */
  nextRuns(after?: Date): { name: string; at: Date }[];
  /** Resolves when the jobs started so far (including the catch-up at start) have finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  clock: Clock;
  log: (line: string) => void;
  /** Run every job once right away (default true). */
  runAtStart?: boolean;
}

export function startScheduler(jobs: ScheduledJob[], options: SchedulerOptions): Scheduler {
  const running = new Set<Promise<void>>();
  const busy = new Set<string>();

  const runJob = (job: ScheduledJob): void => {
    if (busy.has(job.name)) {
      options.log(`${job.name}: still running, this tick is skipped`);
      return;
    }
    busy.add(job.name);
    const run = job
      .run(options.clock.now())
      .then(options.log, (error: unknown) => options.log(`${job.name}: FAILED ${(error as Error).message ?? String(error)}; next tick retries`))
      .finally(() => {
        busy.delete(job.name);
        running.delete(run);
      });
    running.add(run);
  };

  const timers = jobs.map(
    (job) => new Cron(job.pattern, { name: job.name, timezone: LIMA_TIME_ZONE, protect: true, unref: false }, () => runJob(job)),
  );
  if (options.runAtStart !== false) for (const job of jobs) runJob(job);

  return {
    nextRuns: (after = options.clock.now()) =>
      timers.map((timer, i) => ({ name: jobs[i]!.name, at: timer.nextRun(after) ?? new Date(Number.NaN) })),
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    stop: async () => {
      for (const timer of timers) timer.stop();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
