/**
 * Peru keeps UTC−5 all year (no daylight saving since 1994), so Lima days are
 * computed with a fixed offset rather than a time-zone database.
 */
/** Lima's offset from UTC in minutes (−300): the one place Centinela writes down UTC−5. */
export const LIMA_OFFSET_MINUTES = -300;
const LIMA_OFFSET_MS = LIMA_OFFSET_MINUTES * 60_000;

/** Lima wall-clock time of an instant as ISO text without a zone, e.g. "2026-11-20T09:30:00.000". */
function limaWallClock(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(at.getTime() + LIMA_OFFSET_MS).toISOString().slice(0, 23);
}

/** The Lima calendar day (YYYY-MM-DD) of an instant. */
export function limaDay(instant: Date | string): string {
  return limaWallClock(instant).slice(0, 10);
}

/** "2026-11-20 09:30": Lima local time in a form spreadsheets read as a date. */
export function limaMinute(instant: Date | string): string {
  return limaWallClock(instant).slice(0, 16).replace('T', ' ');
}

/**
 * The instant of a Lima wall-clock time without a zone ("2026-11-01T08:00",
 * optionally with seconds and fraction); undefined if it isn't one.
 */
export function limaWallClockInstant(wallClock: string): Date | undefined {
  const time = Date.parse(`${wallClock}Z`);
  return Number.isNaN(time) ? undefined : new Date(time - LIMA_OFFSET_MS);
}

/** The instant a Lima day starts, as a Date. */
export function limaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - LIMA_OFFSET_MS);
}

/** Lima days from `from` (inclusive) to `to` (exclusive) instants, oldest first. */
export function limaDaysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let day = limaDay(from); limaDayStart(day) < to; day = nextDay(day)) days.push(day);
  return days;
}

export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** The calendar day `days` after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const timeFormats = new Map<'es' | 'en', Intl.DateTimeFormat>();

/** "21 nov 2026, 14:05" style Lima time for display; one formatter per language (building one costs ~0.1 ms). */
export function formatLimaTime(iso: string, lang: 'es' | 'en'): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'es' ? 'es-PE' : 'en-GB', {
      timeZone: 'America/Lima',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    timeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}
