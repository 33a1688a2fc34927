/**
 * Scores one article against compiled rules after the single scan:
 *  1. scan title, summary and text once for every phrase;
 *  2. per theme, keep the occurrences whose context holds (context present,
 *     nothing from notNear nearby, not part of an exclude phrase) and drop
 *     those inside a longer term of the same theme ("minería" in "minería ilegal");
 *  3. score: weight × best field weight × a small bonus per repeat, minus negatives;
 *  4. add combinations: named concept groups that co-occur within a window or
 *     a sentence, found among the occurrences the scan already collected;
 *  5. tag themes over threshold, whatever the country;
 *  6. tag regions with their parents, and decide the countries (a separate
 *     question: "what" never depends on "where").
 * explainArticle keeps every theme that had a hit or a suppressed term, so
 * `rules explain` and `rules eval --misses` can show near misses as well as
 * tags; tagArticle (Tagger.tag, run on every polled item) computes only what a
 * stored tag holds. Both share every rule function below, so they agree.
 */
import type { Language, TagResult, TermHit, ThemeTag } from '../model/article.ts';
import type { CompiledCombination, CompiledCountry, CompiledRegion, CompiledRules, CompiledTerm, CompiledTheme } from './compile-rules.ts';
import * as phraseIndex from './phrase-index.ts';
import type { Occurrence, ScanResult } from './phrase-index.ts';
import * as fold from './fold.ts';
import * as proximity from './proximity.ts';

// Module-local references to the imported helpers the scorer calls per
// occurrence: run from source (tsx: the `centinela` CLI and the bench), each read of an imported name
// goes through a getter on the other module's exports; these are read once.
const { FIELD_NAMES } = phraseIndex;
const { isSpace } = fold;
const { compareOccurrences, hasCapitals, isInside, isNear, overlaps, snippetAround, wordBefore } = proximity;

export interface ScoredHit extends TermHit {
  weight: number;
  points: number;
  /** For a combination: the phrase each group matched, in the order the rule names the groups (explanations only; tag() stores no groups). */
  groups?: { group: string; term: string }[];
}

/** Why an occurrence of a term did not count (shown by `rules explain` and `rules eval --misses`). */
export type SuppressionReason = 'context missing' | 'negative context' | 'excluded' | 'inside a longer term' | 'combination incomplete';

export interface SuppressedHit {
  /** The term, or "combination NAME" for a combination that nearly fired. */
  term: string;
  reason: SuppressionReason;
  /** What suppressed it: the negative context or exclude phrase, the longer term, or the groups missing. */
  detail: string;
  field: TermHit['field'];
  count: number;
  snippet: string;
}

export interface ThemeScore {
  theme: string;
  score: number;
  threshold: number;
  tagged: boolean;
  hits: ScoredHit[];
  negatives: ScoredHit[];
  suppressed: SuppressedHit[];
}

export interface CountryScore {
  code: string;
  score: number;
  /** The markers found, as written in the gazetteer ("Ecuador", "Guayaquil", or a region name for the home country). */
  markers: string[];
}

export interface Explanation {
  /** Every theme with a hit or a suppressed term; themes are decided whatever the country. */
  themes: ThemeScore[];
  regions: string[];
  /** ISO 3166-1 alpha-2 codes, most relevant first; [] when no country reaches countries.minScore. */
  countries: string[];
  /** Every country with a marker, highest score first (the home country's score already multiplied by homeWeight). */
  countryScores: CountryScore[];
  lang: Language;
}

const round = (n: number) => Math.round(n * 100) / 100;
/** The same order as String.prototype.localeCompare with no arguments (ECMA-402 defines it by this collator), without building one per call. */
const compareText = new Intl.Collator().compare;

/**
 * Everything `rules explain` and `rules eval --misses` show: every theme with
 * a hit or a suppressed term (suppressed terms and near-miss combinations
 * included), negatives, combination groups and country scores. `scan` is
 * rules.index.scan(fields); the equivalence test passes a reference matcher's
 * result instead. Tags, scores, hits, regions and countries are those
 * tagArticle gives.
 */
export function explainArticle(rules: CompiledRules, fields: readonly string[], scan: ScanResult = rules.index.scan(fields)): Explanation {
  const article = openArticle(rules, fields, scan);
  try {
    const regions = tagRegions(article);
    const countries = decideCountries(article, regions.occurrences, true);
    const themes: ThemeScore[] = [];
    for (let t = 0; t < rules.themes.length; t++) {
      const explained = explainTheme(article, t);
      if (explained) themes.push(explained);
    }
    if (themes.length > 1) {
      const rank = article.lookup.themeRankById;
      sortInPlace(themes, (a, b) => Number(b.tagged) - Number(a.tagged) || b.score - a.score || (rank.get(a.theme) ?? 0) - (rank.get(b.theme) ?? 0));
    }
    return { themes, regions: regions.ids, countries: countries.codes, countryScores: countries.scores, lang: languageOf(scan) };
  } finally {
    closeArticle(article);
  }
}

/**
 * What Tagger.tag stores: the themes over threshold (highest score first) with
 * the hits that earned them, regions, countries and language; the same as
 * explainArticle's tagged themes, without collecting what only an explanation
 * shows (suppressed terms, near misses, negatives as hits, combination groups,
 * country scores, snippets of themes left untagged). This is the hot path of
 * polling and of `npm run bench -- tagging`.
 */
export function tagArticle(rules: CompiledRules, fields: readonly string[], scan: ScanResult = rules.index.scan(fields)): TagResult {
  const article = openArticle(rules, fields, scan);
  try {
    const regions = tagRegions(article);
    const countries = decideCountries(article, regions.occurrences, false);
    const tags: { tag: ThemeTag; rank: number }[] = [];
    for (let t = 0; t < rules.themes.length; t++) {
      const tag = tagTheme(article, t);
      if (tag) tags.push({ tag, rank: article.lookup.themeRanks[t] as number });
    }
    if (tags.length > 1) sortInPlace(tags, byScoreThenRank);
    const themes: ThemeTag[] = [];
    for (let i = 0; i < tags.length; i++) themes.push((tags[i] as { tag: ThemeTag }).tag);
    return { themes, regions: regions.ids, countries: countries.codes, lang: languageOf(scan) };
  } finally {
    closeArticle(article);
  }
}

