/**
 * The one-pass matcher: every phrase of every theme, context list, scope list
 * and region is compiled into a single trie over folded words, and a text is
 * read once, word by word, advancing all partial phrases together. Cost grows
 * with the text, not with the number of rules (a RegExp per term would read the
 * text once per term).
 *
 * A phrase word ending in `*` matches any word starting with it ("extorsion*"
 * for extorsión, extorsiones, extorsionadores). Words are looked up by a hash
 * of their folded units, so reading a text creates no strings. Phrases are
 * added to a trie of Maps; the first scan after a change lays it out in flat
 * typed arrays (open-addressing tables for words, stems and trie edges), so
 * the hot loop does array reads only.
 */
import { dropMarks, FOLD_TABLE, foldAt, scratchUnits, SEPARATOR, SLOW, splitWords } from './fold.ts';

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

/**
 * The index in flat typed arrays, built from the trie on the first scan after
 * a change: open-addressing tables for the vocabulary (whole words and
 * wildcard stems) and for trie edges, so reading a word costs a few array
 * reads and no Map lookup.
 */
interface FlatIndex {
  /** The units of every vocabulary word, end to end. */
  units: Uint16Array;
  /**
   * Slot tables, four numbers a slot, so one read brings a word's whole entry:
   * offset of its units + 1 (0 = empty slot), full hash, length + language × 2^16
   * (1 Spanish, 2 English function word), pattern-word id (-1: a language word only).
   */
  wordSlots: Int32Array;
  wordShift: number;
  prefixSlots: Int32Array;
  prefixShift: number;
  /**
   * By stemKey of a word's first two units: bit (n - 2) is set when a stem of
   * n units (3 ≤ n ≤ STEM_MASK_MAX) starts with two units of that key.
   */
  stemMasks: Int32Array;
  /** Child of the root by word id, -1 when none. */
  rootChild: Int32Array;
  /** Edges of the other nodes: (edgeNode, edgeWord) → edgeChild, open addressing; edgeChild -1 = empty. */
  edgeNode: Int32Array;
  edgeWord: Int32Array;
  edgeChild: Int32Array;
  edgeShift: number;
  /** Phrase ids ending at node n: ends[endStart[n] … endStart[n + 1]). */
  endStart: Int32Array;
  ends: Int32Array;
  /** 1 when node n has children (a phrase can continue past it). */
  hasNext: Uint8Array;
}

const GOLDEN = 0x9e3779b1;

/** log2 of a power-of-two table size holding `count` keys at a load of at most 1/4. */
function tableBits(count: number): number {
  let bits = 6;
  while (1 << bits < count * 4) bits++;
  return bits;
}

/** Stems up to this many units are filtered by stemMasks; longer ones by prefixLengths alone. */
const STEM_MASK_MAX = 33;
const STEM_KEY_BITS = 12;
const stemKey = (a: number, b: number) => (Math.imul(a, 37) ^ b) & ((1 << STEM_KEY_BITS) - 1);
const slotOf = (h: number, shift: number) => Math.imul(h, GOLDEN) >>> shift;
const edgeHash = (node: number, word: number) => Math.imul(node, FNV_PRIME) ^ word;

export class PhraseIndex {
  private readonly words = new Map<number, VocabularyWord[]>();
  private readonly prefixes = new Map<number, VocabularyWord[]>();
  /** prefixLengths[n] is 1 when some prefix pattern has n units. */
  private readonly prefixLengths = new Uint8Array(MAX_PREFIX + 1);
  private readonly root: TrieNode = { next: new Map(), ends: [] };
  private readonly keys = new Map<string, number>();
  private wordCount = 0;
  phraseCount = 0;
  /** The pattern words of each phrase, by id. */
  readonly phrases: PatternWord[][] = [];
  private flat: FlatIndex | undefined;
  // Scratch space reused by every scan: the ids of the word being read, and
  // two sets of open partial phrases (node, first word, first offset) swapped each word.
  private ids = new Int32Array(16);
  private openA = { node: new Int32Array(64), from: new Int32Array(64), start: new Int32Array(64) };
  private openB = { node: new Int32Array(64), from: new Int32Array(64), start: new Int32Array(64) };

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
    this.flat = undefined;
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
    this.flat = undefined;
    const units = unitsOf(text);
    const hash = hashOf(units, 0, units.length);
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

