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
  // Cleaned text has no control characters left, so the second fold always answers.
  return foldCleanSpaces(text) ?? foldCleanSpaces(cleanText(text))!;
}

/**
 * Spaces folded, for text without control characters (undefined otherwise:
 * clean it first): each line's whitespace runs become one space, lines are
 * trimmed and empty ones dropped — a run that holds a line feed becomes one
 * "\n", any other run one " ", the ends are trimmed. Whitespace is
 * JavaScript's `\s` (which `trim()` also uses). A regular expression finds
 * each run that is not one space between words, and the text between runs is
 * copied in slices: the split/replace/trim/filter/join this replaces cost as
 * much as the HTML scan.
 */
function foldCleanSpaces(text: string): string | undefined {
  let start = 0;
  let end = text.length;
  for (; start < end && isWhitespace(text.charCodeAt(start)); start++) if (isControl(text.charCodeAt(start))) return undefined;
  for (; end > start && isWhitespace(text.charCodeAt(end - 1)); end--) if (isControl(text.charCodeAt(end - 1))) return undefined;
  // One shared global pattern (this never re-enters itself): a new RegExp per call cost as much as the search.
  const runs = RUNS;
  runs.lastIndex = start;
  let out = '';
  let copied = start;
  let match: RegExpExecArray | null;
  while ((match = runs.exec(text)) && match.index < end) {
    let from = match.index;
    if (isControl(text.charCodeAt(from)) && !isWhitespace(text.charCodeAt(from))) return undefined;
    if (text.charCodeAt(from - 1) === 0x20) from--; // the run began with one space
    let to = from;
    let newline = false;
    for (; isWhitespace(text.charCodeAt(to)); to++) {
      const c = text.charCodeAt(to);
      if (isControl(c)) return undefined;
      if (c === 0x0a) newline = true;
    }
    out += text.slice(copied, from) + (newline ? '\n' : ' ');
    copied = runs.lastIndex = to;
  }
  return copied === 0 && end === text.length ? text : out + text.slice(copied, end);
}

/**
 * Where a whitespace run that is not a single space starts (or a control
 * character is): whitespace other than the space, or two spaces.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const RUNS = /[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/g;

/** What cleanText removes or rewrites: C0 controls but tab and line feed, DEL, C1. */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
}

/** JavaScript's `\s`: WhiteSpace (tab, VT, FF, ZWNBSP and Unicode Zs) and LineTerminator (LF, CR, LS, PS). */
function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
