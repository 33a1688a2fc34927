/**
 * Feed dates as they are in the wild, read in this order:
 *  1. ISO 8601 / RFC 3339 (with or without zone or seconds);
 *  2. RFC 822 as RSS writes it (weekday in any language or none, 2- or
 *     4-digit year, named or numeric zone) — a fast path, most feeds stop here;
 *  3. chrono-node's Spanish parser, then its English one, for what people
 *     write: "domingo, 22 de noviembre de 2026, 3:40 p. m.", "22/11/2026
 *     11:15 p.m." (day first, as in Peru), "22 de noviembre de 2026 - 9:05 P.M.";
 *     only when it found the day, month and year in the text itself;
 *  4. a loose token reader for the rest (Portuguese, French, German months…).
 * A date with no zone is wall-clock time in the feed's zone: America/Lima
 * (UTC−5, no daylight saving) unless the feed list names another IANA zone;
 * never the zone the process runs in.
 */
import { LIMA_OFFSET_MINUTES } from '../../model/lima-time.ts';
import * as chrono from 'chrono-node';

const MONTHS: Record<string, number> = {};
[
  'jan ene janv jän januar january enero janeiro janvier',
  'feb fev fév févr februar february febrero fevereiro fevrier février',
  'mar mär märz marz march marzo março marco mars',
  'apr abr avr april abril avril',
  'may mai mayo maio',
  'jun juni june junio junho juin',
  'jul juli july julio julho juil juillet',
  'aug ago agosto august août aout',
  'sep sept set september septiembre setiembre setembro septembre',
  'oct okt out october octubre outubro octobre oktober',
  'nov november noviembre novembro novembre',
  'dec dic dez déc december diciembre dezembro décembre decembre dezember',
].forEach((names, index) => names.split(' ').forEach((name) => (MONTHS[name] = index)));

const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, cest: 120, est: -300, edt: -240, cst: -360, cdt: -300,
  mst: -420, mdt: -360, pst: -480, pdt: -420, pet: -300, art: -180, brt: -180, clt: -240, cot: -300, ect: -300, bot: -240,
};

export { LIMA_OFFSET_MINUTES };
export const DEFAULT_TIME_ZONE = 'America/Lima';

/** Minutes east of UTC for a zone-less date; a function of the wall-clock time written (zones with DST). */
type DefaultOffset = (wallClockMs: number) => number;

/**
 * The instant `raw` names, or undefined when it names none (empty, unreadable,
 * or an impossible date such as 31 Feb). `timeZone` applies to dates written
 * without a zone: an IANA name (e.g. "America/Bogota"), or a fixed offset in
 * minutes east of UTC (-300 for Lima).
 */
export function parseFeedDate(raw: string | undefined, timeZone: string | number = DEFAULT_TIME_ZONE): Date | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  // "15h40" and "15:40h", as some Peruvian and French-speaking sites write the time, are "15:40".
  const hours = /\dh/i.test(trimmed) ? trimmed.replace(/\b(\d{1,2})h(\d{2})\b/gi, '$1:$2').replace(/\b(\d{1,2}:\d{2})h\b/gi, '$1') : trimmed;
  const text = /de la|[ap]\.?\s?m\b/i.test(hours) ? spanishMeridiem(hours) : hours;
  const offset = offsetResolver(timeZone);
  return parseIso(text, offset) ?? parseRfc822(text, offset) ?? parseWithChrono(text, offset) ?? parseLoose(text, offset);
}

