/**
 * What "near", "part of" and "in capitals" mean for occurrences, and the
 * snippet a reader sees. Kept apart from scoring so each rule is one function.
 */
import * as fold from './fold.ts';
import type { Occurrence } from './phrase-index.ts';

const TITLE = 0;

// Read once: run from source (tsx), each read of an imported name goes through a getter.
const { foldPhrase, isUpper, splitWords } = fold;

/** Words between two spans of the same field (0 when they touch or overlap). */
function gap(a: Occurrence, b: Occurrence): number {
  if (b.first >= a.last) return b.first - a.last;
  if (a.first >= b.last) return a.first - b.last;
  return 0;
}

/**
 * True if `other` lies within `window` words of `hit` in the same field. The
 * title states what the whole article is about, so a title occurrence is near
 * everything and everything is near it.
 */
export function isNear(hit: Occurrence, other: Occurrence, window: number): boolean {
  if (hit.field !== other.field) return hit.field === TITLE || other.field === TITLE;
  return gap(hit, other) <= window;
}

export function overlaps(a: Occurrence, b: Occurrence): boolean {
  return a.field === b.field && a.first < b.last && b.first < a.last;
}

/** True if `inner` lies inside `outer` and `outer` is longer. */
export function isInside(inner: Occurrence, outer: Occurrence): boolean {
  return inner.field === outer.field && outer.first <= inner.first && inner.last <= outer.last && outer.last - outer.first > inner.last - inner.first;
}

/** Field order first, then position: the occurrence a reader should see. */
export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return a.field - b.field || a.first - b.first;
}

/** True if each word of the span that must be capitalised (capitals[i]) starts with a capital in the text. */
export function hasCapitals(text: string, occurrence: Occurrence, capitals: readonly boolean[]): boolean {
  if (!capitals.includes(true)) return true;
  const span = text.slice(occurrence.from, occurrence.to);
  const { starts } = splitWords(span);
  for (let i = 0; i < capitals.length; i++) if (capitals[i] && !isUpper(span.charAt(starts[i] ?? 0))) return false;
  return true;
}

/** How far back wordBefore looks, in UTF-16 units. */
const WORD_BEFORE_REACH = 40;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The folded word just before a span ("avenida" in "avenida Arequipa"), or '':
 * the last run of letters and digits in the 40 units before it, as
 * /([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u finds it in that slice. Read backwards
 * from the span by code point, so the cost is the few characters walked, not a
 * RegExp retried at every position of the slice.
 */
export function wordBefore(text: string, occurrence: Occurrence): string {
  const low = Math.max(0, occurrence.from - WORD_BEFORE_REACH);
  // Back over what is not a letter or digit, then back over the word.
  let end = occurrence.from;
  while (end > low) {
    const c = codePointBefore(text, end, low);
    if (isWordCodePoint(c)) break;
    end -= c > 0xffff ? 2 : 1;
  }
  let start = end;
  while (start > low) {
    const c = codePointBefore(text, start, low);
    if (!isWordCodePoint(c)) break;
    start -= c > 0xffff ? 2 : 1;
  }
  return start < end ? foldPhrase(text.slice(start, end)) : '';
}

/**
 * The code point ending just before unit `i`, not reaching below `low`: a
 * surrogate pair's code point, or the unit itself (a lone surrogate stays one).
 */
function codePointBefore(text: string, i: number, low: number): number {
  const unit = text.charCodeAt(i - 1);
  if (unit < 0xdc00 || unit > 0xdfff || i - 2 < low) return unit;
  const lead = text.charCodeAt(i - 2);
  return lead >= 0xd800 && lead <= 0xdbff ? (lead - 0xd800) * 0x400 + (unit - 0xdc00) + 0x10000 : unit;
}

/** True for a letter or digit, as [\p{L}\p{N}] with the u flag sees a code point (a lone surrogate is neither). */
function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 0x30 && codePoint <= 0x39) || ((codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a);
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return WORD_CHAR.test(String.fromCodePoint(codePoint));
}

const SNIPPET_SIDE = 60;

/**
 * About 60 characters either side of the hit, cut at spaces, on one line.
 * `spaceRuns` false says the text has no space run (ScanResult.spaceRuns), so
 * the snippet body is not tested for one.
 */
export function snippetAround(text: string, occurrence: Occurrence, spaceRuns = true): string {
  let start = Math.max(0, occurrence.from - SNIPPET_SIDE);
  let end = Math.min(text.length, occurrence.to + SNIPPET_SIDE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < occurrence.from) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space >= occurrence.to) end = space;
  }
  let body = text.slice(start, end);
  // Most snippets hold single spaces only; testing first spares the replace.
  if (spaceRuns && hasSpaceRun(body)) body = body.replace(/\s+/g, ' ');
  body = body.trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** A space other than U+0020 (tab, line break, no-break space, …). */
const OTHER_SPACE = /[^\S ]/;

/**
 * What /[^\S ]| {2}/ tests: a space other than U+0020, or two U+0020 in a row.
 * Split in two because indexOf and a one-class RegExp run as native scans,
 * several times faster than the alternation or a char loop in JavaScript.
 */
function hasSpaceRun(text: string): boolean {
  return text.includes('  ') || OTHER_SPACE.test(text);
}
