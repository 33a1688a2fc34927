/**
 * `rules suggest`: words and 2–3-word phrases that separate a theme's
 * labelled positives from its negatives, ranked for a person to review.
 * It only reads; it never edits the rules. Pure: the caller reads the file.
 *
 *  1. split each article (title, then text) into folded words with the
 *     tagger's own folding (fold.ts), so a candidate is spelled the way a
 *     rule term would match it; phrases never cross a sentence or line end
 *  2. count each candidate once per article (binary counts: one article
 *     repeating a word cannot carry it), in positives and in negatives
 *  3. score it by the log-odds ratio with an informative Dirichlet prior,
 *     Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature
 *     Selection and Evaluation for Identifying the Content of Political
 *     Conflict", Political Analysis 16(4):372–403, eqs. 16–22:
 *       δ_w = log((y_w^P + α_w) / (n^P + α_0 − y_w^P − α_w))
 *           − log((y_w^N + α_w) / (n^N + α_0 − y_w^N − α_w))
 *       σ²(δ_w) ≈ 1 / (y_w^P + α_w) + 1 / (y_w^N + α_w),   z_w = δ_w / σ(δ_w)
 *     where y_w is the candidate's count in positives (P) or negatives (N),
 *     n the total of all counts in each, and the prior α_w = s · (y_w^P + y_w^N)
 *     is the pooled count scaled by `priorScale` s (the file is its own
 *     background corpus, as in the paper's "informative prior"), α_0 = Σ α_w.
 *     The prior shrinks rare candidates toward zero, so a word seen in two
 *     articles does not outrank one seen in twenty;
 *  4. keep candidates with z > 0 found in at least `minPositives` positives,
 *     best z first; each with its counts, an example snippet from a positive,
 *     and the existing term of the theme that already matches it, if any.
 * Function words (the `stopword` package's Spanish and English lists) are
 * never a candidate alone, nor the first or last word of a phrase: "hoja de
 * coca" is a candidate, "de coca" is not. Numbers and one-letter words are skipped.
 */
import { eng, spa } from 'stopword';
import type { LabelledArticle } from './evaluate.ts';
import { foldPhrase, splitWords } from './fold.ts';

export interface SuggestOptions {
  /** The theme id whose labelled positives are contrasted with every other article. */
  theme: string;
  /** At most this many candidates (default 30). */
  limit?: number;
  /** Longest phrase, in words: 1–3 (default 3). */
  maxWords?: number;
  /** A candidate must occur in at least this many positives (default 2). */
  minPositives?: number;
  /** s in α_w = s · pooled count (default 1). Larger shrinks rare candidates harder. */
  priorScale?: number;
  /** The theme's terms as written in the rules ("extorsion*", "cobro de cupos"); candidates they match are marked. */
  existingTerms?: string[];
}

export interface SuggestCandidate {
  /** Folded words joined by spaces, as a rule term would be written to match it. */
  phrase: string;
  words: number;
  /** δ_w / σ(δ_w), rounded to 3 decimals: how strongly the candidate points to the theme. */
  z: number;
  /** δ_w, rounded to 3 decimals. */
  logOdds: number;
  /** Positive articles containing it. */
  positives: number;
  /** Negative articles containing it. */
  negatives: number;
  /** The first positive (in file order) that contains it, and the text around it. */
  example: { id: string; snippet: string };
  /** The existing term of the theme that already matches this candidate, if any. */
  coveredBy?: string;
}

export interface SuggestResult {
  theme: string;
  /** Articles labelled with the theme. */
  positives: number;
  /** Every other article. */
  negatives: number;
  candidates: SuggestCandidate[];
}

export class SuggestInputError extends Error {
  override readonly name = 'SuggestInputError';
}

const STOP_WORDS = new Set([...spa, ...eng].map(foldPhrase));
/** Characters that end a sentence or a line: a phrase never spans them. */
const BREAK = /[.!?;:\n\r|•]/;
const SNIPPET_CHARS = 70;

interface Occurrence {
  /** Index of the article in the input. */
  article: number;
  start: number;
  end: number;
}

interface Tally {
  positives: number;
  negatives: number;
  /** First occurrence in a positive article. */
  example?: Occurrence;
  words: number;
}

