/**
 * The one-pass matcher: every phrase of every theme, context list, scope list
 * and region is compiled into a single trie over folded words, and a text is
 * read once, word by word, advancing all partial phrases together. Cost grows
 * with the text, not with the number of rules (a RegExp per term would read the
 * text once per term).
 *
 * A phrase word ending in `*` matches any word starting with it ("extorsion*"
 * for extorsión, extorsiones, extorsionadores).
 *
 * Two levels, both laid out in flat typed arrays by the first scan after a
 * change:
 * - Letters → words: a deterministic automaton over folded letters (a trie of
 *   every vocabulary word and wildcard stem, one table row per trie node).
 *   Reading a character is a class-table read and a transition-table read
 *   (only the class read once the word can match nothing); a word is known
 *   when its last letter is read, and each stem as soon as its last letter is. Reading a text creates no strings (but for the rare word
 *   with combining marks, read again without them).
 * - Words → phrases: a trie over word ids, advanced once per word that has
 *   ids; a word with none (about half the words of a 4 KB bench article)
 *   costs nothing more.
 */
import { dropMarks, FOLD_TABLE, foldUnitAt, foldUnits, isSpace, MARK_LIMIT, SEPARATOR, SLOW, splitWords } from './fold.ts';

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

/** A word (or wildcard stem) of the rules' vocabulary. */
interface VocabularyWord {
  /** Folded text, without the `*` of a stem. */
  text: string;
  /** Pattern-word id when the word is used in a phrase, else -1. */
  id: number;
  /** 1 Spanish function word, 2 English, 0 neither. */
  lang: 0 | 1 | 2;
}

/** The longest wildcard stem, in letters ("extorsion*" has 9). */
export const MAX_PREFIX = 64;

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

/**
 * What a scan found. The phrases that occurred and their occurrences are two
 * parallel arrays rather than a Map by phrase id: a scan sets one entry per
 * phrase present (about 25 in a 4 KB bench article), and a Map's set cost
 * more than the arrays' push (about 1.5 µs of a ~30 µs scan).
 */
export interface ScanResult {
  /** Ids of the phrases that occurred, each once, in no particular order. */
  phrases: number[];
  /** occurrences[i]: where phrases[i] occurred, in text order (never empty). */
  occurrences: Occurrence[][];
  spanishWords: number;
  englishWords: number;
  /** Number of words in each field. */
  wordCounts: number[];
  /**
   * Per field: false when it has no space run (no space other than U+0020 and
   * no two U+0020 in a row), so no snippet cut from it has spaces to collapse;
   * true when it may have one (see snippetAround).
   */
  spaceRuns: boolean[];
}

/** Where phrase `phrase` occurred in a scan, in text order; [] when it did not. */
export function occurrencesOf(scan: ScanResult, phrase: number): Occurrence[] {
  const i = scan.phrases.indexOf(phrase);
  return i < 0 ? [] : (scan.occurrences[i] as Occurrence[]);
}

/*
 * Character classes of the letter automaton. A class table maps a UTF-16 unit
 * of the text straight to its class (its fold is looked up once per distinct
 * unit); each letter that occurs in the vocabulary has a class of its own, so
 * the transition table is (FIRST_LETTER + vocabulary letters) wide.
 */
/** Not looked up yet (the table's initial value), or half of a surrogate pair, which needs its neighbour. */
const UNKNOWN = 0;
/** Anything that separates words (folds to SEPARATOR). */
const GAP = 1;
/** A combining mark (folds to a mark placeholder): part of the word it follows. */
const MARK = 2;
/** A letter or digit that no vocabulary word contains: the word it is in matches nothing. */
const OTHER = 3;
const FIRST_LETTER = 4;

/*
 * A state of the automaton is the offset of its row in `step`. The classes
 * below FIRST_LETTER never make a transition, so their columns hold what the
 * state ends instead.
 */
/** Column: pattern-word id of the whole word ending at this state, -1 when none. */
const WORD_COLUMN = UNKNOWN;
/** Column: 1 when the whole word ending here is a Spanish function word, 2 English, 0 neither. */
const LANG_COLUMN = GAP;
/** Column: pattern-word id of the wildcard stem ending here, -1 when none. */
const STEM_COLUMN = MARK;
/** The state of a word that can match nothing: row 0, whose transitions all lead back to it. */
const DEAD = 0;

