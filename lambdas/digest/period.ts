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
  const shifted = new Date(now.getTime() - 5 * 3_600_000);
  return { hour: shifted.getUTCHours(), weekday: ((shifted.getUTCDay() + 6) % 7) + 1, day: limaDay(now) };
}