  /** Builds the flat tables from the vocabulary maps and the trie. */
  private flatten(): FlatIndex {
    const entries: { word: VocabularyWord; hash: number }[] = [];
    const collect = (table: Map<number, VocabularyWord[]>) => {
      const first = entries.length;
      for (const [hash, bucket] of table) for (const word of bucket) entries.push({ word, hash });
      return { first, count: entries.length - first };
    };
    const whole = collect(this.words);
    const stems = collect(this.prefixes);
    const unitTotal = entries.reduce((sum, e) => sum + e.word.units.length, 0);
    const units = new Uint16Array(unitTotal);
    const unitStart: number[] = [];
    let offset = 0;
    for (const { word } of entries) {
      units.set(word.units, offset);
      unitStart.push(offset);
      offset += word.units.length;
    }
    const slotTable = ({ first, count }: { first: number; count: number }) => {
      const bits = tableBits(count);
      const slots = new Int32Array(4 << bits);
      const mask = (1 << bits) - 1;
      for (let e = first; e < first + count; e++) {
        const { word, hash } = entries[e] as { word: VocabularyWord; hash: number };
        let slot = slotOf(hash, 32 - bits);
        while (slots[4 * slot] !== 0) slot = (slot + 1) & mask;
        slots[4 * slot] = (unitStart[e] as number) + 1;
        slots[4 * slot + 1] = hash;
        slots[4 * slot + 2] = word.units.length + word.lang * 0x10000;
        slots[4 * slot + 3] = word.id;
      }
      return { slots, shift: 32 - bits };
    };
    const stemMasks = new Int32Array(1 << STEM_KEY_BITS);
    for (let e = stems.first; e < stems.first + stems.count; e++) {
      const units = (entries[e] as { word: VocabularyWord }).word.units;
      if (units.length < 3 || units.length > STEM_MASK_MAX) continue;
      const key = stemKey(units[0] as number, units[1] as number);
      stemMasks[key] = (stemMasks[key] as number) | (1 << (units.length - 2));
    }
    const wordTable = slotTable(whole);
    const prefixTable = slotTable(stems);

    // Number the trie's nodes breadth first (the root is 0) and lay out their edges.
    const nodes: TrieNode[] = [this.root];
    const numbers = new Map<TrieNode, number>([[this.root, 0]]);
    for (let n = 0; n < nodes.length; n++) {
      for (const child of (nodes[n] as TrieNode).next.values()) {
        numbers.set(child, nodes.length);
        nodes.push(child);
      }
    }
    const rootChild = new Int32Array(Math.max(1, this.wordCount)).fill(-1);
    for (const [word, child] of this.root.next) rootChild[word] = numbers.get(child) as number;
    const edgeCount = nodes.reduce((sum, node) => sum + (node === this.root ? 0 : node.next.size), 0);
    const edgeBits = tableBits(edgeCount);
    const edgeMask = (1 << edgeBits) - 1;
    const edgeNode = new Int32Array(1 << edgeBits);
    const edgeWord = new Int32Array(1 << edgeBits);
    const edgeChild = new Int32Array(1 << edgeBits).fill(-1);
    const endStart = new Int32Array(nodes.length + 1);
    const ends: number[] = [];
    const hasNext = new Uint8Array(nodes.length);
    nodes.forEach((node, n) => {
      endStart[n] = ends.length;
      ends.push(...node.ends);
      hasNext[n] = node.next.size > 0 ? 1 : 0;
      if (n === 0) return;
      for (const [word, child] of node.next) {
        let slot = slotOf(edgeHash(n, word), 32 - edgeBits);
        while (edgeChild[slot] !== -1) slot = (slot + 1) & edgeMask;
        edgeNode[slot] = n;
        edgeWord[slot] = word;
        edgeChild[slot] = numbers.get(child) as number;
      }
    });
    endStart[nodes.length] = ends.length;
    return {
      units,
      wordSlots: wordTable.slots,
      wordShift: wordTable.shift,
      prefixSlots: prefixTable.slots,
      prefixShift: prefixTable.shift,
      stemMasks,
      rootChild,
      edgeNode,
      edgeWord,
      edgeChild,
      edgeShift: 32 - edgeBits,
      endStart,
      ends: Int32Array.from(ends),
      hasNext,
    };
  }

