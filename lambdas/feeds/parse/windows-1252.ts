/**
 * windows-1252's bytes 0x80–0x9F, the one range where it differs from
 * ISO-8859-1 and Unicode's C1 controls. Feeds from old CMSs carry them as raw
 * bytes and as numeric references (`&#147;`); browsers read both through this
 * table (WHATWG Encoding, index-windows-1252; WHATWG HTML, "numeric character
 * reference end state").
 */

/** windows-1252 bytes 0x80–0x9F → Unicode; 0 where windows-1252 assigns nothing (WHATWG Encoding, index-windows-1252). */
export const WINDOWS_1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** A numeric reference's code point as a browser reads it: 128–159 through windows-1252 (0 when unassigned). */
export function browserCodePoint(code: number): number {
  return code >= 0x80 && code <= 0x9f ? WINDOWS_1252_C1[code - 0x80]! : code;
}