/** Whether `timeZone` is an IANA zone this runtime knows (feed-list validation). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const resolvers = new Map<string, DefaultOffset>();
const limaOffset: DefaultOffset = () => LIMA_OFFSET_MINUTES;

function offsetResolver(timeZone: string | number): DefaultOffset {
  if (typeof timeZone === 'number') return () => timeZone;
  if (timeZone === DEFAULT_TIME_ZONE) return limaOffset;
  let resolver = resolvers.get(timeZone);
  if (!resolver) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    const offsetAt = (instant: number) => {
      const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
    };
    // The offset at the instant the wall-clock time would be in UTC, corrected once (enough across a DST change).
    resolver = (wall) => {
      const first = offsetAt(wall);
      return offsetAt(wall - first * 60_000);
    };
    resolvers.set(timeZone, resolver);
  }
  return resolver;
}

const DAY_PERIOD = /\b(\d{1,2})((?:[:.]\d{2}){0,2})\s*(?:h(?:rs?|oras)?\.?\s*)?de la (mañana|madrugada|tarde|noche)\b/giu;
const REDUNDANT_MERIDIEM = /\b(1[3-9]|2[0-3])((?::\d{2}){1,2})\s*[ap]\.?\s?m\b\.?/gi;

/**
 * Spanish time notation that chrono-node reads 12 hours early, rewritten as
 * "a. m."/"p. m.": "3:40 de la tarde" and "9:05 de la noche" are after noon,
 * "6:15 de la mañana" and "2:10 de la madrugada" before; "12 de la noche" is
 * midnight (RAE, Diccionario panhispánico de dudas, "hora"). A 24-hour time
 * with a redundant meridiem ("15:40 p. m.", PHP's 'H:i a') drops the meridiem.
 * An hour word before the period ("3:40 h de la tarde", "9 horas de la noche")
 * is read as the time. ("15h40" and "15:40h" are made "15:40" before this, in
 * parseFeedDate.)
 */
function spanishMeridiem(text: string): string {
  return text
    .replace(DAY_PERIOD, (_, hour: string, rest: string, period: string) => {
      // mañana, madrugada; "12 de la noche" (hour "12", never "012": \d{1,2}) is midnight
      const before = /^ma/i.test(period) || (/^n/i.test(period) && hour === '12');
      return `${hour}${rest || ':00'} ${before ? 'a. m.' : 'p. m.'}`;
    })
    .replace(REDUNDANT_MERIDIEM, '$1$2');
}

const RFC822 = /^(?:[^\s\d,]+,?\s+)?(\d{1,2})\s+([^\s\d.,]+)\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+([+-]\d{2}:?\d{2}|[a-z]{1,4}))?$/i;

function parseRfc822(text: string, defaultOffset: DefaultOffset): Date | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return undefined;
  const offset = m[7] ? zoneOffset(m[7]) : undefined;
  if (m[7] && offset === undefined) return undefined;
  const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
  return build(year, month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset ?? defaultOffset);
}

const CHRONO_PARSERS = [chrono.es, chrono.en];

function parseWithChrono(text: string, defaultOffset: DefaultOffset): Date | undefined {
  // ISO-shaped text that parseIso refused (month 13…) and GMT±h offsets are not chrono's to guess at.
  if (!/\d/.test(text) || /^\d{4}-/.test(text) || /\b(?:gmt|utc)\s*[+-]\d/i.test(text)) return undefined;
  // "22 de noviembre de 2026 - 9:05 P.M.": a dash before the time would make chrono read a range ending at that time.
  const joined = text.replace(/\s+[-–—|]\s+(?=\d{1,2}[:.]\d{2})/g, ' ');
  for (const parser of CHRONO_PARSERS) {
    const [result] = parser.parse(joined, { instant: new Date(Date.UTC(2026, 0, 1)), timezone: 0 }, { forwardDate: false });
    const start = result?.start;
    if (!result || !start || !start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) continue;
    // Every number written must be part of what chrono read ("21 Nov 2026 25:00" is not 21 Nov at midnight).
    const read = joined.slice(result.index, result.index + result.text.length);
    if (/\d/.test(joined.replace(read, ''))) continue;
    // The year must be written: "Hoy 15:40" is certain of its day only relative to chrono's reference day.
    const year = String(start.get('year'));
    if (!read.includes(year) && !new RegExp(`(?:^|\\D)${year.slice(2)}(?:\\D|$)`).test(read)) continue;
    const timed = start.isCertain('hour');
    const offset = start.isCertain('timezoneOffset') ? (start.get('timezoneOffset') ?? undefined) : undefined;
    return build(
      start.get('year')!,
      start.get('month')! - 1,
      start.get('day')!,
      timed ? start.get('hour')! : 0,
      timed ? (start.get('minute') ?? 0) : 0,
      timed ? (start.get('second') ?? 0) : 0,
      0,
      offset ?? defaultOffset,
    );
  }
  return undefined;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string, defaultOffset: DefaultOffset): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const offset = zone ? zoneOffset(zone) : defaultOffset;
  if (offset === undefined) return undefined;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  return build(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, offset);
}