const byScoreThenRank = (a: { tag: ThemeTag; rank: number }, b: { tag: ThemeTag; rank: number }) => b.tag.score - a.tag.score || a.rank - b.rank;

function languageOf(scan: ScanResult): Language {
  return scan.englishWords > scan.spanishWords ? 'en' : 'es';
}

/**
 * Which rule entries point at each phrase, built once per compiled rules, so
 * an article is scored by walking the few phrases it contains instead of
 * every term, region and country of the rules. Rows are (owner index × 2^16
 * + entry index): sorting a row set gives the order the rules list them in.
 * Phrase lists (context, notNear, exclude, group, outlets) are known by
 * number, so asking whether one is present or gathering its occurrences is an
 * array read, not a Map lookup.
 */
interface Lookup {
  /** Every distinct phrase list and its number. */
  listIds: Map<number[], number>;
  /** The phrase lists by their number (the inverse of listIds). */
  lists: number[][];
  /** Terms by phrase: theme index × 2^16 + term index. */
  termsOf: number[][];
  /** Region phrases by phrase: region index × 2^16 + index in region.phrases. */
  regionsOf: number[][];
  /** Country phrases by phrase: country index × 2^16 + index in country.phrases. */
  countriesOf: number[][];
  /** The numbers of the lists holding phrase p: listsWith[listsStart[p] … listsStart[p + 1]). */
  listsStart: Int32Array;
  listsWith: Int32Array;
  /** By theme index, then term index: the term's window and lists by number. */
  termRules: ListRule[][];
  /** By region index: the region's window and lists by number. */
  regionRules: ListRule[];
  /** By country index: the number of its exclude list, -1 for none. */
  countryExcludes: Int32Array;
  /** By theme index, then combination index: the list numbers of the combination's groups. */
  groupLists: Int32Array[][];
  /** By theme index, then combination index: the number of its notNear list, -1 for none. */
  combinationNotNear: Int32Array[];
  /** The number of the outlets list, -1 for none. */
  outlets: number;
  /** By theme index: the number of the list of its negatives' phrases, -1 for none (most themes score with no negative present). */
  negatives: Int32Array;
  /** By theme index: each term's place (at its index) then each combination's (at terms.length + index) in compareText order of their names. */
  nameRanks: Int32Array[];
  /** By theme index: the theme id's place in compareText order. */
  themeRanks: Int32Array;
  themeRankById: Map<string, number>;
  /** The most terms any theme has. */
  maxTerms: number;
}

/** A term's or region's proximity rule, its lists given by number (-1: no list). */
interface ListRule {
  window: number;
  context: number;
  notNear: number;
  exclude: number;
}

const ROW = 0x10000;
const NO_LIST = -1;
const lookups = new WeakMap<CompiledRules, Lookup>();
let lastRules: CompiledRules | undefined;
let lastLookup: Lookup | undefined;

function lookupFor(rules: CompiledRules): Lookup {
  // Almost every call scores with the same rules as the call before.
  if (rules === lastRules && lastLookup) return lastLookup;
  const lookup = lookups.get(rules) ?? buildLookup(rules);
  lookups.set(rules, lookup);
  lastRules = rules;
  lastLookup = lookup;
  return lookup;
}

function buildLookup(rules: CompiledRules): Lookup {
  const count = rules.index.phraseCount;
  const rows = () => Array.from({ length: count }, (): number[] => []);
  const listIds = new Map<number[], number>();
  const lists: number[][] = [];
  const termsOf = rows();
  const regionsOf = rows();
  const countriesOf = rows();
  const list = (ids: number[] | undefined) => {
    if (ids && !listIds.has(ids)) {
      listIds.set(ids, listIds.size);
      lists.push(ids);
    }
  };
  const row = (owner: number, entry: number) => {
    if (owner >= ROW / 2 || entry >= ROW) throw new RangeError(`rules too large for the scorer's lookup (${owner}, ${entry})`);
    return owner * ROW + entry;
  };
  rules.themes.forEach((theme, t) => {
    theme.terms.forEach((term, i) => {
      termsOf[term.phrase]?.push(row(t, i));
      list(term.context);
      list(term.notNear);
      list(term.exclude);
    });
    for (const c of theme.combinations) {
      for (const g of c.groups) list(g.phrases);
      list(c.notNear);
    }
  });
  rules.regions.forEach((region, r) => {
    region.phrases.forEach(({ phrase }, i) => regionsOf[phrase]?.push(row(r, i)));
    list(region.exclude);
    list(region.notNear);
  });
  rules.countries.list.forEach((country, c) => {
    country.phrases.forEach(({ phrase }, i) => countriesOf[phrase]?.push(row(c, i)));
    list(country.exclude);
  });
  list(rules.outlets);
  const negatives = rules.themes.map((theme) => (theme.negatives.length > 0 ? theme.negatives.map((n) => n.phrase) : undefined));
  for (const ids of negatives) list(ids);
  const numberOf = (ids: number[] | undefined) => (ids ? (listIds.get(ids) as number) : NO_LIST);
  const [listsStart, listsWith] = listsByPhrase(lists, count);
  const themeRankById = placesOf(rules.themes.map((t) => t.id));
  return {
    listIds,
    lists,
    termsOf,
    regionsOf,
    countriesOf,
    listsStart,
    listsWith,
    termRules: rules.themes.map((theme) =>
      theme.terms.map((term) => ({ window: term.window, context: numberOf(term.context), notNear: numberOf(term.notNear), exclude: numberOf(term.exclude) })),
    ),
    regionRules: rules.regions.map((region) => ({ window: rules.scoring.window, context: NO_LIST, notNear: numberOf(region.notNear), exclude: numberOf(region.exclude) })),
    countryExcludes: Int32Array.from(rules.countries.list, (country) => numberOf(country.exclude)),
    groupLists: rules.themes.map((theme) => theme.combinations.map((c) => Int32Array.from(c.groups, (g) => numberOf(g.phrases)))),
    combinationNotNear: rules.themes.map((theme) => Int32Array.from(theme.combinations, (c) => numberOf(c.notNear))),
    outlets: numberOf(rules.outlets),
    negatives: Int32Array.from(negatives, numberOf),
    nameRanks: rules.themes.map((theme) => {
      const places = placesOf([...theme.terms.map((t) => t.term), ...theme.combinations.map(combinationName)]);
      return Int32Array.from([...theme.terms.map((t) => t.term), ...theme.combinations.map(combinationName)], (name) => places.get(name) as number);
    }),
    themeRanks: Int32Array.from(rules.themes, (theme) => themeRankById.get(theme.id) as number),
    themeRankById,
    maxTerms: Math.max(0, ...rules.themes.map((t) => t.terms.length)),
  };
}