/**
 * The index in flat typed arrays, built from the vocabulary and the phrase
 * trie on the first scan after a change.
 */
interface FlatIndex {
  /** Folded unit → class (GAP, MARK, OTHER or a vocabulary letter), by unit. */
  unitClass: Uint16Array;
  /** Unit of the text → class, filled lazily (UNKNOWN until first seen). Surrogate halves stay UNKNOWN. */
  charClass: Uint16Array;
  /**
   * One row per letter-trie node, FIRST_LETTER + vocabulary letters wide; a
   * state is its row's offset. step[state + letter class] = 2 × next state,
   * + 1 when the next state ends a wildcard stem; a missing edge is 0 (DEAD).
   * Columns WORD_COLUMN, LANG_COLUMN and STEM_COLUMN hold what the state ends.
   * For the rules of 2026-11-30: 8,923 rows × 36 columns (32 letters), 1.3 MB.
   */
  step: Int32Array;
  /** The state at the start of each word (row 1). */
  start: number;
  /** Child of the phrase trie's root by word id, -1 when none. */
  rootChild: Int32Array;
  /**
   * Edges of the other nodes, open addressing, three numbers a slot so a probe
   * reads one cache line: node, word id, child (child -1: empty slot).
   */
  edges: Int32Array;
  edgeShift: number;
  /** Phrase ids ending at node n: ends[endStart[n] … endStart[n + 1]). */
  endStart: Int32Array;
  ends: Int32Array;
  /** 1 when node n has children (a phrase can continue past it). */
  hasNext: Uint8Array;
}

const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b1;

/** log2 of a power-of-two table size holding `count` keys at a load of at most 1/4. */
function tableBits(count: number): number {
  let bits = 6;
  while (1 << bits < count * 4) bits++;
  return bits;
}

const slotOf = (h: number, shift: number) => Math.imul(h, GOLDEN) >>> shift;
const edgeHash = (node: number, word: number) => Math.imul(node, FNV_PRIME) ^ word;

/**
 * The string of UTF-16 `units`, built CHUNK units at a time: one
 * String.fromCharCode(...units) call takes an argument per unit and throws
 * RangeError (call stack) past about 100,000, which a feed item's text can hold
 * in one word (tests/tagging/phrase-index.test.ts).
 */
function unitsToString(units: Uint16Array): string {
  const CHUNK = 8192;
  if (units.length <= CHUNK) return String.fromCharCode(...units);
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return out;
}

/** Fields shorter than this many UTF-16 units are copied by a loop rather than Buffer.write (see unitsOf). */
const SHORT_FIELD = 100;

