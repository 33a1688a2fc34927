/**
 * The text runs of an HTML fragment, before cleaning and space folding
 * (html-text.ts does those): text and decoded entities, "\n" where a block
 * ends, nothing from dropped elements. Feed HTML is almost always the plain
 * shape — tags with quoted attributes, entities, comments, a <script> — and a
 * hand-written scanner reads that shape several times faster than a
 * tokenizer with callbacks. Anything else (CDATA, doctypes, processing
 * instructions, <title>/<textarea>/<xmp>, `</` not followed by a letter, a
 * construct cut off by the end of the text) goes to htmlparser2's Tokenizer,
 * whose reading the scanner reproduces exactly for the shapes it accepts
 * (htmlparser2 10.1 Tokenizer.js states; tests/feeds/normalize/html-scan.test.ts
 * compares the two on generated HTML).
 */
import { decodeHTML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** Elements whose content is never article text. */
const DROPPED = ['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'svg', 'form', 'nav', 'aside', 'footer', 'header', 'template', 'button', 'select', 'figcaption'];
/** Elements that end a line of text. */
const BLOCKS = ['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'section', 'article', 'pre', 'ul', 'ol', 'table', 'figure', 'hr', 'dd', 'dt'];
/** Void elements: they never close, so a dropped one must not start skipping. */
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'];
/** Raw-text elements the scanner reads itself (their content is dropped). */
const RAW_TEXT = ['script', 'style'];
/** Raw-text and RCDATA elements left to the tokenizer. */
const TOKENIZER_ONLY = ['title', 'textarea', 'xmp'];

const DROP = 1, BLOCK = 2, IS_VOID = 4, RAW = 8, TOKENIZER = 16, BR = 32;
/**
 * Each listed name's bits above, found by a number computed from the name's
 * characters (base 37, case folded; ASCII letters and digits, at most 10 of
 * them) in an open-addressing table of typed arrays: one lookup per tag, and
 * no string is cut out, hashed or boxed for it. Names not listed have no bits.
 */
const TABLE_SIZE = 256;
const TABLE_KEYS = new Float64Array(TABLE_SIZE);
const TABLE_BITS = new Uint8Array(TABLE_SIZE);
for (const [names, bit] of [[DROPPED, DROP], [BLOCKS, BLOCK], [VOID, IS_VOID], [RAW_TEXT, RAW], [TOKENIZER_ONLY, TOKENIZER], [['br'], BR]] as const) {
  for (const name of names) {
    const key = nameKey(name, 0, name.length);
    let slot = firstSlot(key);
    while (TABLE_KEYS[slot] !== 0 && TABLE_KEYS[slot] !== key) slot = (slot + 1) % TABLE_SIZE;
    TABLE_KEYS[slot] = key;
    TABLE_BITS[slot]! |= bit;
  }
}
const RAW_TEXT_END = new Map([
  ['script', /<\/script[\t\n\f\r >]/gi],
  ['style', /<\/style[\t\n\f\r >]/gi],
]);
/** Characters the tokenizer's case-insensitive end-tag match (`c | 0x20`) takes for `<` and `/`. */
const LOOKALIKES = /[\x0f\x1c]/; // eslint-disable-line no-control-regex -- these two controls are the point

const MAY_REFER = /&[#A-Za-z]/;
const GT = 0x3e, SLASH = 0x2f, EQ = 0x3d, DQ = 0x22, SQ = 0x27, BANG = 0x21;

/** Space, tab, LF, CR and form feed: the only whitespace the tokenizer knows. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Element rules applied to tag names, shared by both readers. */
class TextRuns {
  text = '';
  private skipping = 0;

  open(element: number): void {
    if ((element & (DROP | IS_VOID)) === DROP) this.skipping++;
    else if (this.skipping === 0 && element & BR) this.text += '\n';
  }

  selfClose(element: number): void {
    if ((element & (DROP | IS_VOID)) === DROP) this.skipping = Math.max(0, this.skipping - 1);
  }

  close(element: number): void {
    if (element & DROP) this.skipping = Math.max(0, this.skipping - 1);
    else if (this.skipping === 0 && element & BLOCK) this.text += '\n';
  }

  get adding(): boolean {
    return this.skipping === 0;
  }

  add(text: string): void {
    if (this.skipping === 0) this.text += text;
  }
}

/** The text runs of `html` (see the module comment). Never throws. */
export function scanHtmlText(html: string): string {
  return scanPlainShape(html) ?? tokenizeHtml(html);
}

/** The scanner: undefined as soon as the HTML leaves the shape it reads exactly. */
export function scanPlainShape(html: string): string | undefined {
  const runs = new TextRuns();
  const n = html.length;
  let textStart = 0;
  let from = 0;
  for (;;) {
    const lt = html.indexOf('<', from);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (isAlpha(next)) {
      addText(runs, html, textStart, lt);
      const end = openTag(html, lt + 1, runs);
      if (end === -1) return undefined;
      textStart = from = end;
    } else if (next === SLASH) {
      if (!isAlpha(html.charCodeAt(lt + 2))) return undefined;
      addText(runs, html, textStart, lt);
      let i = lt + 3;
      while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== GT) i++;
      const gt = html.indexOf('>', i);
      if (gt === -1) return undefined;
      runs.close(elementAt(html, lt + 2, i));
      textStart = from = gt + 1;
    } else if (next === BANG) {
      if (!html.startsWith('<!--', lt)) return undefined;
      // The tokenizer starts its "-->" search on the opening dashes, so "<!-->" is a whole comment.
      const close = html.indexOf('-->', lt + 2);
      if (close === -1) return undefined;
      addText(runs, html, textStart, lt);
      textStart = from = close + 3;
    } else if (next === 0x3f /* ? */) {
      return undefined;
    } else {
      from = lt + 1; // "a < b", "<3", a last "<": text
    }
  }
  addText(runs, html, textStart, n);
  return runs.text;
}

/** The bits of a tag name as written (any case, as String.prototype.toLowerCase folds it). */
function elementOf(name: string): number {
  const lower = name.toLowerCase();
  const key = nameKey(lower, 0, lower.length);
  return key === -1 ? 0 : bitsOf(key);
}

/** The bits of each one-character ASCII tag name (<p>, <a>, <b>: half the tags of feed HTML), by character code. */
const ONE_CHARACTER = Uint8Array.from({ length: 128 }, (_, code) => elementOf(String.fromCharCode(code)));

/** The bits of the tag name text[start, end). */
function elementAt(text: string, start: number, end: number): number {
  if (end - start === 1) {
    const code = text.charCodeAt(start);
    if (code < 128) return ONE_CHARACTER[code]!;
  }
  const key = nameKey(text, start, end);
  return key === -1 ? elementOf(text.slice(start, end)) : bitsOf(key);
}

function bitsOf(key: number): number {
  for (let slot = firstSlot(key); TABLE_KEYS[slot] !== 0; slot = (slot + 1) % TABLE_SIZE) {
    if (TABLE_KEYS[slot] === key) return TABLE_BITS[slot]!;
  }
  return 0;
}

/**
 * `key % TABLE_SIZE`, without the `%`: on a double V8 calls the C library's
 * fmod for it, which cost more than the rest of the lookup. Exact for the
 * keys nameKey gives (whole numbers below 2^53; TABLE_SIZE a power of two).
 */
function firstSlot(key: number): number {
  return key - Math.floor(key / TABLE_SIZE) * TABLE_SIZE;
}

/** A number unique to each case-folded name of 1–10 ASCII letters and digits (exact: below 2^53); -1 for other names. */
function nameKey(text: string, start: number, end: number): number {
  if (end - start > 10) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) key = key * 37 + (c - 0x60);
    else if (c >= 0x41 && c <= 0x5a) key = key * 37 + (c - 0x40);
    else if (c >= 0x30 && c <= 0x39) key = key * 37 + (c - 0x30 + 27);
    else return -1;
  }
  return key;
}

function addText(runs: TextRuns, html: string, start: number, end: number): void {
  if (end <= start || !runs.adding) return;
  const text = html.slice(start, end);
  // Only "&#" or "&" and a letter can start a reference: a text of bare "&"s skips the decoder.
  runs.add(text.includes('&') && MAY_REFER.test(text) ? decodeHTML(text) : text);
}

/**
 * Reads a start tag whose name begins at `at`; returns where text resumes
 * after it (past a raw-text element's end tag), or -1 to hand over to the tokenizer.
 */
function openTag(html: string, at: number, runs: TextRuns): number {
  const n = html.length;
  let i = at;
  while (i < n && !isEndOfTagSection(html.charCodeAt(i))) i++;
  const element = elementAt(html, at, i);
  if (element & TOKENIZER) return -1;
  const found = startTagEnd(html, i);
  if (found === -1) return -1;
  const end = Math.floor(found / 2);
  const selfClosing = found % 2 === 1;
  runs.open(element);
  if (selfClosing) runs.selfClose(element);
  if (!(element & RAW) || selfClosing) return end + 1;
  const name = html.slice(at, i).toLowerCase();
  const rawEnd = RAW_TEXT_END.get(name)!;
  // <script> and <style>: everything up to the end tag is (dropped) text.
  rawEnd.lastIndex = end + 1;
  const match = rawEnd.exec(html);
  if (!match) return LOOKALIKES.test(html.slice(end + 1)) ? -1 : n;
  if (LOOKALIKES.test(html.slice(end + 1, match.index + 2))) return -1;
  const nameEnd = match.index + 2 + name.length;
  const gt = html.indexOf('>', nameEnd);
  if (gt === -1) return -1;
  runs.close(element);
  return gt + 1;
}

function isEndOfTagSection(c: number): boolean {
  return c === SLASH || c === GT || isSpace(c);
}

/**
 * Where a start tag whose attributes begin at `at` ends: 2 × the index of its
 * `>`, plus 1 when it self-closes; -1 if the text ends first. Follows the tokenizer's attribute states:
 * quoted values may hold `>` and `/`, an unquoted value ends at space or `>`
 * (a `/` is part of it), and `/` then `>` (spaces allowed between) self-closes.
 */
function startTagEnd(html: string, at: number): number {
  const n = html.length;
  let i = at;
  let slash = false; // in the tokenizer's InSelfClosingTag state
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === GT) return i * 2 + (slash ? 1 : 0);
    if (slash && isSpace(c)) {
      i++;
      continue;
    }
    slash = false;
    if (c === SLASH) {
      slash = true;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else {
      // An attribute name, then maybe "=" and a value.
      i++;
      while (i < n && !isEndOfTagSection(html.charCodeAt(i)) && html.charCodeAt(i) !== EQ) i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (html.charCodeAt(i) !== EQ) continue;
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const quote = html.charCodeAt(i);
      if (quote === DQ || quote === SQ) {
        const close = html.indexOf(quote === DQ ? '"' : "'", i + 1);
        if (close === -1) return -1;
        i = close + 1;
      } else {
        while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== GT) i++;
      }
    }
  }
  return -1;
}

/**
 * The general reader: htmlparser2's Tokenizer straight to text (no DOM, no
 * tag stack). Reads any HTML; exported so tests can hold the scanner to it.
 */
export function tokenizeHtml(html: string): string {
  const runs = new TextRuns();
  let opened = 0;
  const noop = () => {};
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      opened = elementOf(html.slice(start, end));
      runs.open(opened);
    },
    onselfclosingtag() {
      runs.selfClose(opened);
    },
    onclosetag(start, end) {
      runs.close(elementOf(html.slice(start, end)));
    },
    ontext(start, end) {
      runs.add(html.slice(start, end));
    },
    ontextentity(codePoint) {
      runs.add(String.fromCodePoint(codePoint));
    },
    onattribdata: noop,
    onattribentity: noop,
    onattribend: noop,
    onattribname: noop,
    oncdata: noop,
    oncomment: noop,
    ondeclaration: noop,
    onend: noop,
    onopentagend: noop,
    onprocessinginstruction: noop,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return runs.text;
}