  /**
   * The vocabulary entry whose units equal units[start, start + length) with
   * hash h in a slot table, or -1.
   */
  /** The slot (index of its first number) whose word equals units[start, start + length) with hash h, or -1. */
  private static find(flat: FlatIndex, slots: Int32Array, shift: number, units: Uint16Array, start: number, length: number, h: number): number {
    const mask = slots.length / 4 - 1;
    for (let slot = slotOf(h, shift); ; slot = (slot + 1) & mask) {
      const at = (slots[4 * slot] as number) - 1;
      if (at < 0) return -1;
      if (slots[4 * slot + 1] !== h || ((slots[4 * slot + 2] as number) & 0xffff) !== length) continue;
      let k = 0;
      while (k < length && flat.units[at + k] === units[start + k]) k++;
      if (k === length) return 4 * slot;
    }
  }

  /**
   * Resolves a whole word given as a string (the rare path for words with
   * combining marks): its ids go to this.ids; returns [id count, language].
   */
  private resolveString(flat: FlatIndex, word: string): [number, number] {
    const units = unitsOf(word);
    let count = 0;
    let h = FNV_OFFSET;
    for (let i = 0; i < units.length; i++) {
      h = Math.imul(h ^ (units[i] as number), FNV_PRIME);
      if (i + 1 <= MAX_PREFIX && this.prefixLengths[i + 1] === 1) {
        const slot = PhraseIndex.find(flat, flat.prefixSlots, flat.prefixShift, units, 0, i + 1, h);
        if (slot >= 0) count = this.pushId(count, flat.prefixSlots[slot + 3] as number);
      }
    }
    const slot = PhraseIndex.find(flat, flat.wordSlots, flat.wordShift, units, 0, units.length, h);
    if (slot < 0) return [count, 0];
    const id = flat.wordSlots[slot + 3] as number;
    if (id >= 0) count = this.pushId(count, id);
    return [count, (flat.wordSlots[slot + 2] as number) >>> 16];
  }

