import { cleanText } from './clean-text.ts';
import { scanHtmlText } from './html-scan.ts';

/**
 * Plain text of an HTML fragment: no markup, entities decoded (numeric
 * references 128–159 as windows-1252, as browsers do), blocks on their own
 * lines, spaces folded, no control characters. No DOM is built (html-scan.ts):
 * loading each item into cheerio made parse + normalise ~5× slower than
 * rss-parser alone.
 */
export function htmlToText(html: string): string {
  const text = /[<&]/.test(html) ? scanHtmlText(html) : html;
  return foldCleanSpaces(text) ?? foldSpaces(cleanText(text));
}

/**
 * What foldSpaces(cleanText(text)) gives, in one pass, for text without
 * control characters (undefined otherwise): a regular expression finds each
 * whitespace run that is not a single space between words, and the text
 * between them is copied in slices.
 */
function foldCleanSpaces(text: string): string | undefined {
  const n = text.length;
  const runs = new RegExp(NOT_ONE_SPACE.source, 'g');
  let out = '';
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = runs.exec(text))) {
    let from = match.index;
    const c = text.charCodeAt(from);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return undefined;
    // A run found by its second character started with one space.
    if (from > start && text.charCodeAt(from - 1) === 0x20) from--;
    let to = from + 1;
    let newline = false;
    for (; to < n; to++) {
      const d = text.charCodeAt(to);
      if (!isWhitespace(d)) break;
      if ((d < 0x20 && d !== 0x09 && d !== 0x0a) || (d >= 0x7f && d <= 0x9f)) return undefined;
    }
    for (let i = from; i < to && !newline; i++) newline = text.charCodeAt(i) === 0x0a;
    if (from > 0 && to < n) out += text.slice(start, from) + (newline ? '\n' : ' ');
    else if (from > 0) out += text.slice(start, from);
    start = to;
    runs.lastIndex = to;
  }
  return start === 0 ? text : out + text.slice(start);
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_ONE_SPACE = /[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| (?=[ \x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff])|^ | $/

/**
 * Each line's whitespace runs become one space, lines are trimmed and empty
 * ones dropped: a run that holds a line feed becomes one "\n", any other run
 * one " ", and the ends are trimmed. Whitespace is JavaScript's `\s` (which
 * `trim()` also uses). One pass that copies the text in slices: the
 * split/replace/trim/filter/join it replaces cost as much as the HTML scan.
 */
export function foldSpaces(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && isWhitespace(text.charCodeAt(i))) i++;
  let out = '';
  let start = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let newline = c === 0x0a;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (!isWhitespace(d)) break;
      if (d === 0x0a) newline = true;
      j++;
    }
    if (j === n) return out + text.slice(start, i);
    if (j === i + 1 && c === 0x20) {
      i = j; // a single space stays as it is
      continue;
    }
    out += text.slice(start, i) + (newline ? '\n' : ' ');
    start = i = j;
  }
  return out + text.slice(start, n);
}

/** JavaScript's `\s`: WhiteSpace (tab, VT, FF, ZWNBSP and Unicode Zs) and LineTerminator (LF, CR, LS, PS). */
function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
