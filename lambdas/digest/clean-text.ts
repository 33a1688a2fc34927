/**
 * Feed text on its way into a mail: no control characters in any part.
 * Old CMSs emit numeric references 128–159 (`&#147;`), meaning windows-1252
 * punctuation, which decode to C1 control characters (field case 11); they
 * are read as the windows-1252 character they stand for (“ ” – ‘ ’ …).
 * Other C0/C1 controls (and U+2028/2029, which fake line breaks) become a
 * space; tab and newline become a space too, because every feed string in a
 * digest is a one-line string. Unpaired surrogates are dropped.
 */
import { WINDOWS_1252_C1 } from '../feeds/parse/windows-1252.ts';

/** Cc (C0, DEL, C1), the two Unicode line separators, and (in `u` mode, lone) surrogates. */
const CONTROL = /[\p{Cc}\u2028\u2029\ud800-\udfff]/gu;

/** One line of feed text with every control character replaced (C1 → its windows-1252 meaning), spaces collapsed. */
export function cleanText(text: string): string {
  return text
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      if (code >= 0x80 && code <= 0x9f) return String.fromCharCode(WINDOWS_1252_C1[code - 0x80]! || 0x20);
      return code >= 0xd800 && code <= 0xdfff ? '' : ' ';
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** True when `text` holds a control character a mail must not carry (C0 other than tab, LF, CR; DEL; C1). */
export function hasControlCharacters(text: string): boolean {
  return /(?![\t\n\r])\p{Cc}/u.test(text);
}
