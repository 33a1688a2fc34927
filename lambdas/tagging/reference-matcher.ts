/**
 * Two naive references for the engine, never imported by the tagger (so not
 * bundled into the Lambda):
 * - createRegexTagger, which tests/tagging/reference-matcher.test.ts holds the
 *   engine to: one RegExp per phrase, each run over every folded field that
 *   holds all of its words (the only fields where it can match), giving the
 *   same occurrences as PhraseIndex.scan;
 * - alternationFilter, the plain keyword filter the tagging bench measures
 *   the engine against (`tagging.engine_vs_alternation_ratio`).
 * Their folding is a plain per-character NFD, written apart from fold.ts on
 * purpose, so the equivalence test checks two implementations.
 */
import { compileRules } from './compile-rules.ts';
import type { Field, Occurrence, PatternWord, ScanResult } from './phrase-index.ts';
import { parseGazetteer, parseRules } from './rules-schema.ts';
import { taggerFor, type Tagger } from './tagger.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without accents, ñ kept, same length as the input; other characters become spaces. */
function foldPlain(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === 'ñ' || char === 'Ñ') {
      out += 'ñ';
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += base.length === char.length && /^[\p{L}\p{N}]+$/u.test(base) ? base : ' '.repeat(char.length);
  }
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexFor(words: PatternWord[]): RegExp {
  const body = words.map((w) => escape(w.text) + (w.prefix ? '[\\p{L}\\p{N}]*' : '')).join('[^\\p{L}\\p{N}]+');
  // In a lookahead so that overlapping occurrences ("gota a gota a gota") are all found.
  return new RegExp(`(?<![\\p{L}\\p{N}])(?=(${body})(?![\\p{L}\\p{N}]))`, 'gu');
}

/**
 * A scanner with one RegExp per phrase, for the equivalence test. A phrase's
 * RegExp runs only on folded fields that contain the text of each of its
 * words (a wildcard word's stem) as a substring, and is built the first time
 * one does: each word is a literal in the RegExp, so it can match nowhere
 * else, and the occurrences are those of every RegExp run on every field,
 * without compiling 2,700 Unicode RegExps and reading each text 2,700 times
 * (about 4 s of CPU per test run with the rules of 2026-11-30.2).
 */
export function regexScanner(phrases: PatternWord[][], spanish: string[], english: string[]): (fields: string[]) => ScanResult {
  const patterns: (RegExp | undefined)[] = [];
  const lang = new Map<string, number>([...spanish.map((w) => [foldPlain(w), 1] as const), ...english.map((w) => [foldPlain(w), 2] as const)]);
  return (fields) => {
    const hits = new Map<number, Occurrence[]>();
    const wordCounts: number[] = [];
    let spanishWords = 0;
    let englishWords = 0;
    fields.forEach((text, f) => {
      const folded = foldPlain(text);
      const starts: number[] = [];
      for (const m of folded.matchAll(WORD)) {
        starts.push(m.index);
        const l = lang.get(m[0]);
        if (l === 1) spanishWords++;
        else if (l === 2) englishWords++;
      }
      wordCounts.push(starts.length);
      const wordAt = (offset: number) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= offset) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      phrases.forEach((words, phrase) => {
        if (!words.every((w) => folded.includes(w.text))) return;
        const pattern = (patterns[phrase] ??= regexFor(words));
        for (const m of folded.matchAll(pattern)) {
          const to = m.index + (m[1] as string).length;
          const occurrence: Occurrence = { phrase, field: f as Field, first: wordAt(m.index), last: wordAt(to - 1) + 1, from: m.index, to };
          const list = hits.get(phrase);
          if (list) list.push(occurrence);
          else hits.set(phrase, [occurrence]);
        }
      });
    });
    // The engine reports occurrences in text order across phrases; only order within a phrase matters.
    return { phrases: [...hits.keys()], occurrences: [...hits.values()], spanishWords, englishWords, wordCounts, spaceRuns: fields.map((text) => /[^\S ]| {2}/.test(text)) };
  };
}

/** A tagger with the same rules and scoring as createTagger, matching with one RegExp per phrase. */
export function createRegexTagger(rulesJson: unknown, gazetteerJson: unknown): Tagger {
  const rules = parseRules(rulesJson);
  const compiled = compileRules(rules, parseGazetteer(gazetteerJson));
  return taggerFor(compiled, regexScanner(compiled.index.phrases, rules.language.es, rules.language.en));
}

/**
 * The reference a plain keyword filter would use: every phrase of the rules
 * in one alternation RegExp (longest first, wildcards as word prefixes), run
 * once over each folded field. It only finds where some phrase occurs (no
 * overlapping occurrences, no phrase ids, no scoring), so it is a floor for
 * the cost of reading a text for keywords, not a tagger. Returns the number
 * of matches, so the work cannot be optimised away.
 */
export function alternationFilter(phrases: PatternWord[][]): (fields: string[]) => number {
  const bodies = phrases
    .map((words) => words.map((w) => escape(w.text) + (w.prefix ? '[\\p{L}\\p{N}]*' : '')).join('[^\\p{L}\\p{N}]+'))
    .sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${bodies.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (fields) => {
    let matches = 0;
    for (const text of fields) {
      const folded = foldPlain(text);
      pattern.lastIndex = 0;
      while (pattern.exec(folded) !== null) matches++;
    }
    return matches;
  };
}
