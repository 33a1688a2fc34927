/**
 * The one reading of --since and --until, shared by `query`, `export` and
 * `digest`, so the same text means the same time everywhere.
 */
import { InvalidArgumentError } from 'commander';
import { limaDay, limaDayStart, limaWallClockInstant, nextDay } from '../../lambdas/model/lima-time.ts';

const RELATIVE = /^(\d+)\s*(m|h|d|w)$/i;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/**
 * "7d", "24h", "90m", "2w" (before `now`); a Lima day "2026-11-01" (its start,
 * or for --until the start of the next day, so the day is included); an
 * instant "2026-11-01T08:00" (Lima time unless it carries Z or an offset).
 */
export function parseTimeBound(value: string, edge: 'since' | 'until', now: Date): Date {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase() as keyof typeof UNIT_MS]);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDay(text)) {
    return limaDayStart(edge === 'until' ? nextDay(text) : text);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? new Date(text) : limaWallClockInstant(text);
    if (at && !Number.isNaN(at.getTime())) return at;
  }
  throw new InvalidArgumentError(
    `--${edge} "${value}" is not a period; use 7d, 24h, 90m, 2w, a day like 2026-11-01 or an instant like 2026-11-01T08:00.`,
  );
}

/** Validates at parse time (so the error names the option) but keeps the text: "7d" is relative to when the command runs. */
export function checkTimeBound(edge: 'since' | 'until') {
  return (value: string) => {
    parseTimeBound(value, edge, new Date());
    return value;
  };
}

/** 2026-02-30 parses (as 2 March): only a date that reads back unchanged is a day. */
function isCalendarDay(day: string): boolean {
  const at = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
}

/**
 * The Lima day a time bound falls on: for `digest --since`, whose periods are
 * whole Lima days ("30d" → the Lima day 30 days ago; "2026-11-20" → that day).
 */
export function parseLimaDay(value: string, edge: 'since' | 'until', now: Date): string {
  return limaDay(parseTimeBound(value, edge, now));
}