/** Ranks candidate terms for `options.theme`; throws SuggestInputError when the examples cannot tell anything. */
export function suggestTerms(articles: LabelledArticle[], options: SuggestOptions): SuggestResult {
  const maxWords = options.maxWords ?? 3;
  const minPositives = options.minPositives ?? 2;
  const priorScale = options.priorScale ?? 1;
  const limit = options.limit ?? 30;
  if (!Number.isInteger(maxWords) || maxWords < 1 || maxWords > 3) throw new SuggestInputError(`suggest: maxWords must be 1, 2 or 3, not ${maxWords}`);
  if (!(priorScale > 0)) throw new SuggestInputError(`suggest: priorScale must be above 0, not ${priorScale}`);

  const isPositive = articles.map((a) => a.labels.includes(options.theme));
  const positives = isPositive.filter(Boolean).length;
  const negatives = articles.length - positives;
  if (positives === 0) throw new SuggestInputError(`suggest: no article is labelled "${options.theme}", so there is nothing to learn from; label some positives or pick another theme`);
  if (negatives === 0) throw new SuggestInputError(`suggest: every article is labelled "${options.theme}"; add negatives (articles without it) to contrast with`);

  const texts = articles.map((a) => `${a.title}\n${a.text}`);
  const tallies = new Map<string, Tally>();
  texts.forEach((text, index) => {
    for (const [phrase, occurrence] of candidatesOf(text, index, maxWords)) {
      let tally = tallies.get(phrase);
      if (!tally) tallies.set(phrase, (tally = { positives: 0, negatives: 0, words: phrase.split(' ').length }));
      if (isPositive[index]) {
        tally.positives++;
        tally.example ??= occurrence;
      } else {
        tally.negatives++;
      }
    }
  });

  let totalPositive = 0;
  let totalNegative = 0;
  for (const tally of tallies.values()) {
    totalPositive += tally.positives;
    totalNegative += tally.negatives;
  }
  const alpha0 = priorScale * (totalPositive + totalNegative);
  const terms = (options.existingTerms ?? []).map((term) => ({ term, pattern: termPattern(term) })).filter((t) => t.pattern.length > 0);

  const scored: SuggestCandidate[] = [];
  for (const [phrase, tally] of tallies) {
    if (tally.positives < minPositives || !tally.example) continue;
    const alpha = priorScale * (tally.positives + tally.negatives);
    const delta =
      Math.log((tally.positives + alpha) / (totalPositive + alpha0 - tally.positives - alpha)) -
      Math.log((tally.negatives + alpha) / (totalNegative + alpha0 - tally.negatives - alpha));
    const z = delta / Math.sqrt(1 / (tally.positives + alpha) + 1 / (tally.negatives + alpha));
    if (!(z > 0)) continue;
    const words = phrase.split(' ');
    const { article, start, end } = tally.example;
    scored.push({
      phrase,
      words: tally.words,
      z: round(z),
      logOdds: round(delta),
      positives: tally.positives,
      negatives: tally.negatives,
      example: { id: articles[article]!.id, snippet: snippetAround(texts[article]!, start, end) },
      coveredBy: terms.find((t) => matchesWithin(t.pattern, words))?.term,
    });
  }
  scored.sort((a, b) => b.z - a.z || b.positives - a.positives || a.phrase.localeCompare(b.phrase));
  return { theme: options.theme, positives, negatives, candidates: scored.slice(0, limit) };
}

/** Every distinct candidate of one article with its first occurrence (original offsets). */
function candidatesOf(text: string, article: number, maxWords: number): Map<string, Occurrence> {
  const { words, starts, ends } = splitWords(text);
  const found = new Map<string, Occurrence>();
  for (let i = 0; i < words.length; i++) {
    if (!usable(words[i]!)) continue;
    for (let n = 1; n <= maxWords && i + n <= words.length; n++) {
      const last = i + n - 1;
      if (n > 1 && BREAK.test(text.slice(ends[last - 1]!, starts[last]!))) break;
      if (isNumber(words[last]!)) break;
      if (!usable(words[last]!)) continue;
      const phrase = words.slice(i, i + n).join(' ');
      if (!found.has(phrase)) found.set(phrase, { article, start: starts[i]!, end: ends[last]! });
    }
  }
  return found;
}

/** A word that may stand alone or start or end a phrase. */
function usable(word: string): boolean {
  return word.length > 1 && !isNumber(word) && !STOP_WORDS.has(word);
}

function isNumber(word: string): boolean {
  return /^\d+$/.test(word);
}

/** "…text around the candidate…" on one line, cut at word boundaries. */
function snippetAround(text: string, start: number, end: number): string {
  let from = Math.max(0, start - SNIPPET_CHARS);
  let to = Math.min(text.length, end + SNIPPET_CHARS);
  const space = text.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < start) from = space + 1;
  const back = text.lastIndexOf(' ', to);
  if (to < text.length && back > end) to = back;
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

interface PatternWord {
  word: string;
  prefix: boolean;
}

/** A rule term as folded words; "exig* dinero" → exig (prefix), dinero. */
function termPattern(term: string): PatternWord[] {
  const pattern: PatternWord[] = [];
  for (const piece of term.split(/\s+/).filter(Boolean)) {
    const prefix = piece.endsWith('*');
    const words = splitWords(prefix ? piece.slice(0, -1) : piece).words;
    words.forEach((word, i) => pattern.push({ word, prefix: prefix && i === words.length - 1 }));
  }
  return pattern;
}

/** True when the term's words occur in a row inside the candidate's words (so the term fires wherever the candidate does). */
function matchesWithin(pattern: PatternWord[], words: string[]): boolean {
  for (let i = 0; i + pattern.length <= words.length; i++) {
    if (pattern.every((p, k) => (p.prefix ? words[i + k]!.startsWith(p.word) : words[i + k] === p.word))) return true;
  }
  return false;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