/** How a combination is named among hits and suppressed terms. */
function combinationName(combination: CompiledCombination): string {
  return `combination ${combination.name}`;
}

/** For each phrase, the numbers of the lists that hold it, flattened: [start offsets by phrase (count + 1), list numbers]. */
function listsByPhrase(lists: readonly number[][], count: number): [Int32Array, Int32Array] {
  const holders = Array.from({ length: count }, (): number[] => []);
  lists.forEach((ids, list) => {
    for (const id of new Set(ids)) holders[id]?.push(list);
  });
  const start = new Int32Array(count + 1);
  for (let p = 0; p < count; p++) start[p + 1] = (start[p] as number) + (holders[p] as number[]).length;
  return [start, Int32Array.from(holders.flat())];
}

/** Distinct names with their place in compareText order; names the collator finds equal share a place. */
function placesOf(list: string[]): Map<string, number> {
  const names = [...new Set(list)].sort(compareText);
  const rank = new Map<string, number>();
  let place = 0;
  names.forEach((name, i) => {
    if (i > 0 && compareText(names[i - 1] as string, name) !== 0) place = i;
    rank.set(name, place);
  });
  return rank;
}

const ascending = (a: number, b: number) => a - b;

/** Up to this many items, sortInPlace sorts by insertion; the lists an article yields are almost always this short. */
const INSERTION_SORT_MAX = 24;

/**
 * Sorts `list` in place by `compare`, stably, like Array.prototype.sort (which
 * ECMAScript requires to be stable, so both give the same order). Short lists
 * are sorted by insertion: the built-in sort's setup costs more than the sort
 * itself on the handful of rows, hits and themes an article has.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > INSERTION_SORT_MAX) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

const NONE: readonly Occurrence[] = Object.freeze([]);

/**
 * Working memory reused by every article (the scorer is synchronous, so one
 * set is enough): allocating these per article cost more than clearing them.
 * `at` and `gathered` are cleared entry by entry after each article (only the
 * entries it set), `listState` is zeroed when the next article opens.
 */
const memory = {
  /** Occurrences by phrase id. */
  at: [] as (Occurrence[] | undefined)[],
  /** Per list number: 1 when a phrase of the list is present. */
  listState: new Uint8Array(0),
  /** Per list number: its occurrences, once gathered for this article. */
  gathered: [] as (Occurrence[] | undefined)[],
  /** The list numbers gathered, to clear `gathered` after the article. */
  gatheredLists: [] as number[],
  /** Per theme index: indexes of its terms present, ascending. */
  terms: [] as number[][],
  regions: [] as number[],
  countries: [] as number[],
  /** The number of the last article opened (never 0, the value of unmarked entries). */
  serial: 0,
  /**
   * Per field, by start position `from` (valid where serial[from] is the
   * article's): the end of the first sentence end found from there (end, -1
   * for none yet) and how far the search went (searched: no mark in
   * text[from, searched) ends a sentence).
   */
  sentenceEnds: [] as ({ serial: Int32Array; end: Int32Array; searched: Int32Array } | undefined)[],
};

/**
 * One article being scored: its fields, occurrences by phrase, field weights
 * and which lists are present. Methods, not closures made per article: tsx
 * builds with esbuild's keepNames, which wraps every closure in a __name call
 * each time it is created.
 */
class Article {
  readonly lookup: Lookup;
  readonly at: (Occurrence[] | undefined)[];
  readonly listState: Uint8Array;
  /** Field weights by field index (title, summary, text); the text's depends on its length. */
  readonly weights: number[];
  readonly repeatBonus: number;
  readonly repeatCap: number;
  readonly rules: CompiledRules;
  readonly fields: readonly string[];
  readonly scan: ScanResult;
  /** This article's number: marks what it remembered in the reused memory. */
  readonly serial: number;

  constructor(rules: CompiledRules, fields: readonly string[], scan: ScanResult) {
    memory.serial = (memory.serial + 1) | 0 || 1;
    this.serial = memory.serial;
    this.rules = rules;
    this.fields = fields;
    this.scan = scan;
    this.lookup = lookupFor(rules);
    if (memory.at.length < rules.index.phraseCount) memory.at = new Array<Occurrence[] | undefined>(rules.index.phraseCount).fill(undefined);
    if (memory.listState.length < this.lookup.lists.length) memory.listState = new Uint8Array(this.lookup.lists.length);
    else memory.listState.fill(0, 0, this.lookup.lists.length);
    this.at = memory.at;
    this.listState = memory.listState;
    const { fieldWeights, shortText, repeatBonus, repeatCap } = rules.scoring;
    // In a short body (a feed summary) one mention is a large share of the text, so it weighs more.
    const textWeight = shortText && (scan.wordCounts[2] ?? 0) <= shortText.words ? shortText.weight : fieldWeights.text;
    this.weights = [fieldWeights.title, fieldWeights.summary, textWeight];
    this.repeatBonus = repeatBonus;
    this.repeatCap = repeatCap;
  }

  /** Indexes of the t-th theme's terms present in the article, ascending. */
  termsOf(t: number): readonly number[] {
    return memory.terms[t] ?? NONE_INDEXES;
  }

