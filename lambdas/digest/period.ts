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

/** The Lima days of the bar chart: the CHART_DAYS days that end with the period. */
export function chartDays(period: Period): string[] {
  const last = period.days[period.days.length - 1]!;
  return Array.from({ length: CHART_DAYS }, (_, i) => addDays(last, i - CHART_DAYS + 1));
}

/** One range that covers the chart, the previous period and the period: one Query per theme. */
export function readWindow(period: Period): TimeRange {
  const first = [chartDays(period)[0]!, previousPeriod(period).days[0]!].sort()[0]!;
  return { from: limaDayStart(first).toISOString(), to: period.to };
}

/** Lima hour (0–23) and ISO weekday (1–7) of an instant. */
export function limaClock(now: Date): { hour: number; weekday: number; day: string } {
  const shifted = new Date(now.getTime() - 5 * 3_600_000);
  return { hour: shifted.getUTCHours(), weekday: ((shifted.getUTCDay() + 6) % 7) + 1, day: limaDay(now) };
}
