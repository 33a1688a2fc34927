/**
 * Case and accent folding plus word splitting.
 *
 * Rules and articles go through the same functions, so a term matches a text
 * exactly when their folded words are equal: "EXTORSIÓN", "extorsión" and
 * "extorsion" all become "extorsion". Two exceptions keep meaning apart:
 * ñ stays ñ (otherwise "año" and "ano" collide), and a text already in NFD
 * (n + U+0303) is recomposed to ñ too.
 *
 * A word is a run of Unicode letters and digits (combining marks inside a word
 * are dropped); everything else separates words, so "Coca-Cola" is the two
 * words "coca cola" and matching on whole words needs no \b tricks.
 *
 * Speed: every UTF-16 unit folds to exactly one unit through a lookup table,
 * so the folded text keeps the original offsets (snippets need them) and the
 * hot loop is a table read. PhraseIndex.scan reads texts through a class
 * table built from the same fold (foldUnitAt).
 */

/** Words of a text, each with its span in the original string (UTF-16 offsets). */
export interface Words {
  words: string[];
  starts: number[];
  ends: number[];
}

const SPACE = 0x20;
/** Placeholders for combining marks inside words, removed in a rare second step. */
const DROP = 0x01;
const TILDE = 0x02;
const UNKNOWN = 0xffff;

/** Letters NFD does not decompose but readers treat as plain Latin letters. */
const SPECIAL: Record<string, string> = { æ: 'a', Æ: 'a', œ: 'o', Œ: 'o', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', ß: 's' };
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

function foldUnit(code: number): number {
  // A lone surrogate (a broken pair) is not a letter.
  if (code >= 0xd800 && code <= 0xdfff) return SPACE;
  const char = String.fromCharCode(code);
  if (char === 'ñ' || char === 'Ñ') return 'ñ'.charCodeAt(0);
  if (code === 0x0303) return TILDE;
  if (MARK.test(char)) return DROP;
  if (!WORD_CHAR.test(char)) return SPACE;
  const special = SPECIAL[char];
  const folded = special ?? char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Letters that fold to several units (rare ligatures) keep their lower case.
  return folded.length === 1 ? folded.charCodeAt(0) : char.toLowerCase().length === 1 ? char.toLowerCase().charCodeAt(0) : code;
}

// Filled lazily: most texts touch only a few hundred distinct characters.
// Surrogate halves stay UNKNOWN: they need their neighbour (see foldAt).
export const FOLD_TABLE = new Uint16Array(0x10000).fill(UNKNOWN);
/** Table values at or above this need foldAt. */
export const SLOW = UNKNOWN;

const wordPoints = new Map<number, boolean>();
function isWordPoint(point: number): boolean {
  let word = wordPoints.get(point);
  if (word === undefined) {
    word = WORD_CHAR.test(String.fromCodePoint(point));
    if (wordPoints.size < 10_000) wordPoints.set(point, word);
  }
  return word;
}

/**
 * The folded unit at text[i] when the table has none yet. A character outside
 * the basic plane (𝐀, an emoji) is a letter or a separator as a whole, so its
 * low half copies what its high half became (`previous`).
 */
export function foldAt(text: string, i: number, previous: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return SPACE;
    return isWordPoint(text.codePointAt(i) as number) ? code : SPACE;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const high = i > 0 ? text.charCodeAt(i - 1) : 0;
    return high >= 0xd800 && high <= 0xdbff && previous !== SPACE ? code : SPACE;
  }
  const folded = foldUnit(code);
  FOLD_TABLE[code] = folded;
  return folded;
}

/**
 * The folded unit at text[i], the value foldUnits(text)[i] has, without the
 * previous folded unit: only a low surrogate depends on it, and then only on
 * whether the high half before it folded to a letter. For readers that look
 * units up out of order (PhraseIndex.scan caches a class per unit).
 */
export function foldUnitAt(text: string, i: number): number {
  const folded = FOLD_TABLE[text.charCodeAt(i)] as number;
  if (folded < SLOW) return folded;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  const previous = before >= 0xd800 && before <= 0xdbff ? foldAt(text, i - 1, SPACE) : SPACE;
  return foldAt(text, i, previous);
}

let buffer = new Uint16Array(4096);
const decoder = new TextDecoder('utf-16le');

/** A reusable array of at least `length` units (valid until the next call). */
export function scratchUnits(length: number): Uint16Array {
  if (buffer.length < length) buffer = new Uint16Array(Math.max(length, buffer.length * 2));
  return buffer;
}

/**
 * The text with every unit folded, same length and offsets: separators are
 * 0x20 and marks inside words are 0x01/0x02 (see MARK_LIMIT). The array is
 * shared and valid until the next call.
 */
export function foldUnits(text: string): Uint16Array {
  const length = text.length;
  const units = scratchUnits(length);
  let previous = SPACE;
  for (let i = 0; i < length; i++) {
    let folded = FOLD_TABLE[text.charCodeAt(i)] as number;
    if (folded >= SLOW) folded = foldAt(text, i, previous);
    units[i] = folded;
    previous = folded;
  }
  return units.subarray(0, length);
}

/** Units at or below this value are combining-mark placeholders (see dropMarks). */
export const MARK_LIMIT = TILDE;
export const SEPARATOR = SPACE;

/** Removes mark placeholders from a word; n + combining tilde becomes ñ. */
export function dropMarks(word: string): string {
  return word.replaceAll('n\u0002', 'ñ').replaceAll('\u0001', '').replaceAll('\u0002', '');
}

/**
 * Calls `onWord` for each folded word of `text`, in order, with its span
 * [start, end) in the text (folding keeps offsets). The one word walk behind
 * splitWords and foldPhrase.
 */
function forEachFoldedWord(text: string, onWord: (word: string, start: number, end: number) => void): void {
  const units = foldUnits(text);
  const folded = decoder.decode(units);
  const length = units.length;
  let start = -1;
  let marked = false;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? (units[i] as number) : SPACE;
    if (code === SPACE) {
      if (start >= 0) {
        onWord(marked ? dropMarks(folded.slice(start, i)) : folded.slice(start, i), start, i);
        start = -1;
      }
    } else if (code <= TILDE) {
      // A mark with no letter before it belongs to no word.
      if (start >= 0) marked = true;
    } else if (start < 0) {
      start = i;
      marked = false;
    }
  }
}

/** Splits a text into folded words with their original spans. */
export function splitWords(text: string): Words {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  forEachFoldedWord(text, (word, start, end) => {
    words.push(word);
    starts.push(start);
    ends.push(end);
  });
  return { words, starts, ends };
}

/** The folded words of a phrase joined by single spaces: the key rules are compared by. */
export function foldPhrase(phrase: string): string {
  // splitWords(phrase).words.join(' ') without the span arrays (this runs for every feed item's title).
  let out = '';
  forEachFoldedWord(phrase, (word) => {
    out = out.length === 0 ? word : `${out} ${word}`;
  });
  return out;
}

/** Which words of a phrase start with a capital letter ("La Libertad": both; "limeños": none). */
export function capitalsOf(phrase: string): boolean[] {
  const { starts } = splitWords(phrase);
  return starts.map((start) => isUpper(phrase.charAt(start)));
}

export function isUpper(char: string): boolean {
  return char !== char.toLowerCase();
}

/** True for the units RegExp \s matches (ECMAScript WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