  /**
   * Occurrences of any phrase of list number `list`, in list order; lists
   * are shared by many terms, so each is gathered once per article, and a
   * list with no phrase present (or NO_LIST) costs one array read.
   */
  occurrences(list: number): readonly Occurrence[] {
    if (list < 0 || this.listState[list] !== 1) return NONE;
    const known = memory.gathered[list];
    if (known) return known;
    // Usually one phrase of a list occurs: its own array is the answer (nobody
    // writes to these lists); a copy is made only when a second one occurs.
    let found: Occurrence[] | undefined;
    let copied = false;
    for (const id of this.lookup.lists[list] as number[]) {
      const listed = this.at[id];
      if (!listed) continue;
      if (!found) found = listed;
      else {
        if (!copied) found = found.slice();
        copied = true;
        for (let i = 0; i < listed.length; i++) found.push(listed[i] as Occurrence);
      }
    }
    found ??= [];
    memory.gathered[list] = found;
    memory.gatheredLists.push(list);
    return found;
  }

  /** weight × the best field weight among `count` occurrences × a small bonus per repeat (up to repeatCap). */
  points(weight: number, bestFieldWeight: number, count: number): number {
    return weight * bestFieldWeight * (1 + this.repeatBonus * (Math.min(count, this.repeatCap) - 1));
  }

  /** The highest field weight among a list's occurrences (-Infinity for an empty list). */
  bestWeight(list: readonly Occurrence[]): number {
    let best = -Infinity;
    for (let i = 0; i < list.length; i++) best = Math.max(best, this.weights[(list[i] as Occurrence).field] as number);
    return best;
  }

  /**
   * sameSentence for two spans of one field, remembering how far each search
   * for a sentence end went: a combination compares one anchor with many
   * candidates, so the same search comes up again and again. A search never
   * reads past the later span, as sameSentence's does not.
   */
  sameSentence(a: Occurrence, b: Occurrence): boolean {
    const from = Math.min(a.to, b.to);
    const to = Math.max(a.from, b.from);
    if (to <= from) return true;
    const text = this.fields[a.field] ?? '';
    const known = memory.sentenceEnds[a.field] ?? (memory.sentenceEnds[a.field] = { serial: new Int32Array(0), end: new Int32Array(0), searched: new Int32Array(0) });
    if (known.serial.length <= text.length) {
      known.serial = new Int32Array(text.length + 1);
      known.end = new Int32Array(text.length + 1);
      known.searched = new Int32Array(text.length + 1);
    }
    if (known.serial[from] !== this.serial) {
      known.serial[from] = this.serial;
      known.end[from] = -1;
      known.searched[from] = from;
    }
    let end = known.end[from] as number;
    const searched = known.searched[from] as number;
    if (end < 0 && searched < to) {
      // No sentence end has a mark in text[from, searched); look on up to `to`.
      end = sentenceEndIn(text, searched, to);
      known.end[from] = end;
      known.searched[from] = to;
    }
    return end < 0 || end >= to;
  }

  snippet(o: Occurrence): string {
    return snippetAround(this.fields[o.field] ?? '', o, this.scan.spaceRuns[o.field] ?? true);
  }

  /** True if some phrase of list number `list` occurs in the article (false for NO_LIST). */
  hasSome(list: number): boolean {
    return list >= 0 && this.listState[list] === 1;
  }

  /** True if every group of the c-th combination of the t-th theme has a phrase in the article. */
  hasEveryGroup(t: number, c: number): boolean {
    const groups = (this.lookup.groupLists[t] as Int32Array[])[c] as Int32Array;
    for (let g = 0; g < groups.length; g++) if (this.listState[groups[g] as number] !== 1) return false;
    return true;
  }

  /** True if some combination of the t-th theme has every group present. */
  hasCompleteCombination(t: number): boolean {
    const count = (this.lookup.groupLists[t] as Int32Array[]).length;
    for (let c = 0; c < count; c++) if (this.hasEveryGroup(t, c)) return true;
    return false;
  }
}

const NONE_INDEXES: readonly number[] = Object.freeze([]);

/**
 * Lays the scan out for scoring: occurrences by phrase id, the lists with a
 * phrase present, and the term, region and country rows present in rule order.
 */
function openArticle(rules: CompiledRules, fields: readonly string[], scan: ScanResult): Article {
  const article = new Article(rules, fields, scan);
  const { lookup, at, listState } = article;
  const { listsStart, listsWith, termsOf, regionsOf, countriesOf } = lookup;
  const { terms, regions, countries } = memory;
  // Setting length is a runtime call: only lists the last article filled are cleared.
  for (let t = 0; t < terms.length; t++) if ((terms[t] as number[]).length !== 0) (terms[t] as number[]).length = 0;
  if (regions.length !== 0) regions.length = 0;
  if (countries.length !== 0) countries.length = 0;
  const { phrases, occurrences } = scan;
  for (let p = 0; p < phrases.length; p++) {
    const id = phrases[p] as number;
    at[id] = occurrences[p];
    for (let i = listsStart[id] as number, stop = listsStart[id + 1] as number; i < stop; i++) listState[listsWith[i] as number] = 1;
    const termRows = termsOf[id] as number[];
    for (let i = 0; i < termRows.length; i++) {
      const row = termRows[i] as number;
      const theme = (row / ROW) | 0;
      while (terms.length <= theme) terms.push([]);
      (terms[theme] as number[]).push(row % ROW);
    }
    const regionRows = regionsOf[id] as number[];
    for (let i = 0; i < regionRows.length; i++) regions.push(regionRows[i] as number);
    const countryRows = countriesOf[id] as number[];
    for (let i = 0; i < countryRows.length; i++) countries.push(countryRows[i] as number);
  }
  for (let t = 0; t < terms.length; t++) {
    const list = terms[t] as number[];
    if (list.length > 1) sortInPlace(list, ascending);
  }
  if (regions.length > 1) sortInPlace(regions, ascending);
  if (countries.length > 1) sortInPlace(countries, ascending);
  return article;
}

/** Clears what the article set in the reused memory. */
function closeArticle(article: Article): void {
  const { phrases } = article.scan;
  for (let p = 0; p < phrases.length; p++) article.at[phrases[p] as number] = undefined;
  for (const list of memory.gatheredLists) memory.gathered[list] = undefined;
  if (memory.gatheredLists.length !== 0) memory.gatheredLists.length = 0;
}

/**
 * The occurrences of one theme's terms that count (their context holds),
 * item i being term terms[i] at occurrences[i], and which of them keepLongest
 * keeps. Reused by every theme of every article.
 */