/** RFC 822 and its broken cousins: tokens in any order, recognised by shape. */
function parseLoose(text: string, defaultOffset: DefaultOffset): Date | undefined {
  const tokens = text
    .toLowerCase()
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/(\d)(am|pm)\b/g, '$1 $2')
    .split(/[\s,]+/)
    .filter(Boolean);
  let day: number | undefined;
  const months: number[] = [];
  let year: number | undefined;
  let time: [number, number, number] | undefined;
  let offset: number | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  for (const token of tokens) {
    const word = token.replace(/\.$/, '');
    if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(word)) {
      const [h, m, s = 0] = word.split(':').map(Number) as [number, number, number?];
      time = [h, m, s];
    } else if (word === 'am' || word === 'pm') meridiem = word;
    else if (/^[+-]\d{2}:?\d{2}$/.test(word) || /^(gmt|utc)[+-]\d{1,2}(:?\d{2})?$/.test(word)) offset = zoneOffset(word);
    else if (word in ZONES) offset = ZONES[word];
    else if (word in MONTHS) months.push(MONTHS[word]!);
    else if (word.slice(0, 3) in MONTHS && /^[a-zäéû]{4,}$/.test(word)) months.push(MONTHS[word.slice(0, 3)]!);
    else if (/^\d{4}$/.test(word) && year !== undefined && time === undefined) time = [Number(word.slice(0, 2)), Number(word.slice(2)), 0];
    else if (/^\d{4}$/.test(word)) year = Number(word);
    else if (/^\d{1,2}$/.test(word)) {
      if (day === undefined) day = Number(word);
      else if (year === undefined) year = twoDigitYear(Number(word));
    } else if (/^\d{1,2}\.$/.test(token) && day === undefined) day = Number(token.slice(0, -1));
    // anything else (weekday names in any language, "de", "del") is ignored
  }
  // "Mar, 24 Nov 2026": Spanish martes looks like March; the weekday comes first, so the last month name wins.
  const month = months.at(-1);
  if (day === undefined || month === undefined || year === undefined) return undefined;
  const [, minute, second] = time ?? [0, 0, 0];
  let hour = time?.[0] ?? 0;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return build(year, month, day, hour, minute, second, 0, offset ?? defaultOffset);
}

function twoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function zoneOffset(zone: string): number | undefined {
  const lower = zone.toLowerCase();
  if (lower in ZONES) return ZONES[lower];
  const m = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/.exec(lower);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** `offset`: minutes east of UTC, written in the date, or the feed zone's resolver for a zone-less date. */
function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: number | DefaultOffset): Date | undefined {
  if (year < 1990 || year > 2999 || month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  const wall = Date.UTC(year, month, day, hour, minute, second, ms);
  const offset = typeof zone === 'number' ? zone : zone(wall);
  const utc = wall - offset * 60_000;
  const date = new Date(utc);
  // Reject 31 Feb and friends instead of rolling over into March.
  const local = new Date(utc + offset * 60_000);
  if (local.getUTCDate() !== day && hour !== 24) return undefined;
  return date;
}
