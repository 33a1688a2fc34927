/**
 * The one-pass matcher: every phrase of every theme, context list, scope list
 * and region is compiled into a single trie over folded words, and a text is
 * read once, word by word, advancing all partial phrases together. Cost grows
 * with the text, not with the number of rules (a RegExp per term would read the
 * text once per term).
 *
 * A phrase word ending in `*` matches any word starting with it ("extorsion*"
 * for extorsión, extorsiones, extorsionadores). Words are looked up by a hash
 * of their folded units, so reading a text creates no strings.
 */
import { dropMarks, FOLD_TABLE, foldAt, MARK_LIMIT, scratchUnits, SEPARATOR, SLOW, splitWords } from './fold.ts';

export type Field = 0 | 1 | 2;
export const FIELD_NAMES = ['title', 'summary', 'text'] as const;

/** One place a phrase occurred: field, word span [first, last) and character span [from, to). */
export interface Occurrence {
  phrase: number;
  field: Field;
  first: number;
  last: number;
  from: number;
  to: number;
}

export interface PatternWord {
  text: string;
  prefix: boolean;
}

interface OpenPhrases {
  nodes: TrieNode[];
  from: number[];
  start: number[];
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Ids of the phrases that end at this node. */
  ends: number[];
}

/** A word of the rules' vocabulary, compared unit by unit after a hash hit. */
interface VocabularyWord {
  units: Uint16Array;
  /** Pattern-word id when the word is used in a phrase, else -1. */
  id: number;
  /** 1 Spanish function word, 2 English, 0 neither. */
  lang: 0 | 1 | 2;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The longest wildcard stem, in letters ("extorsion*" has 9). */
export const MAX_PREFIX = 64;
const FILTER_SIZE = 0x10000;
const FILTER_MASK = FILTER_SIZE - 1;

function hashOf(units: ArrayLike<number>, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (units[i] as number), FNV_PRIME);
  return h;
}

function unitsOf(word: string): Uint16Array {
  return Uint16Array.from(word, (c) => c.charCodeAt(0));
}

function equalUnits(word: Uint16Array, units: Uint16Array, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word[k] !== units[start + k]) return false;
  return true;
}

/** Parses "minería ilegal", "extorsion*" or "Coca-Cola" into pattern words. */
export function parsePattern(phrase: string): PatternWord[] {
  const { words, ends } = splitWords(phrase);
  return words.map((text, i) => ({ text, prefix: phrase[ends[i] ?? 0] === '*' }));
}

/**
 * Why a parsed phrase cannot go into the index, or undefined if it can. The
 * only limit is a wildcard stem longer than MAX_PREFIX letters.
 */
export function patternProblem(words: PatternWord[]): string | undefined {
  const long = words.find((w) => w.prefix && w.text.length > MAX_PREFIX);
  return long ? `wildcard "${long.text}*" has ${long.text.length} letters; a wildcard stem may have at most ${MAX_PREFIX}, so shorten it` : undefined;
}

export function patternKey(words: PatternWord[]): string {
  return words.map((w) => (w.prefix ? `${w.text}*` : w.text)).join(' ');
}

export interface ScanResult {
  /** Occurrences by phrase id; phrases that did not occur are absent. */
  hits: Map<number, Occurrence[]>;
  spanishWords: number;
  englishWords: number;
  /** Number of words in each field. */
  wordCounts: number[];
}

export class PhraseIndex {
  private readonly words = new Map<number, VocabularyWord[]>();
  private readonly prefixes = new Map<number, VocabularyWord[]>();
  /** prefixLengths[n] is true when some prefix pattern has n units. */
  private readonly prefixLengths = new Uint8Array(MAX_PREFIX + 1);
  // Low 16 bits of the hashes in `words` and `prefixes`: most words of a text
  // are in neither, and one array read rules them out before any Map lookup.
  private readonly wordFilter = new Uint8Array(FILTER_SIZE);
  private readonly prefixFilter = new Uint8Array(FILTER_SIZE);
  private readonly root: TrieNode = { next: new Map(), ends: [] };
  private readonly keys = new Map<string, number>();
  private wordCount = 0;
  phraseCount = 0;
  /** The pattern words of each phrase, by id. */
  readonly phrases: PatternWord[][] = [];
  // Scratch space for the ids of the word being read, reused to avoid allocation.
  private ids: number[] = [];
  private idCount = 0;
  private lang: 0 | 1 | 2 = 0;
  private readonly openA: OpenPhrases = { nodes: [], from: [], start: [] };
  private readonly openB: OpenPhrases = { nodes: [], from: [], start: [] };