const counted = {
  terms: [] as number[],
  occurrences: [] as Occurrence[],
  /** Item indexes in keepLongest order: field, start, longest first, then rule order. */
  order: [] as number[],
  kept: [] as boolean[],
  /** By term index: its group number while grouping (see groupKept), else -1. */
  groupOf: new Int32Array(0),
};

function resetCounted(maxTerms: number): void {
  if (counted.terms.length !== 0) {
    counted.terms.length = 0;
    counted.occurrences.length = 0;
  }
  if (counted.groupOf.length < maxTerms) counted.groupOf = new Int32Array(maxTerms).fill(-1);
}

/** The t-th theme's term occurrences whose context holds go to `counted`; `suppress` (explanations only) hears about the others. */
function countTerms(article: Article, t: number, suppress?: (term: string, reason: SuppressionReason, why: string, o: Occurrence) => void): void {
  resetCounted(article.lookup.maxTerms);
  const theme = article.rules.themes[t] as CompiledTheme;
  const termRules = article.lookup.termRules[t] as ListRule[];
  for (const index of article.termsOf(t)) {
    const term = theme.terms[index] as CompiledTerm;
    const list = article.at[term.phrase] as Occurrence[];
    for (let i = 0; i < list.length; i++) {
      const occurrence = list[i] as Occurrence;
      const why = whyNot(termRules[index] as ListRule, occurrence, article);
      if (why === undefined) {
        counted.terms.push(index);
        counted.occurrences.push(occurrence);
      } else if (suppress) suppress(term.term, why.reason, why.phrase === undefined ? '' : article.rules.phraseText(why.phrase), occurrence);
    }
  }
}

/** A term or combination that counted, before it is shown: what both entry points need to rank, sum and show it. */
interface Counted {
  name: string;
  source: string;
  weight: number;
  /** Rounded to two decimals, as shown. */
  points: number;
  /** The name's place among the theme's names (Lookup.nameRanks), for ties on points. */
  rank: number;
  count: number;
  /** The first occurrence (compareOccurrences order): its field is the hit's. */
  first: Occurrence;
  /** Where the snippet is cut: the first occurrence, or a combination's span. */
  shown: Occurrence;
  /** For a combination: the rule, and the occurrence each group matched, in the rule's group order. */
  combination?: CompiledCombination;
  parts?: Occurrence[];
}

/** Highest points first; on a tie, compareText order of the names. */
const byPointsThenName = (a: Counted, b: Counted) => b.points - a.points || a.rank - b.rank;

/**
 * The kept term occurrences grouped by term, one Counted each, in the order
 * their terms first appear in keepLongest order.
 */
function groupKept(article: Article, t: number): Counted[] {
  const theme = article.rules.themes[t] as CompiledTheme;
  const ranks = article.lookup.nameRanks[t] as Int32Array;
  const { terms, occurrences, order, kept, groupOf } = counted;
  const groups: Counted[] = [];
  const best: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const item = order[k] as number;
    if (!kept[item]) continue;
    const index = terms[item] as number;
    const o = occurrences[item] as Occurrence;
    const weight = article.weights[o.field] as number;
    const g = groupOf[index] as number;
    if (g < 0) {
      const term = theme.terms[index] as CompiledTerm;
      groupOf[index] = groups.length;
      // In keepLongest order the first occurrence of a term comes first: no later one precedes it.
      groups.push({ name: term.term, source: term.source, weight: term.weight, points: 0, rank: ranks[index] as number, count: 1, first: o, shown: o });
      best.push(weight);
    } else {
      (groups[g] as Counted).count++;
      best[g] = Math.max(best[g] as number, weight);
    }
  }
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as Counted;
    group.points = round(article.points(group.weight, best[g] as number, group.count));
  }
  for (let k = 0; k < order.length; k++) groupOf[terms[order[k] as number] as number] = -1;
  return groups;
}

/** The c-th combination of the t-th theme as a Counted, or why it did not fire. */
function countCombination(article: Article, t: number, c: number): Counted | { near?: Occurrence; detail: string } {
  const theme = article.rules.themes[t] as CompiledTheme;
  const combination = theme.combinations[c] as CompiledCombination;
  const found = matchCombination(article, t, c);
  if (!('anchors' in found)) return found;
  const rank = (article.lookup.nameRanks[t] as Int32Array)[theme.terms.length + c] as number;
  const points = round(article.points(combination.weight, article.bestWeight(found.anchors), found.anchors.length));
  return { name: combinationName(combination), source: combination.source, weight: combination.weight, points, rank, count: found.anchors.length, first: firstOf(found.anchors), shown: found.span, combination, parts: found.parts };
}

/** The t-th theme as Tagger.tag stores it, or undefined when it is not tagged. */
function tagTheme(article: Article, t: number): ThemeTag | undefined {
  const theme = article.rules.themes[t] as CompiledTheme;
  // A theme with no term present and no complete combination has nothing to score.
  if (article.termsOf(t).length === 0 && !article.hasCompleteCombination(t)) return undefined;
  countTerms(article, t);
  if (counted.terms.length === 0 && !article.hasCompleteCombination(t)) return undefined;
  keepLongest();
  const hits = groupKept(article, t);
  for (let c = 0; c < theme.combinations.length; c++) {
    if (!article.hasEveryGroup(t, c)) continue;
    const found = countCombination(article, t, c);
    if ('points' in found) hits.push(found);
  }
  if (hits.length === 0) return undefined;
  if (hits.length > 1) sortInPlace(hits, byPointsThenName);
  // Summed in the order explainArticle sums them (hits by points, then negatives), so the rounding is the same.
  let sum = 0;
  for (let i = 0; i < hits.length; i++) sum += (hits[i] as Counted).points;
  if (article.hasSome(article.lookup.negatives[t] as number)) {
    for (const n of theme.negatives) {
      const list = article.at[n.phrase];
      if (list) sum += round(-n.weight * article.bestWeight(list));
    }
  }
  const score = round(sum);
  if (score < theme.threshold) return undefined;
  const shown: TermHit[] = [];
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as Counted;
    shown.push({ term: hit.name, field: FIELD_NAMES[hit.first.field], count: hit.count, snippet: article.snippet(hit.shown), source: hit.source });
  }
  return { theme: theme.id, score, hits: shown };
}

