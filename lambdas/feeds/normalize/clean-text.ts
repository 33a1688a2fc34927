/**
 * No control character reaches the store or a mail. C1 code points
 * (U+0080–U+009F) in feed text almost always come from windows-1252 bytes or
 * numeric references (`&#147;`) written by old CMSs: they are read as their
 * windows-1252 characters, as browsers read such references (WHATWG HTML,
 * "numeric character reference end state"); the five unassigned ones are
 * dropped. C0 controls other than tab and newline are dropped.
 */
import { WINDOWS_1252_C1 } from '../parse/windows-1252.ts';

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
