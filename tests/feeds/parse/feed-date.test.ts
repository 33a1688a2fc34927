import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../lambdas/feeds/parse/feed-date.ts';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 as the RSS 2.0 spec writes it, with numeric and named zones
    ['Sat, 21 Nov 2026 14:05:00 -0500', '2026-11-21T19:05:00.000Z'],
    ['Sat, 21 Nov 2026 14:05:00 GMT', '2026-11-21T14:05:00.000Z'],
    ['Sat, 21 Nov 2026 14:05:00 PET', '2026-11-21T19:05:00.000Z'],
    ['21 Nov 2026 14:05 EST', '2026-11-21T19:05:00.000Z'],
    ['GMT-5 21 Nov 2026 10:00', '2026-11-21T15:00:00.000Z'],
    // two-digit years, Spanish weekdays and months, AM/PM
    ['Sat, 21 Nov 26 14:05:00 +0000', '2026-11-21T14:05:00.000Z'],
    ['Mar, 24 Nov 2026 08:00:00 -0500', '2026-11-24T13:00:00.000Z'],
    ['sábado 21 de noviembre de 2026 2:05 pm', '2026-11-21T19:05:00.000Z'],
    ['21 Nov 2026 12:00:00 am', '2026-11-21T05:00:00.000Z'],
    ['21 Nov 2026 12:30 pm', '2026-11-21T17:30:00.000Z'],
    // Spanish day periods: "de la tarde/noche" is after noon, "de la mañana/madrugada" before;
    // "12 de la noche" is midnight, not noon
    ['22/11/2026 3:40 de la tarde', '2026-11-22T20:40:00.000Z'],
    ['domingo 22 de noviembre de 2026, 9:05 de la noche', '2026-11-23T02:05:00.000Z'],
    ['22/11/2026 12:30 de la noche', '2026-11-22T05:30:00.000Z'],
    ['22/11/2026 6:15 de la mañana', '2026-11-22T11:15:00.000Z'],
    ['22/11/2026 2:10 de la madrugada', '2026-11-22T07:10:00.000Z'],
    // a 24-hour time with a redundant meridiem (PHP 'H:i a'): the hour is already the hour
    ['22/11/2026 15:40 p. m.', '2026-11-22T20:40:00.000Z'],
    ['22/11/2026 15:40:00 p.m.', '2026-11-22T20:40:00.000Z'],
    ['21 Nov 2026 13:05 PM', '2026-11-21T18:05:00.000Z'],
    // month first in Spanish, with a dotted meridiem: read by the loose reader, still after noon
    ['noviembre 22, 2026 3:40 p. m.', '2026-11-22T20:40:00.000Z'],
    ['noviembre 22 de 2026 9:15 a.m.', '2026-11-22T14:15:00.000Z'],
    // "15h40" and "15:40h", as some Peruvian sites write the time; an hour word before a day period
    ['22/11/2026 15h40', '2026-11-22T20:40:00.000Z'],
    ['22/11/2026 15:40h', '2026-11-22T20:40:00.000Z'],
    ['domingo 22 de noviembre de 2026, 09h05', '2026-11-22T14:05:00.000Z'],
    ['22 de noviembre de 2026, 3:40 hrs. de la tarde', '2026-11-22T20:40:00.000Z'],
    ['22 de noviembre de 2026, 9 horas de la noche', '2026-11-23T02:00:00.000Z'],
    // no zone: Lima time (UTC−5), whatever zone the process runs in
    ['Sáb, 21 Nov 2026 14:05:00', '2026-11-21T19:05:00.000Z'],
    ['21 noviembre 2026', '2026-11-21T05:00:00.000Z'],
    ['2026-11-21T14:05:00', '2026-11-21T19:05:00.000Z'],
    ['2026-11-21 14:05', '2026-11-21T19:05:00.000Z'],
    ['2026-11-21', '2026-11-21T05:00:00.000Z'],
    // ISO 8601 with zones, basic format, fractions; 24:00 is the next midnight
    ['2026-11-21T14:05:00Z', '2026-11-21T14:05:00.000Z'],
    ['2026-11-21T14:05:00-05:00', '2026-11-21T19:05:00.000Z'],
    ['2026-11-21T14:05:00.123+01:00', '2026-11-21T13:05:00.123Z'],
    ['2026-11-21T14:05:00 UTC', '2026-11-21T14:05:00.000Z'],
    ['20261121T140500Z', '2026-11-21T14:05:00.000Z'],
    ['2026-11-21T24:00:00Z', '2026-11-22T00:00:00.000Z'],
    ['  2026-11-21T14:05:00Z  ', '2026-11-21T14:05:00.000Z'],
  ])('reads %j as %s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    ['31 February', '2026-02-31T10:00:00Z'],
    ['31 February, RFC 822', '31 Feb 2026'],
    ['month 13', '2026-13-01'],
    ['hour 25', '21 Nov 2026 25:00'],
    ['before 1990', '1989-12-31T00:00:00Z'],
    ['words', 'ayer por la tarde'],
    // relative days name no date: never the parser's reference day
    ['relative day', 'Hoy 15:40'],
    ['relative day, Spanish meridiem', 'ayer 3:40 p. m.'],
    ['relative day, "h" time', 'Hoy 15h40'],
    ['hour 25, "h" time', '21/11/2026 25h10'],
    ['empty', ''],
    ['blank', '   '],
  ])('refuses a date that is not one (%s: %j) with undefined, never rolling it over', (_, raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });

  it('refuses a missing date', () => {
    expect(parseFeedDate(undefined)).toBeUndefined();
  });

  it('reads a zone-less date in the offset it is given', () => {
    expect(parseFeedDate('2026-11-21T14:05:00', 60)?.toISOString()).toBe('2026-11-21T13:05:00.000Z');
  });
});

describe('parseFeedDate on hostile text', () => {
  const dateLike = fc
    .tuple(
      fc.constantFrom('', 'Sat, ', 'Mar ', 'lunes '),
      fc.integer({ min: -5, max: 40 }),
      fc.constantFrom(' Nov ', ' noviembre ', '-', ' Feb ', ' xx '),
      fc.integer({ min: 0, max: 3100 }),
      fc.constantFrom('', ' 14:05', ' 99:99', 'T10:00:00', ' 2:05 pm'),
      fc.constantFrom('', ' GMT', ' -0500', ' +14:00', ' Z', ' PET'),
    )
    .map((parts) => parts.join(''));

  it('never throws, and gives undefined or a valid instant from 1990 on', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), dateLike), (raw) => {
        const date = parseFeedDate(raw);
        if (date === undefined) return true;
        return !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1989 && date.getUTCFullYear() <= 3000;
      }),
      { numRuns: 1000 },
    );
  });
});