type Suppressions = Map<string, { term: string; reason: SuppressionReason; detail: string; list: Occurrence[] }>;

/** The t-th theme with everything an explanation shows, or undefined when it has neither a hit nor a suppressed term. */
function explainTheme(article: Article, t: number): ThemeScore | undefined {
  const { rules } = article;
  const theme = rules.themes[t] as CompiledTheme;
  const suppressed: Suppressions = new Map();
  const suppress = (term: string, reason: SuppressionReason, why: string, o: Occurrence) => {
    const key = `${term}\u0000${reason}\u0000${why}`;
    const entry = suppressed.get(key);
    if (entry) entry.list.push(o);
    else suppressed.set(key, { term, reason, detail: why, list: [o] });
  };
  countTerms(article, t, suppress);
  keepLongest();
  suppressInsideLonger(theme, suppress);
  const counts = groupKept(article, t);
  for (let c = 0; c < theme.combinations.length; c++) {
    const found = countCombination(article, t, c);
    if ('points' in found) counts.push(found);
    else if (found.near) suppress(combinationName(theme.combinations[c] as CompiledCombination), 'combination incomplete', found.detail, found.near);
  }
  if (counts.length === 0 && suppressed.size === 0) return undefined;
  if (counts.length > 1) sortInPlace(counts, byPointsThenName);
  const hits = counts.map((count): ScoredHit => {
    const hit: ScoredHit = { term: count.name, field: FIELD_NAMES[count.first.field], count: count.count, snippet: article.snippet(count.shown), source: count.source, weight: count.weight, points: count.points };
    const { combination, parts } = count;
    if (combination && parts) hit.groups = parts.map((o, i) => ({ group: combination.groups[i]?.name ?? '', term: rules.phraseText(o.phrase) }));
    return hit;
  });
  const negatives: ScoredHit[] = [];
  for (const n of theme.negatives) {
    const list = article.at[n.phrase];
    if (!list) continue;
    const first = firstOf(list);
    negatives.push({ term: n.term, field: FIELD_NAMES[first.field], count: list.length, snippet: article.snippet(first), source: n.source, weight: n.weight, points: round(-n.weight * article.bestWeight(list)) });
  }
  let sum = 0;
  for (const h of hits) sum += h.points;
  for (const h of negatives) sum += h.points;
  const score = round(sum);
  return {
    theme: theme.id,
    score,
    threshold: theme.threshold,
    tagged: hits.length > 0 && score >= theme.threshold,
    hits,
    negatives: hits.length > 0 ? negatives : [],
    suppressed: [...suppressed.values()].map(({ term, reason, detail, list }) => {
      const first = firstOf(list);
      return { term, reason, detail, field: FIELD_NAMES[first.field], count: list.length, snippet: article.snippet(first) };
    }),
  };
}

/** Reports each counted occurrence keepLongest dropped, with the longer term (first in keepLongest order) that holds it or has the same words. */
function suppressInsideLonger(theme: CompiledTheme, suppress: (term: string, reason: SuppressionReason, why: string, o: Occurrence) => void): void {
  const { terms, occurrences, order, kept } = counted;
  for (let item = 0; item < terms.length; item++) {
    if (kept[item]) continue;
    const o = occurrences[item] as Occurrence;
    let outer = '';
    for (const k of order) {
      if (!kept[k] || terms[k] === terms[item]) continue;
      const other = occurrences[k] as Occurrence;
      if (isInside(o, other) || (other.field === o.field && other.first === o.first && other.last === o.last)) {
        outer = (theme.terms[terms[k] as number] as CompiledTerm).term;
        break;
      }
    }
    suppress((theme.terms[terms[item] as number] as CompiledTerm).term, 'inside a longer term', outer, o);
  }
}

/** The occurrence a reader should see first (compareOccurrences order) of a non-empty list. */
function firstOf(list: readonly Occurrence[]): Occurrence {
  let first = list[0] as Occurrence;
  for (let i = 1; i < list.length; i++) if (compareOccurrences(first, list[i] as Occurrence) > 0) first = list[i] as Occurrence;
  return first;
}

/**
 * The first group's occurrences that have a phrase of every other group
 * within the window (same field) or in the same sentence. When none does,
 * the closest thing to a match: an occurrence of the first group present and
 * the groups that were missing, if at most one group is missing.
 */
function matchCombination(article: Article, t: number, c: number): { anchors: Occurrence[]; parts: Occurrence[]; span: Occurrence } | { near?: Occurrence; detail: string } {
  const combination = (article.rules.themes[t] as CompiledTheme).combinations[c] as CompiledCombination;
  const groups = (article.lookup.groupLists[t] as Int32Array[])[c] as Int32Array;
  if (!article.hasEveryGroup(t, c)) return missingGroups(article, combination, groups);
  const lists: (readonly Occurrence[])[] = [];
  for (let g = 0; g < groups.length; g++) lists.push(article.occurrences(groups[g] as number));
  const anchors: Occurrence[] = [];
  let parts: Occurrence[] | undefined;
  const notNear = article.occurrences((article.lookup.combinationNotNear[t] as Int32Array)[c] as number);
  const window = combination.within === 'sentence' ? 0 : combination.within;
  let blocked = false;
  for (const anchor of lists[0] as readonly Occurrence[]) {
    let complete = true;
    for (let g = 1; g < lists.length && complete; g++) complete = closeTo(article, combination, anchor, lists[g] as readonly Occurrence[]) !== undefined;
    if (!complete) continue;
    if (nearAny(anchor, notNear, window || 12)) {
      blocked = true;
      continue;
    }
    anchors.push(anchor);
    if (!parts) {
      parts = [anchor];
      for (let g = 1; g < lists.length; g++) parts.push(closeTo(article, combination, anchor, lists[g] as readonly Occurrence[]) as Occurrence);
    }
  }
  if (!parts) {
    const within = combination.within === 'sentence' ? 'in the same sentence' : `within ${combination.within} words`;
    return { near: (lists[0] as readonly Occurrence[])[0], detail: blocked ? 'a negative context is near' : `all groups present, but not ${within}` };
  }
  let from = Infinity;
  let to = -Infinity;
  for (const o of parts) {
    from = Math.min(from, o.from);
    to = Math.max(to, o.to);
  }
  const span: Occurrence = to - from <= 240 ? { ...(parts[0] as Occurrence), from, to } : (parts[0] as Occurrence);
  return { anchors, parts, span };
}

