/**
 * The one-pass matcher: every phrase of every theme, context list, scope list
 * and region is compiled into a single trie over folded words, and a text is
 * read once, word by word, advancing all partial phrases together. Cost grows
 * with the text, not with the number of rules (a RegExp per term would read the
 * text once per term).
 *
 * A phrase word ending in `*` matches any word starting with it ("extorsion*"
 * for extorsión, extorsiones, extorsionadores). Each distinct word of a text is
 * resolved to the pattern words it matches once and cached.
 */
import { splitWords } from './fold.ts';

export type Field = 0 | 1 | 2;
export const FIELD_NAMES = ['title', 'summary', 'text'] as const;

/** One place a phrase occurred: field, word span [first, last) and character span [from, to). */
export interface Occurrence {
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

interface Resolved {
  ids: number[];
  /** 1 Spanish function word, 2 English, 0 neither. */
  lang: 0 | 1 | 2;
}

const NOTHING: Resolved = { ids: [], lang: 0 };
const CACHE_LIMIT = 50_000;

/** Parses "minería ilegal", "extorsion*" or "Coca-Cola" into pattern words. */
export function parsePattern(phrase: string): PatternWord[] {
  const { words, ends } = splitWords(phrase);
  return words.map((text, i) => ({ text, prefix: phrase[ends[i] ?? 0] === '*' }));
}

export function patternKey(words: PatternWord[]): string {
  return words.map((w) => (w.prefix ? `${w.text}*` : w.text)).join(' ');
}

export interface ScanResult {
  /** Occurrences by phrase id; phrases that did not occur are absent. */
  hits: Map<number, Occurrence[]>;
  spanishWords: number;
  englishWords: number;
}

export class PhraseIndex {
  private readonly exact = new Map<string, number>();
  private readonly prefixes: { text: string; id: number }[] = [];
  private readonly root: TrieNode = { next: new Map(), ends: [] };
  private readonly keys = new Map<string, number>();
  private readonly cache = new Map<string, Resolved>();
  private readonly langWords = new Map<string, 1 | 2>();
  private wordCount = 0;
  phraseCount = 0;

  constructor(spanish: readonly string[], english: readonly string[]) {
    for (const w of spanish) this.langWords.set(w, 1);
    for (const w of english) this.langWords.set(w, 2);
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
    node.ends.push(phraseId);
    this.keys.set(key, phraseId);
    this.cache.clear();
    return phraseId;
  }

  private wordId(word: PatternWord): number {
    const key = word.prefix ? `${word.text}*` : word.text;
    if (word.prefix) {
      const found = this.prefixes.find((p) => p.text === word.text);
      if (found) return found.id;
      const id = this.wordCount++;
      this.prefixes.push({ text: word.text, id });
      return id;
    }
    let id = this.exact.get(key);
    if (id === undefined) {
      id = this.wordCount++;
      this.exact.set(key, id);
    }
    return id;
  }

  private resolve(word: string): Resolved {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const ids: number[] = [];
    const exact = this.exact.get(word);
    if (exact !== undefined) ids.push(exact);
    for (const p of this.prefixes) if (word.startsWith(p.text)) ids.push(p.id);
    const lang = this.langWords.get(word) ?? 0;
    const resolved: Resolved = ids.length === 0 && lang === 0 ? NOTHING : { ids, lang };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, resolved);
    return resolved;
  }

  /** Reads each field once and returns every phrase occurrence. */
  scan(fields: readonly string[]): ScanResult {
    const hits = new Map<number, Occurrence[]>();
    let spanishWords = 0;
    let englishWords = 0;
    for (let f = 0; f < fields.length; f++) {
      const { words, starts, ends } = splitWords(fields[f] ?? '');
      // Partial phrases still open: the trie node reached and the word they began at.
      let open: TrieNode[] = [];
      let openFrom: number[] = [];
      for (let i = 0; i < words.length; i++) {
        const resolved = this.resolve(words[i] as string);
        if (resolved.lang === 1) spanishWords++;
        else if (resolved.lang === 2) englishWords++;
        if (resolved.ids.length === 0) {
          if (open.length > 0) {
            open = [];
            openFrom = [];
          }
          continue;
        }
        const nextOpen: TrieNode[] = [];
        const nextFrom: number[] = [];
        for (let s = -1; s < open.length; s++) {
          const node = s < 0 ? this.root : (open[s] as TrieNode);
          const from = s < 0 ? i : (openFrom[s] as number);
          for (const id of resolved.ids) {
            const child = node.next.get(id);
            if (!child) continue;
            for (const phrase of child.ends) {
              const occurrence: Occurrence = { field: f as Field, first: from, last: i + 1, from: starts[from] as number, to: ends[i] as number };
              const list = hits.get(phrase);
              if (list) list.push(occurrence);
              else hits.set(phrase, [occurrence]);
            }
            if (child.next.size > 0) {
              nextOpen.push(child);
              nextFrom.push(from);
            }
          }
        }
        open = nextOpen;
        openFrom = nextFrom;
      }
    }
    return { hits, spanishWords, englishWords };
  }
}
