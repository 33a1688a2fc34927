/**
 * Case and accent folding plus word splitting, in one loop over the text.
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
 */

/** Words of a text, each with its span in the original string (UTF-16 offsets). */
export interface Words {
  words: string[];
  starts: number[];
  ends: number[];
}

const SEPARATOR = 0;
const COMBINING_TILDE = 0x0303;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/** null: not part of a word; '': a mark to drop inside a word; otherwise the folded text. */
function foldCodePoint(char: string): string | null {
  if (char === 'ñ' || char === 'Ñ') return 'ñ';
  if (MARK.test(char)) return '';
  if (!WORD_CHAR.test(char)) return null;
  const special = SPECIAL[char];
  if (special !== undefined) return special;
  return char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Letters NFD does not decompose but readers treat as plain Latin letters. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l' };

// Latin-1 and Latin Extended-A/B cover Spanish and English news; a table keeps
// the hot loop free of regular expressions. Other characters go through a cache.
const TABLE_SIZE = 0x0250;
const table: (string | null)[] = [];
for (let code = 0; code < TABLE_SIZE; code++) table.push(foldCodePoint(String.fromCharCode(code)));
const cache = new Map<number, string | null>();

function foldCode(code: number): string | null {
  if (code < TABLE_SIZE) return table[code] ?? null;
  let folded = cache.get(code);
  if (folded === undefined) {
    folded = foldCodePoint(String.fromCodePoint(code));
    if (cache.size < 10_000) cache.set(code, folded);
  }
  return folded;
}

/** Splits a text into folded words with their original spans. */
export function splitWords(text: string): Words {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let start = -1;
  // A word made only of a-z and 0-9 is a slice of the original: no copying.
  let plain = true;
  let built = '';
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : SEPARATOR;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start < 0) {
        start = i;
        plain = true;
        built = '';
      }
      if (!plain) built += text[i];
      continue;
    }
    let folded: string | null;
    let width = 1;
    if (code === SEPARATOR && i === length) folded = null;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const point = text.codePointAt(i) ?? code;
      folded = foldCode(point);
      width = 2;
    } else folded = foldCode(code);

    if (folded === null) {
      if (start >= 0) {
        words.push(plain ? text.slice(start, i) : built);
        starts.push(start);
        ends.push(i);
        start = -1;
      }
    } else if (start < 0) {
      // A mark with no letter before it belongs to no word.
      if (folded !== '') {
        start = i;
        plain = false;
        built = folded;
      }
    } else {
      if (plain) {
        built = text.slice(start, i);
        plain = false;
      }
      if (code === COMBINING_TILDE && built.endsWith('n')) built = `${built.slice(0, -1)}ñ`;
      else built += folded;
    }
    if (width === 2) i++;
  }
  return { words, starts, ends };
}

/** The folded words of a phrase joined by single spaces: the key rules are compared by. */
export function foldPhrase(phrase: string): string {
  return splitWords(phrase).words.join(' ');
}