  private pushId(count: number, id: number): number {
    if (count === this.ids.length) {
      const grown = new Int32Array(count * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[count] = id;
    return count + 1;
  }

  /** Makes room for `count` + 1 open phrases in the set `which`. */
  private growOpen(which: 'openA' | 'openB', count: number): void {
    const open = this[which];
    if (count < open.node.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this[which] = { node: grow(open.node), from: grow(open.from), start: grow(open.start) };
  }

  /**
   * Reads each field once: folds each unit through the table, finds word ends,
   * hashes words as it goes, and advances every open phrase. Returns every
   * phrase occurrence.
   */
  scan(fields: readonly string[]): ScanResult {
    this.flat ??= this.flatten();
    const flat = this.flat;
    const hits = new Map<number, Occurrence[]>();
    const prefixLengths = this.prefixLengths;
    const { units: vocabulary, wordSlots, wordShift, prefixSlots, prefixShift } = flat;
    const { rootChild, edgeNode, edgeWord, edgeChild, edgeShift, endStart, ends, hasNext } = flat;
    const stemMasks = flat.stemMasks;
    const wordMask = wordSlots.length / 4 - 1;
    const prefixMask = prefixSlots.length / 4 - 1;
    const edgeMask = edgeChild.length - 1;
    let spanishWords = 0;
    let englishWords = 0;
    const wordCounts: number[] = [];
    // Imported bindings read through a getter under some loaders (tsx's CommonJS
    // output), once per character; local constants keep the hot loop a table read.
    const table = FOLD_TABLE;
    const separator = SEPARATOR;
    const slow = SLOW;
    for (let f = 0; f < fields.length; f++) {
      const text = fields[f] ?? '';
      const length = text.length;
      const units = scratchUnits(length);
      let ids = this.ids;
      let idCount = 0;
      let open = this.openA;
      let next = this.openB;
      let openCount = 0;
      let wordIndex = -1;
      let start = -1;
      let marked = false;
      let h = FNV_OFFSET;
      let previous = separator;
      let stems = 0;
      for (let i = 0; i <= length; i++) {
        let unit = separator;
        if (i < length) {
          unit = table[text.charCodeAt(i)] as number;
          if (unit >= slow) unit = foldAt(text, i, previous);
          units[i] = unit;
          previous = unit;
        }
        if (unit > separator) {
          // A letter or digit.
          if (start < 0) {
            start = i;
            marked = false;
            h = FNV_OFFSET;
            idCount = 0;
            stems = 0;
          }
          h = Math.imul(h ^ unit, FNV_PRIME);
          if (marked) continue;
          const size = i + 1 - start;
          // Probe for a stem only when one of this length starts with the word's
          // first two units: `stems` bit 0 says so for the current length.
          let probe: boolean;
          if (size > 2) {
            probe = (stems & 1) !== 0;
            stems >>>= 1;
            if (size > STEM_MASK_MAX) probe = size <= MAX_PREFIX && prefixLengths[size] === 1;
          } else {
            if (size === 2) stems = (stemMasks[stemKey(units[start] as number, unit)] as number) >>> 1;
            probe = prefixLengths[size] === 1;
          }
          if (!probe) continue;
          // The stem of `size` units ending here, if the rules have it (at most one entry matches).
          for (let slot = slotOf(h, prefixShift); ; slot = (slot + 1) & prefixMask) {
            const at = (prefixSlots[4 * slot] as number) - 1;
            if (at < 0) break;
            if (prefixSlots[4 * slot + 1] !== h || ((prefixSlots[4 * slot + 2] as number) & 0xffff) !== size) continue;
            let k = 0;
            while (k < size && vocabulary[at + k] === units[start + k]) k++;
            if (k < size) continue;
            if (idCount === ids.length) {
              this.pushId(idCount, 0);
              ids = this.ids;
            }
            ids[idCount++] = prefixSlots[4 * slot + 3] as number;
            break;
          }
          continue;
        }
        if (unit !== separator) {
          // A combining mark: part of the word it follows; before any letter, of none.
          if (start >= 0) marked = true;
          continue;
        }
        if (start < 0) continue;
        // A word ends at i.
        wordIndex++;
        const end = i;
        let lang = 0;
        if (marked) {
          [idCount, lang] = this.resolveString(flat, dropMarks(String.fromCharCode(...units.subarray(start, end))));
          ids = this.ids;
        } else {
          const size = end - start;
          for (let slot = slotOf(h, wordShift); ; slot = (slot + 1) & wordMask) {
            const at = (wordSlots[4 * slot] as number) - 1;
            if (at < 0) break;
            const shape = wordSlots[4 * slot + 2] as number;
            if (wordSlots[4 * slot + 1] !== h || (shape & 0xffff) !== size) continue;
            let k = 0;
            while (k < size && vocabulary[at + k] === units[start + k]) k++;
            if (k < size) continue;
            const id = wordSlots[4 * slot + 3] as number;
            if (id >= 0) {
              if (idCount === ids.length) {
                this.pushId(idCount, 0);
                ids = this.ids;
              }
              ids[idCount++] = id;
            }
            lang = shape >>> 16;
            break;
          }
        }
        const wordStart = start;
        start = -1;
        if (lang === 1) spanishWords++;
        else if (lang === 2) englishWords++;
        if (idCount === 0) {
          openCount = 0;
          continue;
        }
        let nextCount = 0;
        for (let o = -1; o < openCount; o++) {
          const node = o < 0 ? 0 : (open.node[o] as number);
          const from = o < 0 ? wordIndex : (open.from[o] as number);
          const fromChar = o < 0 ? wordStart : (open.start[o] as number);
          for (let k = 0; k < idCount; k++) {
            const word = ids[k] as number;
            let child = -1;
            if (node === 0) child = rootChild[word] as number;
            else {
              for (let slot = slotOf(edgeHash(node, word), edgeShift); ; slot = (slot + 1) & edgeMask) {
                const c = edgeChild[slot] as number;
                if (c < 0) break;
                if (edgeNode[slot] === node && edgeWord[slot] === word) {
                  child = c;
                  break;
                }
              }
            }
            if (child < 0) continue;
            for (let e = endStart[child] as number, stop = endStart[child + 1] as number; e < stop; e++) {
              const phrase = ends[e] as number;
              const occurrence: Occurrence = { phrase, field: f as Field, first: from, last: wordIndex + 1, from: fromChar, to: end };
              const list = hits.get(phrase);
              if (list) list.push(occurrence);
              else hits.set(phrase, [occurrence]);
            }
            if (hasNext[child] === 1) {
              if (nextCount === next.node.length) {
                const which = next === this.openA ? 'openA' : 'openB';
                this.growOpen(which, nextCount);
                next = this[which];
              }
              next.node[nextCount] = child;
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
