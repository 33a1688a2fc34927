/**
 * No control character reaches the store or a mail. C1 code points
 * (U+0080–U+009F) in feed text almost always come from windows-1252 bytes or
 * numeric references (`&#147;`) written by old CMSs: they are read as their
 * windows-1252 characters, as browsers read such references (WHATWG HTML,
 * "numeric character reference end state"); the five unassigned ones are
 * dropped. C0 controls other than tab and newline are dropped.
 */

/** windows-1252 bytes 0x80–0x9F → Unicode; 0 where windows-1252 assigns nothing (WHATWG Encoding, index-windows-1252). */
export const WINDOWS_1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * `text` with C1 controls read as windows-1252 and other controls removed;
 * tab and newline are kept, CR and the rest of C0 and DEL dropped.
 */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(text)) return text;
  return text.replace(CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    if (code >= 0x80 && code <= 0x9f) {
      const mapped = WINDOWS_1252_C1[code - 0x80]!;
      return mapped ? String.fromCharCode(mapped) : '';
    }
    return '';
  });
}

/** A numeric reference's code point as a browser reads it: 128–159 through windows-1252 (0 when unassigned). */
export function browserCodePoint(code: number): number {
  return code >= 0x80 && code <= 0x9f ? WINDOWS_1252_C1[code - 0x80]! : code;
}