/** The near miss of a combination some group of which has no phrase in the article: an occurrence of the first group present, if only one group is missing. */
function missingGroups(article: Article, combination: CompiledCombination, groups: Int32Array): { near?: Occurrence; detail: string } {
  const missing: string[] = [];
  let present: readonly Occurrence[] | undefined;
  for (let g = 0; g < groups.length; g++) {
    const list = article.occurrences(groups[g] as number);
    if (list.length === 0) missing.push(combination.groups[g]?.name ?? '');
    else present ??= list;
  }
  const near = missing.length === 1 && present ? present[0] : undefined;
  return { near, detail: `no ${missing.join(', ')} in the article` };
}

/** The first of `list` in the same field as the anchor, not overlapping it, and within the combination's window or sentence. */
function closeTo(article: Article, combination: CompiledCombination, anchor: Occurrence, list: readonly Occurrence[]): Occurrence | undefined {
  const within = combination.within;
  for (let i = 0; i < list.length; i++) {
    const o = list[i] as Occurrence;
    if (o.field !== anchor.field || overlaps(o, anchor)) continue;
    if (within === 'sentence' ? article.sameSentence(anchor, o) : isNear(anchor, o, within)) return o;
  }
  return undefined;
}

/** True if no sentence end (. ! ? followed by a space, or a line break) lies between two spans of one text. */
export function sameSentence(text: string, a: Occurrence, b: Occurrence): boolean {
  const to = Math.max(a.from, b.from);
  const end = sentenceEndIn(text, Math.min(a.to, b.to), to);
  return end < 0 || end >= to;
}

/**
 * Where the first sentence end whose mark lies in text[from, until) ends:
 * the index of the space after . ! ? … (and any closing quotes or brackets),
 * or of a line break; -1 when no mark there ends a sentence. Sentence ends
 * come in order and do not overlap, so text[from, to) holds one exactly when
 * sentenceEndIn(text, from, to) is in [0, to): what /[.!?…]["'”»)]*\s|\n/
 * finds there, read in place.
 */
export function sentenceEndIn(text: string, from: number, until: number): number {
  for (let i = from; i < until; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i;
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c !== 0x2026) continue;
    let j = i + 1;
    while (j < text.length && isCloser(text.charCodeAt(j))) j++;
    if (j < text.length && isSpace(text.charCodeAt(j))) return j;
  }
  return -1;
}

/** Quotes and brackets that may follow a sentence's final mark: " ' ” » ). */
function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0xbb || c === 0x29;
}

/** True if some occurrence of the list lies within `window` words of `hit` (isNear). */
function nearAny(hit: Occurrence, list: readonly Occurrence[], window: number): boolean {
  for (let i = 0; i < list.length; i++) if (isNear(hit, list[i] as Occurrence, window)) return true;
  return false;
}

/** The first occurrence of the list overlapping `o`, or undefined. */
function overlapping(list: readonly Occurrence[], o: Occurrence): Occurrence | undefined {
  for (let i = 0; i < list.length; i++) if (overlaps(list[i] as Occurrence, o)) return list[i];
  return undefined;
}

/**
 * Orders `counted` (field, start, longest first, then the term listed first)
 * and marks what to keep: occurrences inside a longer occurrence of another
 * term ("minería" in "minería ilegal") are dropped, and when two terms match
 * the very same words (a wildcard and a plain form) the one listed first is
 * kept. Sorted by start, longest first, so one sweep finds every container.
 */
function keepLongest(): void {
  const { terms, occurrences, order, kept } = counted;
  const count = terms.length;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    kept[i] = true;
  }
  if (order.length !== count) {
    order.length = count;
    kept.length = count;
  }
  if (count < 2) return;
  sortInPlace(order, byPlaceThenRule);
  let field = -1;
  let first = -1;
  let reachBefore = -1; // furthest end of occurrences that start before `first`
  let reachHere = -1; // furthest end of occurrences that start at `first`
  let previous: Occurrence | undefined;
  for (const item of order) {
    const o = occurrences[item] as Occurrence;
    if (o.field !== field) {
      field = o.field;
      first = -1;
      reachBefore = -1;
      reachHere = -1;
      previous = undefined;
    }
    if (o.first !== first) {
      reachBefore = Math.max(reachBefore, reachHere);
      reachHere = -1;
      first = o.first;
    }
    const sameSpan = previous !== undefined && previous.first === o.first && previous.last === o.last;
    const inside = reachBefore >= o.last || reachHere > o.last;
    kept[item] = !sameSpan && !inside;
    reachHere = Math.max(reachHere, o.last);
    previous = o;
  }
}

/** keepLongest's order on `counted` items: field, start, longest first, then the term's place in its theme. */
function byPlaceThenRule(a: number, b: number): number {
  const x = counted.occurrences[a] as Occurrence;
  const y = counted.occurrences[b] as Occurrence;
  return x.field - y.field || x.first - y.first || y.last - x.last || (counted.terms[a] as number) - (counted.terms[b] as number);
}

/** Undefined when the term counts here; otherwise why not and, for a negative context or exclude, which phrase. */
function whyNot(rule: ListRule, occurrence: Occurrence, article: Article): { reason: SuppressionReason; phrase?: number } | undefined {
  if (rule.exclude !== NO_LIST) {
    const o = overlapping(article.occurrences(rule.exclude), occurrence);
    if (o) return { reason: 'excluded', phrase: o.phrase };
  }
  if (rule.notNear !== NO_LIST) {
    const list = article.occurrences(rule.notNear);
    for (let i = 0; i < list.length; i++) {
      const o = list[i] as Occurrence;
      if (isNear(occurrence, o, rule.window)) return { reason: 'negative context', phrase: o.phrase };
    }
  }
  // A term never confirms itself: "internos" twice is no prison context.
  if (rule.context !== NO_LIST && !confirms(article.occurrences(rule.context), occurrence, rule.window)) return CONTEXT_MISSING;
  return undefined;
}

const CONTEXT_MISSING = Object.freeze({ reason: 'context missing' as const });