  constructor(spanish: readonly string[], english: readonly string[]) {
    for (const [list, lang] of [[spanish, 1], [english, 2]] as const) {
      for (const phrase of list) for (const word of parsePattern(phrase)) this.vocabularyWord(this.words, word.text).lang = lang;
    }
  }

  /** Adds a phrase (or finds it if an equal one was added) and returns its id. */
  add(words: PatternWord[]): number {
    const key = patternKey(words);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    let node = this.root;
    for (const word of words) {
      const id = this.wordId(word);
      let child = node.next.get(id);
      if (!child) {
        child = { next: new Map(), ends: [] };
        node.next.set(id, child);
      }
      node = child;
    }
    const phraseId = this.phraseCount++;
    this.phrases.push(words);
    node.ends.push(phraseId);
    this.keys.set(key, phraseId);
    return phraseId;
  }

  private vocabularyWord(table: Map<number, VocabularyWord[]>, text: string): VocabularyWord {
    const units = unitsOf(text);
    const hash = hashOf(units, 0, units.length);
    (table === this.words ? this.wordFilter : this.prefixFilter)[hash & FILTER_MASK] = 1;
    const bucket = table.get(hash) ?? [];
    table.set(hash, bucket);
    let entry = bucket.find((w) => w.units.length === units.length && equalUnits(w.units, units, 0));
    if (!entry) {
      entry = { units, id: -1, lang: 0 };
      bucket.push(entry);
    }
    return entry;
  }

  private wordId(word: PatternWord): number {
    // compileRules checks patternProblem first and reports it as a rules problem.
    if (word.prefix && word.text.length > MAX_PREFIX) throw new RangeError(`"${word.text}*" is longer than ${MAX_PREFIX} letters`);
    const entry = this.vocabularyWord(word.prefix ? this.prefixes : this.words, word.text);
    if (entry.id < 0) entry.id = this.wordCount++;
    if (word.prefix) this.prefixLengths[word.text.length] = 1;
    return entry.id;
  }

  /** Adds the exact-word ids of units[start, end) with hash h to this.ids and sets this.lang. */
  private resolveWhole(units: Uint16Array, start: number, end: number, h: number): void {
    if (this.wordFilter[h & FILTER_MASK] === 0) return;
    const bucket = this.words.get(h);
    if (bucket === undefined) return;
    for (const w of bucket) {
      if (w.units.length === end - start && equalUnits(w.units, units, start)) {
        if (w.id >= 0) this.ids[this.idCount++] = w.id;
        this.lang = w.lang;
      }
    }
  }

  /** Adds the ids of prefix patterns of `length` units with hash h that start units[start…]. */
  private resolvePrefix(units: Uint16Array, start: number, length: number, h: number): void {
    if (this.prefixFilter[h & FILTER_MASK] === 0) return;
    const bucket = this.prefixes.get(h);
    if (bucket === undefined) return;
    for (const p of bucket) if (p.units.length === length && equalUnits(p.units, units, start)) this.ids[this.idCount++] = p.id;
  }

  /** Resolves a whole word given as a string (the rare path for words with combining marks). */
  private resolveString(word: string): void {
    const units = unitsOf(word);
    this.idCount = 0;
    this.lang = 0;
    let h = FNV_OFFSET;
    for (let i = 0; i < units.length; i++) {
      h = Math.imul(h ^ (units[i] as number), FNV_PRIME);
      if (i + 1 <= MAX_PREFIX && this.prefixLengths[i + 1] === 1) this.resolvePrefix(units, 0, i + 1, h);
    }
    this.resolveWhole(units, 0, units.length, h);
  }