/** Grows an Int32Array to twice its length, keeping its values. */
function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class PhraseIndex {
  /** Whole words and wildcard stems, by folded text. */
  private readonly words = new Map<string, VocabularyWord>();
  private readonly prefixes = new Map<string, VocabularyWord>();
  private readonly root: TrieNode = { next: new Map(), ends: [] };
  private readonly keys = new Map<string, number>();
  private wordCount = 0;
  phraseCount = 0;
  /** The pattern words of each phrase, by id. */
  readonly phrases: PatternWord[][] = [];
  private flat: FlatIndex | undefined;
  // Scratch space reused by every scan: the ids of the word being read (a word
  // has at most one stem per length up to MAX_PREFIX, plus itself), and two
  // sets of open partial phrases swapped each word, three numbers an entry:
  // trie node, first word, first offset.
  private readonly ids = new Int32Array(MAX_PREFIX + 1);
  private openA = new Int32Array(3 * 64);
  private openB = new Int32Array(3 * 64);
  /**
   * By phrase id: the phrase's occurrence list in the current scan's result, valid
   * only when stamps[id] is the scan's stamp (a scan that throws leaves nothing
   * behind that the next one could take for its own).
   */
  private lists: (Occurrence[] | undefined)[] = [];
  private stamps = new Int32Array(0);
  private scanStamp = 0;
  /** The units of the field being read (see unitsOf). */
  private units = new Uint16Array(4096);
  /** The same memory as `units`, for Buffer.write. */
  private unitBytes = Buffer.from(this.units.buffer);
  /** Language of the word resolveMarked read last (it returns its id count). */
  private markedLang = 0;

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

  private vocabularyWord(table: Map<string, VocabularyWord>, text: string): VocabularyWord {
    this.flat = undefined;
    let entry = table.get(text);
    if (!entry) {
      entry = { text, id: -1, lang: 0 };
      table.set(text, entry);
    }
    return entry;
  }

  private wordId(word: PatternWord): number {
    // compileRules checks patternProblem first and reports it as a rules problem.
    if (word.prefix && word.text.length > MAX_PREFIX) throw new RangeError(`"${word.text}*" is longer than ${MAX_PREFIX} letters`);
    const entry = this.vocabularyWord(word.prefix ? this.prefixes : this.words, word.text);
    if (entry.id < 0) entry.id = this.wordCount++;
    return entry.id;
  }

  /** Builds the letter automaton and the flat phrase trie. */
  private flatten(): FlatIndex {
    // Letter classes: one per distinct unit of the vocabulary.
    const unitClass = new Uint16Array(0x10000).fill(OTHER);
    unitClass[SEPARATOR] = GAP;
    for (let unit = 0; unit <= MARK_LIMIT; unit++) unitClass[unit] = MARK;
    let width = FIRST_LETTER;
    const vocabulary = [...this.words.values(), ...this.prefixes.values()];
    for (const { text } of vocabulary) {
      for (let i = 0; i < text.length; i++) if (unitClass[text.charCodeAt(i)] === OTHER) unitClass[text.charCodeAt(i)] = width++;
    }

    // The letter trie, as maps first (its size is known only at the end).
    const children: Map<number, number>[] = [new Map(), new Map()];
    const endOf = (text: string): number => {
      let state = 1;
      for (let i = 0; i < text.length; i++) {
        const letter = unitClass[text.charCodeAt(i)] as number;
        let next = (children[state] as Map<number, number>).get(letter);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          (children[state] as Map<number, number>).set(letter, next);
        }
        state = next;
      }
      return state;
    };
    const wordEnds = [...this.words.values()].map((word) => ({ word, state: endOf(word.text) }));
    const stemEnds = [...this.prefixes.values()].map((word) => ({ word, state: endOf(word.text) }));
    const step = new Int32Array(children.length * width);
    for (let row = 0; row < step.length; row += width) {
      step[row + WORD_COLUMN] = -1;
      step[row + STEM_COLUMN] = -1;
    }
    for (const { word, state } of wordEnds) {
      step[state * width + WORD_COLUMN] = word.id;
      step[state * width + LANG_COLUMN] = word.lang;
    }
    for (const { word, state } of stemEnds) step[state * width + STEM_COLUMN] = word.id;
    children.forEach((edges, state) => {
      for (const [letter, next] of edges) step[state * width + letter] = next * width * 2 + ((step[next * width + STEM_COLUMN] as number) >= 0 ? 1 : 0);
    });
    // Known before any text is read: the separator, which also ends the last word of a field (see scan).
    const charClass = new Uint16Array(0x10000);
    charClass[SEPARATOR] = GAP;

    // Number the phrase trie's nodes breadth first (the root is 0) and lay out their edges.
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
    const edges = new Int32Array(3 << edgeBits).fill(-1);
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
        while (edges[3 * slot + 2] !== -1) slot = (slot + 1) & edgeMask;
        edges[3 * slot] = n;
        edges[3 * slot + 1] = word;
        edges[3 * slot + 2] = numbers.get(child) as number;
      }
    });
    endStart[nodes.length] = ends.length;
    return {
      unitClass,
      charClass,
      step,
      start: width,
      rootChild,
      edges,
      edgeShift: 32 - edgeBits,
      endStart,
      ends: Int32Array.from(ends),
      hasNext,
    };
  }

  /**
   * The class of text[i] when charClass has none (the first time a unit is
   * seen, and every surrogate half, whose fold depends on its neighbour).
   */
  private static classAt(flat: FlatIndex, text: string, i: number): number {
    const code = text.charCodeAt(i);
    const folded = FOLD_TABLE[code] as number;
    const unitClass = flat.unitClass[folded < SLOW ? folded : foldUnitAt(text, i)] as number;
    if (code < 0xd800 || code > 0xdfff) flat.charClass[code] = unitClass;
    return unitClass;
  }

  /**
   * The ids of a word holding combining marks, text[start, end) (rare: text in
   * NFD, or stray marks): folds it with the marks dropped (n + U+0303 → ñ) and
   * runs the automaton over the result. Ids go to this.ids, the word's
   * language to this.markedLang; returns the id count.
   */
  private resolveMarked(flat: FlatIndex, text: string, start: number, end: number): number {
    const word = dropMarks(unitsToString(foldUnits(text.slice(start, end))));
    const { unitClass, step } = flat;
    let count = 0;
    let state = flat.start;
    for (let i = 0; i < word.length; i++) {
      const t = step[state + (unitClass[word.charCodeAt(i)] as number)] as number;
      state = t >>> 1;
      if ((t & 1) !== 0) this.ids[count++] = step[state + STEM_COLUMN] as number;
    }
    const id = step[state + WORD_COLUMN] as number;
    if (id >= 0) this.ids[count++] = id;
    this.markedLang = step[state + LANG_COLUMN] as number;
    return count;
  }

  /**
   * The UTF-16 units of `text` followed by one separator (0x20), in an array
   * reused by every scan (valid until the next call). Reading a typed array is
   * cheaper than charCodeAt, most of all on sliced and concatenated strings,
   * and the separator ends the last word without a length test per unit.
   */
  private unitsOf(text: string): Uint16Array {
    if (this.units.length <= text.length) {
      this.units = new Uint16Array(Math.max(text.length + 1, this.units.length * 2));
      this.unitBytes = Buffer.from(this.units.buffer);
    }
    const units = this.units;
    const length = text.length;
    // A short field (a title, an empty summary) is copied by a loop: the fixed cost of the call into Buffer.write
    // outweighs such a copy (the 100-unit threshold was not tuned; the A/B in docs/load.md measured it as a whole).
    let written = length;
    if (length < SHORT_FIELD) for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
    else written = this.unitBytes.write(text, 'utf16le') / 2;
    units[written] = SEPARATOR;
    return units;
  }

  /** Replaces the full open set `full` (openA or openB) by one twice as large, with the same entries. */
  private grownOpen(full: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
    const grown = doubled(full);
    if (full === this.openA) this.openA = grown;
    else this.openB = grown;
    return grown;
  }

  /**
   * Reads each field once, word by word: a word's letters run through the
   * letter automaton, and each word with ids advances every open phrase.
   * `fields` is [title, summary, text]; returns every phrase occurrence,
   * with word and UTF-16 offsets per field.
   */
  scan(fields: readonly string[]): ScanResult {
    this.flat ??= this.flatten();
    const flat = this.flat;
    const phrases: number[] = [];
    const occurrences: Occurrence[][] = [];
    // Locals, not this./flat. reads, in the loops: one read each per scan.
    const { charClass, step, start: startState } = flat;
    const { rootChild, edges, edgeShift, endStart, ends, hasNext } = flat;
    const edgeMask = edges.length / 3 - 1;
    const ids = this.ids;
    if (this.stamps.length < this.phraseCount) {
      this.stamps = new Int32Array(this.phraseCount);
      this.lists = new Array<Occurrence[] | undefined>(this.phraseCount).fill(undefined);
    }
    const { lists, stamps } = this;
    // Stamps run 1, 2, …; before they would overflow, every stamp is cleared so none is mistaken for this scan's.
    if (this.scanStamp === 0x7fffffff) {
      stamps.fill(0);
      this.scanStamp = 0;
    }
    const scanStamp = ++this.scanStamp;
    let spanishWords = 0;
    let englishWords = 0;
    const wordCounts: number[] = [];
    const spaceRuns: boolean[] = [];
    for (let f = 0; f < fields.length; f++) {
      const text = fields[f] ?? '';
      const length = text.length;
      const units = this.unitsOf(text);
      let open = this.openA;
      let next = this.openB;
      let openCount = 0;
      let wordIndex = -1;
      let spaceRun = false;
      let i = 0;
      while (i < length) {
        // Skip to the next letter or digit (a mark before any letter belongs to no word).
        let letter = charClass[units[i] as number] as number;
        if (letter === UNKNOWN) letter = PhraseIndex.classAt(flat, text, i);
        if (letter < OTHER) {
          // Every unit between words passes here once (a space is never part of a word): look for a space run.
          // The separator after the field's last unit counts as a space, so a field ending in one may be flagged.
          if (!spaceRun) {
            const unit = units[i] as number;
            // 0x20 literally: an imported constant is a getter call per unit under tsx's CommonJS output.
            if (unit === 0x20 ? units[i + 1] === 0x20 : unit < 0x80 ? unit >= 0x09 && unit <= 0x0d : isSpace(unit)) spaceRun = true;
          }
          i++;
          continue;
        }
        // Read the word's letters through the automaton; a stem's id as soon as its last letter is read.
        // The separator after the field's last unit (see unitsOf) ends its last word.
        const start = i;
        let state = startState;
        let idCount = 0;
        let marked = false;
        for (;;) {
          if (letter >= OTHER) {
            const t = step[state + letter] as number;
            state = t >>> 1;
            if ((t & 1) !== 0) ids[idCount++] = step[state + STEM_COLUMN] as number;
            else if (t === 0) {
              // DEAD (t === 0; a literal, not the constant: see the tsx note above): no letter can revive the word,
              // so run past its letters reading classes only; a mark, gap or unknown unit goes back to the loop.
              do letter = charClass[units[++i] as number] as number;
              while (letter >= OTHER);
              continue;
            }
          } else if (letter === GAP) break;
          else if (letter === MARK) {
            // A combining mark: the word is read again without marks at its end.
            marked = true;
            state = DEAD;
          } else {
            letter = PhraseIndex.classAt(flat, text, i);
            continue;
          }
          letter = charClass[units[++i] as number] as number;
        }
        // A word [start, i) ends here.
        const end = i;
        // units[i] is the gap that ended it: the space-run test of the loop above, without reading its class again
        // (the separator at `length` is not a unit of the field, as there).
        if (!spaceRun && i < length) {
          const unit = units[i] as number;
          if (unit === 0x20 ? units[i + 1] === 0x20 : unit < 0x80 ? unit >= 0x09 && unit <= 0x0d : isSpace(unit)) spaceRun = true;
        }
        i++;
        wordIndex++;
        let lang: number;
        if (marked) {
          idCount = this.resolveMarked(flat, text, start, end);
          lang = this.markedLang;
        } else {
          const id = step[state + WORD_COLUMN] as number;
          if (id >= 0) ids[idCount++] = id;
          lang = step[state + LANG_COLUMN] as number;
        }
        if (lang === 1) spanishWords++;
        else if (lang === 2) englishWords++;
        if (idCount === 0) {
          openCount = 0;
          continue;
        }
        // Advance the open phrases, and a new one starting at this word (o = -1), by each of the word's ids.
        let nextCount = 0;
        for (let o = -1; o < openCount; o++) {
          let node = 0;
          let from = wordIndex;
          let fromChar = start;
          if (o >= 0) {
            node = open[3 * o] as number;
            from = open[3 * o + 1] as number;
            fromChar = open[3 * o + 2] as number;
          }
          for (let k = 0; k < idCount; k++) {
            const word = ids[k] as number;
            let child = -1;
            if (node === 0) child = rootChild[word] as number;
            else {
              for (let slot = slotOf(edgeHash(node, word), edgeShift); ; slot = (slot + 1) & edgeMask) {
                const c = edges[3 * slot + 2] as number;
                if (c < 0) break;
                if (edges[3 * slot] === node && edges[3 * slot + 1] === word) {
                  child = c;
                  break;
                }
              }
            }
            if (child < 0) continue;
            for (let e = endStart[child] as number, stop = endStart[child + 1] as number; e < stop; e++) {
              const phrase = ends[e] as number;
              const occurrence: Occurrence = { phrase, field: f as Field, first: from, last: wordIndex + 1, from: fromChar, to: end };
              // The phrase's list in `occurrences`, found by id rather than by a search (stamp: set in this scan).
              if (stamps[phrase] === scanStamp) (lists[phrase] as Occurrence[]).push(occurrence);
              else {
                const list = [occurrence];
                stamps[phrase] = scanStamp;
                lists[phrase] = list;
                phrases.push(phrase);
                occurrences.push(list);
              }
            }
            if (hasNext[child] === 1) {
              if (3 * nextCount === next.length) {
                next = this.grownOpen(next);
              }
              next[3 * nextCount] = child;
              next[3 * nextCount + 1] = from;
              next[3 * nextCount + 2] = fromChar;
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
      spaceRuns.push(spaceRun);
    }
    // Let go of this scan's lists (the stamps already make them stale), so they can die young.
    for (let p = 0; p < phrases.length; p++) lists[phrases[p] as number] = undefined;
    return { phrases, occurrences, spanishWords, englishWords, wordCounts, spaceRuns };
  }
}