/** True if a context occurrence of another phrase, not overlapping the hit, lies within the window. */
function confirms(context: readonly Occurrence[], occurrence: Occurrence, window: number): boolean {
  for (let i = 0; i < context.length; i++) {
    const o = context[i] as Occurrence;
    if (o.phrase !== occurrence.phrase && !overlaps(o, occurrence) && isNear(occurrence, o, window)) return true;
  }
  return false;
}

/** Region ids (with parents), and the occurrences that earned them, for the country decision. */
function tagRegions(article: Article): { ids: string[]; occurrences: { name: string; occurrence: Occurrence }[] } {
  const rows = memory.regions;
  // Most articles name no region: skip building the lists below for nothing.
  if (rows.length === 0) return { ids: [], occurrences: [] };
  const { rules, fields } = article;
  const outlets = article.occurrences(article.lookup.outlets);
  const found: { region: CompiledRegion; occurrence: Occurrence }[] = [];
  for (const row of rows) {
    const r = Math.floor(row / ROW);
    const region = rules.regions[r] as CompiledRegion;
    const { phrase, capitals } = region.phrases[row % ROW] as CompiledRegion['phrases'][number];
    const listed = article.at[phrase] as Occurrence[];
    for (const occurrence of listed) {
      const text = fields[occurrence.field] ?? '';
      if (!hasCapitals(text, occurrence, capitals)) continue;
      if (rules.streetWords.has(wordBefore(text, occurrence))) continue;
      if (whyNot(article.lookup.regionRules[r] as ListRule, occurrence, article)) continue;
      if (overlapping(outlets, occurrence)) continue;
      found.push({ region, occurrence });
    }
  }
  // "San Martín de Porres" (a Lima district) is not the San Martín region.
  const ids = new Set<string>();
  const occurrences: { name: string; occurrence: Occurrence }[] = [];
  for (const f of found) {
    if (insideOtherRegion(found, f)) continue;
    for (const id of f.region.ids) ids.add(id);
    occurrences.push({ name: f.region.name, occurrence: f.occurrence });
  }
  return { ids: [...ids].sort(), occurrences };
}

/** True if `f`'s occurrence lies inside a longer occurrence of another region found. A loop, not a closure made per article (tsx's keepNames wraps each in __name). */
function insideOtherRegion(found: readonly { region: CompiledRegion; occurrence: Occurrence }[], f: { region: CompiledRegion; occurrence: Occurrence }): boolean {
  for (let i = 0; i < found.length; i++) {
    const other = found[i] as { region: CompiledRegion; occurrence: Occurrence };
    if (other.region !== f.region && isInside(f.occurrence, other.occurrence)) return true;
  }
  return false;
}

/**
 * The countries an article is about. Each marker (a country's name, demonym,
 * capital, city, leader or institution; for the home country also every
 * region hit) adds its field weight to its country; the home country's sum is
 * multiplied by homeWeight. Countries reaching minScore and `share` of the top
 * score are listed, highest first. A foreign marker inside a home region name
 * ("El Salvador" in "Villa El Salvador") or any marker inside an outlet's name
 * does not count. `withMarkers` false (Tagger.tag) leaves every score's
 * markers empty: only explanations show them.
 */
function decideCountries(article: Article, regionOccurrences: { name: string; occurrence: Occurrence }[], withMarkers: boolean): { codes: string[]; scores: CountryScore[] } {
  const rows = memory.countries;
  // No marker at all: no country to rank (most articles of a Peruvian feed name a region or Peru, but not all).
  if (regionOccurrences.length === 0 && rows.length === 0) return { codes: [], scores: [] };
  const { rules, fields, weights } = article;
  const { home, homeWeight, minScore, share, list } = rules.countries;
  const outlets = article.occurrences(article.lookup.outlets);
  const scores = new Map<string, { score: number; markers: string[] }>();
  for (const { name, occurrence } of regionOccurrences) credit(scores, home, name, (weights[occurrence.field] as number) * homeWeight, withMarkers);
  for (const row of rows) {
    const c = Math.floor(row / ROW);
    const country = list[c] as CompiledCountry;
    const { term, phrase, capitals } = country.phrases[row % ROW] as CompiledCountry['phrases'][number];
    const excluded = article.occurrences(article.lookup.countryExcludes[c] as number);
    for (const occurrence of article.at[phrase] as Occurrence[]) {
      if (!hasCapitals(fields[occurrence.field] ?? '', occurrence, capitals)) continue;
      if (overlapping(excluded, occurrence) || overlapping(outlets, occurrence)) continue;
      if (country.code !== home && overlapsRegion(regionOccurrences, occurrence)) continue;
      credit(scores, country.code, term, (weights[occurrence.field] as number) * (country.code === home ? homeWeight : 1), withMarkers);
    }
  }
  const ranked: CountryScore[] = [];
  for (const [code, e] of scores) ranked.push({ code, score: round(e.score), markers: e.markers });
  if (ranked.length > 1) ranked.sort((a, b) => b.score - a.score || Number(b.code === home) - Number(a.code === home) || compareText(a.code, b.code));
  const top = ranked[0]?.score ?? 0;
  const codes: string[] = [];
  for (const c of ranked) if (c.score >= minScore && c.score >= share * top) codes.push(c.code);
  return { codes, scores: ranked };
}

/** Adds `points` (a marker's field weight, × homeWeight for the home country) to a country's score, and the marker when explaining. */
function credit(scores: Map<string, { score: number; markers: string[] }>, code: string, marker: string, points: number, withMarkers: boolean): void {
  let entry = scores.get(code);
  if (!entry) {
    entry = { score: 0, markers: [] };
    scores.set(code, entry);
  }
  entry.score += points;
  if (withMarkers && !entry.markers.includes(marker)) entry.markers.push(marker);
}

/** True if a region occurrence overlaps `o` ("El Salvador" in "Villa El Salvador"). */
function overlapsRegion(regionOccurrences: readonly { occurrence: Occurrence }[], o: Occurrence): boolean {
  for (let i = 0; i < regionOccurrences.length; i++) if (overlaps((regionOccurrences[i] as { occurrence: Occurrence }).occurrence, o)) return true;
  return false;
}
