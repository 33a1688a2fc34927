/**
 * Feed dates as they are in the wild: RFC 822 (with or without weekday,
 * comma, seconds, with 2-digit years, named or numeric zones, Spanish,
 * Portuguese, French or German month and day names, AM/PM) and ISO 8601
 * (with or without zone or seconds). A date with no zone is read in Lima
 * time (UTC−5), not in whatever zone the process runs in.
 */
import { LIMA_OFFSET_MINUTES } from '../../model/lima-time.ts';

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

export function parseFeedDate(raw: string | undefined, defaultOffsetMinutes = LIMA_OFFSET_MINUTES): Date | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  return parseIso(text, defaultOffsetMinutes) ?? parseLoose(text, defaultOffsetMinutes);
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string, defaultOffset: number): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const offset = zone ? zoneOffset(zone) : defaultOffset;
  if (offset === undefined) return undefined;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  return build(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, offset);
}

/** RFC 822 and its broken cousins: tokens in any order, recognised by shape. */
function parseLoose(text: string, defaultOffset: number): Date | undefined {
  const tokens = text
    .toLowerCase()
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

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offset: number): Date | undefined {
  if (year < 1990 || year > 2999 || month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month, day, hour, minute, second, ms) - offset * 60_000;
  const date = new Date(utc);
  // Reject 31 Feb and friends instead of rolling over into March.
  const local = new Date(utc + offset * 60_000);
  if (local.getUTCDate() !== day && hour !== 24) return undefined;
  return date;
}
