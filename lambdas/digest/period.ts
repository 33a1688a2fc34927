/**
 * Digest periods are whole Lima calendar days: a daily digest sent on day D
 * covers D−1; a weekly one covers the seven days before D. The period doesn't
 * depend on the hour, so a retry later the same day targets the same period.
 */
import { addDays, limaDay, limaDayStart } from '../model/lima-time.ts';
import type { TimeRange } from '../store/article-store.ts';
import type { Cadence } from '../subscribers/subscriber.ts';

export const CHART_DAYS = 14;

export interface Period extends TimeRange {
  cadence: Cadence;
  /** Stable id of the period, e.g. "daily:2026-11-21" or "weekly:2026-11-15"; the sent record's key. */
  key: string;
  /** Lima days covered, oldest first. */
  days: string[];
}

export function periodDays(cadence: Cadence): number {
  return cadence === 'daily' ? 1 : 7;
}

/** The period that starts on Lima day `firstDay`; `length` other than the cadence's is for previews (the demo's two weeks). */
export function periodStarting(cadence: Cadence, firstDay: string, length = periodDays(cadence)): Period {
  const days = Array.from({ length }, (_, i) => addDays(firstDay, i));
  return {
    cadence,
    key: length === periodDays(cadence) ? `${cadence}:${firstDay}` : `${cadence}:${firstDay}+${length}d`,
    days,
    from: limaDayStart(firstDay).toISOString(),
    to: limaDayStart(addDays(firstDay, length)).toISOString(),
  };
}

/** The last complete period before `now`: what a digest sent now covers. */
export function periodBefore(cadence: Cadence, now: Date, length = periodDays(cadence)): Period {
  return periodStarting(cadence, addDays(limaDay(now), -length), length);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Lima day `YYYY-MM-DD`. */
export function weekdayOfDay(day: string): number {
  return ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/**
 * The period the schedule sends a subscriber on their latest send day up to
 * `now` (Lima): daily, yesterday (as periodBefore); weekly, the seven days
 * before the most recent of their weekday, today included. So a digest sent by
 * hand (`digest --send`) covers the same days, with the same key, as the
 * scheduled run does (sendDueDigests on that weekday), and no day is mailed in
 * two periods: on Monday 2026-11-30 a Friday subscriber's period is
 * weekly:2026-11-20 (20–26 Nov, what Friday the 27th sent), not 23–29 Nov.
 */
export function scheduledPeriod(subscriber: { cadence: Cadence; weekday: number }, now: Date): Period {
  if (subscriber.cadence === 'daily') return periodBefore('daily', now);
  const today = limaDay(now);
  const sendDay = addDays(today, -((weekdayOfDay(today) - subscriber.weekday + 7) % 7));
  return periodStarting('weekly', addDays(sendDay, -7));
}

/**
 * What keeps `period` from being one the schedule sends the subscriber, as a
 * sentence, or undefined when it is one: a weekly period must start on the
 * subscriber's weekday (it is sent on that weekday a week later), a period
 * of the other cadence is never one (--period weekly for a daily subscriber), and the
 * period must be over at `now` (a digest sent early would leave the rest of
 * its days out for good, since a period is sent once).
 */
export function unscheduledPeriodProblem(subscriber: { cadence: Cadence; weekday: number }, period: Period, now: Date): string | undefined {
  const first = period.days[0]!;
  if (period.cadence !== subscriber.cadence) return `the subscriber gets ${subscriber.cadence} digests, and a ${period.cadence} one would mail days their ${subscriber.cadence} digests cover`;
  if (subscriber.cadence === 'weekly' && weekdayOfDay(first) !== subscriber.weekday) {
    const back = (weekdayOfDay(first) - subscriber.weekday + 7) % 7;
    const earlier = addDays(first, -back);
    return `a weekly digest sent on ${WEEKDAY_NAMES[subscriber.weekday - 1]}s starts on a ${WEEKDAY_NAMES[subscriber.weekday - 1]}, and ${first} is a ${WEEKDAY_NAMES[weekdayOfDay(first) - 1]}: use ${earlier} or ${addDays(earlier, 7)}`;
  }
  if (new Date(period.to).getTime() > now.getTime()) return `the period ${period.days[0]}${period.days.length > 1 ? ` to ${period.days.at(-1)}` : ''} is not over yet (it ends at ${period.to}); a period is sent once, so send it after it ends`;
  return undefined;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The period just before `period`, for "this period against the previous one". */
export function previousPeriod(period: Period): Period {
  return periodStarting(period.cadence, addDays(period.days[0]!, -period.days.length), period.days.length);
}

export const CHART_WEEKS = 12;
/** Days before a daily digest's day that its spike marks compare against (the alerts' baseline). */
export const SPIKE_BASELINE_DAYS = 28;

/** One bar of the chart: a Lima day, or a week of seven Lima days. */
export interface ChartBucket extends TimeRange {
  /** The bucket's first Lima day, YYYY-MM-DD. */
  day: string;
  days: number;
}

/**
 * The chart's bars, oldest first, ending with the period: one per day over the
 * CHART_DAYS days for daily digests, one per week over CHART_WEEKS weeks for weekly ones.
 */
export function chartBuckets(period: Period): ChartBucket[] {
  const last = period.days[period.days.length - 1]!;
  const [count, size] = period.cadence === 'weekly' ? [CHART_WEEKS, 7] : [CHART_DAYS, 1];
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(last, (i - count + 1) * size - (size - 1));
    return { day, days: size, from: limaDayStart(day).toISOString(), to: limaDayStart(addDays(day, size)).toISOString() };
  });
}

/** The 29 one-day windows of a daily digest's spike check: its day last, the 28 days before it first. */
export function spikeDays(period: Period): string[] {
  const last = period.days[period.days.length - 1]!;
  return Array.from({ length: SPIKE_BASELINE_DAYS + 1 }, (_, i) => addDays(last, i - SPIKE_BASELINE_DAYS));
}

/** One range that covers the chart, the previous period, the period and (daily) the spike baseline: one Query per theme. */
export function readWindow(period: Period): TimeRange {
  const starts = [chartBuckets(period)[0]!.day, previousPeriod(period).days[0]!];
  if (period.cadence === 'daily') starts.push(spikeDays(period)[0]!);
  return { from: limaDayStart(starts.sort()[0]!).toISOString(), to: period.to };
}

/** Lima hour (0–23) and ISO weekday (1–7) of an instant. */
export function limaClock(now: Date): { hour: number; weekday: number; day: string } {
  const day = limaDay(now);
  return { hour: new Date(now.getTime() - 5 * 3_600_000).getUTCHours(), weekday: weekdayOfDay(day), day };
}