  /**
   * Reads each field once: folds each unit through the table, finds word ends,
   * hashes words as it goes, and advances every open phrase. Returns every
   * phrase occurrence.
   */
  scan(fields: readonly string[]): ScanResult {
    const hits = new Map<number, Occurrence[]>();
    const prefixLengths = this.prefixLengths;
    const prefixFilter = this.prefixFilter;
    let spanishWords = 0;
    let englishWords = 0;
    const wordCounts: number[] = [];
    // Imported bindings read through a getter under some loaders (tsx's CommonJS
    // output), once per character; local constants keep the hot loop a table read.
    const table = FOLD_TABLE;
    const separator = SEPARATOR;
    const slow = SLOW;
    const markLimit = MARK_LIMIT;
    for (let f = 0; f < fields.length; f++) {
      const text = fields[f] ?? '';
      const length = text.length;
      const units = scratchUnits(length);
      // Partial phrases still open: the trie node reached, the word and the offset
      // they began at. Two sets of arrays are swapped each word to avoid allocation.
      let open = this.openA;
      let next = this.openB;
      let openCount = 0;
      let wordIndex = -1;
      let start = -1;
      let marked = false;
      let h = FNV_OFFSET;
      let previous = separator;
      for (let i = 0; i <= length; i++) {
        let unit = separator;
        if (i < length) {
          unit = table[text.charCodeAt(i)] as number;
          if (unit >= slow) unit = foldAt(text, i, previous);
          units[i] = unit;
          previous = unit;
        }
        if (unit !== separator) {
          if (start < 0) {
            if (unit <= markLimit) continue; // a mark with no letter before it belongs to no word
            start = i;
            marked = false;
            h = FNV_OFFSET;
            this.idCount = 0;
          }
          if (unit <= markLimit) {
            marked = true;
            continue;
          }
          h = Math.imul(h ^ unit, FNV_PRIME);
          const size = i + 1 - start;
          if (!marked && size <= MAX_PREFIX && prefixLengths[size] === 1 && prefixFilter[h & FILTER_MASK] === 1) this.resolvePrefix(units, start, size, h);
          continue;
        }
        if (start < 0) continue;
        // A word ends at i.
        wordIndex++;
        const end = i;
        if (marked) this.resolveString(dropMarks(String.fromCharCode(...units.subarray(start, end))));
        else {
          this.lang = 0;
          this.resolveWhole(units, start, end, h);
        }
        const wordStart = start;
        start = -1;
        if (this.lang === 1) spanishWords++;
        else if (this.lang === 2) englishWords++;
        if (this.idCount === 0) {
          openCount = 0;
          continue;
        }
        let nextCount = 0;
        for (let o = -1; o < openCount; o++) {
          const node = o < 0 ? this.root : (open.nodes[o] as TrieNode);
          const from = o < 0 ? wordIndex : (open.from[o] as number);
          const fromChar = o < 0 ? wordStart : (open.start[o] as number);
          for (let k = 0; k < this.idCount; k++) {
            const child = node.next.get(this.ids[k] as number);
            if (!child) continue;
            for (const phrase of child.ends) {
              const occurrence: Occurrence = { phrase, field: f as Field, first: from, last: wordIndex + 1, from: fromChar, to: end };
              const list = hits.get(phrase);
              if (list) list.push(occurrence);
              else hits.set(phrase, [occurrence]);
            }
            if (child.next.size > 0) {
              next.nodes[nextCount] = child;
              next.from[nextCount] = from;
              next.start[nextCount] = fromChar;
              nextCount++;
            }
          }
        }
        const swap = open;
        open = next;
        next = swap;
        openCount = nextCount;
      }
      wordCounts.push(wordIndex + 1);
    }
    return { hits, spanishWords, englishWords, wordCounts };
  }
}
