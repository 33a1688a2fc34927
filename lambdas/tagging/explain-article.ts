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
 * The result keeps every theme that had a hit or a suppressed term, so
 * `rules explain` and `rules eval --misses` can show near misses as well as tags.
 */
import type { Language, TermHit } from '../model/article.ts';
import type { CompiledCombination, CompiledCountry, CompiledRegion, CompiledRules, CompiledTerm } from './compile-rules.ts';
import { FIELD_NAMES, type Occurrence, type ScanResult } from './phrase-index.ts';
import { compareOccurrences, hasCapitals, isInside, isNear, isSpace, overlaps, snippetAround, wordBefore } from './proximity.ts';

export interface ScoredHit extends TermHit {
  weight: number;
  points: number;
  /** For a combination, in an explanation with detail (Tagger.explain; tag() leaves it out): the phrase each group matched, in the order the rule names the groups. */
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
 * `scan` is rules.index.scan(fields); the equivalence test passes a reference matcher's
 * result instead. With `detail` false (what Tagger.tag uses) suppressed terms
 * and near-miss combinations are not collected, so `suppressed` is always [],
 * and a combination's hit carries no `groups` (tag() shows neither): the
 * tags, scores, hits, regions and countries are the same.
 */
export function explainArticle(rules: CompiledRules, fields: readonly string[], scan: ScanResult = rules.index.scan(fields), detail = true): Explanation {
  // Phrase id → occurrences as a dense array: the rules ask about thousands of
  // phrases per article and an array read is far cheaper than a Map lookup.
  const at = scratchFor(rules.index.phraseCount);
  const present = presentIn(lookupFor(rules), scan, at);
  try {
    return explainWith(rules, fields, scan, detail, at, present);
  } finally {
    for (const id of scan.hits.keys()) at[id] = undefined;
  }
}

let scratch: (Occurrence[] | undefined)[] = [];
/** A reusable phrase-id array (the scorer is synchronous, so one is enough); entries are cleared after each article. */
function scratchFor(size: number): (Occurrence[] | undefined)[] {
  if (scratch.length < size) scratch = new Array<Occurrence[] | undefined>(size).fill(undefined);
  return scratch;
}

/**
 * Which rule entries point at each phrase, built once per compiled rules, so
 * an article is scored by walking the few phrases it contains instead of
 * every term, region and country of the rules. Rows are (owner index × 2^16
 * + entry index): sorting a row set gives the order the rules list them in.
 */
interface Lookup {
  /** Every distinct phrase list (context, notNear, exclude, group, outlets) and its number. */
  listIds: Map<number[], number>;
  /** Terms by phrase: theme index × 2^16 + term index. */
  termsOf: number[][];
  /** Region phrases by phrase: region index × 2^16 + index in region.phrases. */
  regionsOf: number[][];
  /** Country phrases by phrase: country index × 2^16 + index in country.phrases. */
  countriesOf: number[][];
  /** The phrase lists by their number (the inverse of listIds). */
  lists: number[][];
  /** By theme index, then combination index: the list numbers of the combination's groups. */
  groupLists: Int32Array[][];
  /** The numbers of the lists holding phrase p: listsWith[listsStart[p] … listsStart[p + 1]). */
  listsStart: Int32Array;
  listsWith: Int32Array;
}

const ROW = 0x10000;
const lookups = new WeakMap<CompiledRules, Lookup>();

function lookupFor(rules: CompiledRules): Lookup {
  const known = lookups.get(rules);
  if (known) return known;
  const count = rules.index.phraseCount;
  const rows = () => Array.from({ length: count }, (): number[] => []);
  const lookup: Lookup = { listIds: new Map(), termsOf: rows(), regionsOf: rows(), countriesOf: rows(), lists: [], groupLists: [], listsStart: new Int32Array(0), listsWith: new Int32Array(0) };
  const list = (ids: number[] | undefined) => {
    if (ids && !lookup.listIds.has(ids)) {
      lookup.listIds.set(ids, lookup.listIds.size);
      lookup.lists.push(ids);
    }
  };
  const row = (owner: number, entry: number) => {
    if (owner >= ROW / 2 || entry >= ROW) throw new RangeError(`rules too large for the scorer's lookup (${owner}, ${entry})`);
    return owner * ROW + entry;
  };
  rules.themes.forEach((theme, t) => {
    theme.terms.forEach((term, i) => {
      lookup.termsOf[term.phrase]?.push(row(t, i));
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
    region.phrases.forEach(({ phrase }, i) => lookup.regionsOf[phrase]?.push(row(r, i)));
    list(region.exclude);
    list(region.notNear);
  });
  rules.countries.list.forEach((country, c) => {
    country.phrases.forEach(({ phrase }, i) => lookup.countriesOf[phrase]?.push(row(c, i)));
    list(country.exclude);
  });
  list(rules.outlets);
  lookup.groupLists = rules.themes.map((theme) => theme.combinations.map((c) => Int32Array.from(c.groups, (g) => lookup.listIds.get(g.phrases) as number)));
  [lookup.listsStart, lookup.listsWith] = listsByPhrase(lookup.lists, count);
  lookups.set(rules, lookup);
  return lookup;
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

/** What of the rules an article touches: the term, region and country rows present, in rule order, and which lists have a phrase present. */
interface Present {
  lookup: Lookup;
  /** Per list number: 1 when a phrase of the list is present, else 0 (marked from the present phrases, so asking costs one read). */
  listState: Uint8Array;
  /** Term indexes present, by theme index, ascending. */
  terms: (number[] | undefined)[];
  regions: number[];
  countries: number[];
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

let listStates = new Uint8Array(0);
/** The per-list state array, zeroed; reused across articles (the scorer is synchronous) because allocating a typed array per article costs more than clearing one. */
function clearedListStates(size: number): Uint8Array {
  if (listStates.length < size) listStates = new Uint8Array(size);
  else listStates.fill(0, 0, size);
  return listStates;
}

function presentIn(lookup: Lookup, scan: ScanResult, at: (Occurrence[] | undefined)[]): Present {
  const terms: (number[] | undefined)[] = [];
  const regions: number[] = [];
  const countries: number[] = [];
  const listState = clearedListStates(lookup.listIds.size);
  const { listsStart, listsWith } = lookup;
  for (const [id, occurrences] of scan.hits) {
    at[id] = occurrences;
    for (let i = listsStart[id] as number, stop = listsStart[id + 1] as number; i < stop; i++) listState[listsWith[i] as number] = 1;
    const termRows = lookup.termsOf[id] as number[];
    for (let i = 0; i < termRows.length; i++) {
      const row = termRows[i] as number;
      const theme = (row / ROW) | 0;
      const list = terms[theme];
      if (list === undefined) terms[theme] = [row % ROW];
      else list.push(row % ROW);
    }
    const regionRows = lookup.regionsOf[id] as number[];
    for (let i = 0; i < regionRows.length; i++) regions.push(regionRows[i] as number);
    const countryRows = lookup.countriesOf[id] as number[];
    for (let i = 0; i < countryRows.length; i++) countries.push(countryRows[i] as number);
  }
  for (let t = 0; t < terms.length; t++) {
    const list = terms[t];
    if (list !== undefined && list.length > 1) sortInPlace(list, ascending);
  }
  if (regions.length > 1) sortInPlace(regions, ascending);
  if (countries.length > 1) sortInPlace(countries, ascending);
  return { lookup, listState, terms, regions, countries };
}

function explainWith(rules: CompiledRules, fields: readonly string[], scan: ScanResult, detail: boolean, at: (Occurrence[] | undefined)[], present: Present): Explanation {
  const { fieldWeights, shortText } = rules.scoring;
  // In a short body (a feed summary) one mention is a large share of the text, so it weighs more.
  const textWeight = shortText && (scan.wordCounts[2] ?? 0) <= shortText.words ? shortText.weight : fieldWeights.text;
  const weights = [fieldWeights.title, fieldWeights.summary, textWeight];
  const weightOf = (o: Occurrence) => weights[o.field] as number;
  const occurrencesOf = occurrencesIn(at, present);
  const snippetOf = (o: Occurrence) => snippetAround(fields[o.field] ?? '', o);

  // Without detail, snippets are cut only for the themes that end up tagged.
  const firstOccurrence = new Map<ScoredHit, Occurrence>();
  const hitFor = (term: string, source: string, weight: number, points: number, list: Occurrence[]): ScoredHit => {
    const first = firstOf(list);
    const hit = { term, field: FIELD_NAMES[first.field], count: list.length, snippet: detail ? snippetOf(first) : '', source, weight, points: round(points) };
    if (!detail) firstOccurrence.set(hit, first);
    return hit;
  };
  const { repeatBonus, repeatCap } = rules.scoring;
  const pointsOf = (weight: number, list: Occurrence[]) => weight * bestWeight(list, weights) * (1 + repeatBonus * (Math.min(list.length, repeatCap) - 1));

  const outlets = occurrencesOf(rules.outlets);
  const regions = tagRegions(rules, at, occurrencesOf, fields, outlets, present.regions);
  const countries = decideCountries(rules, at, occurrencesOf, fields, outlets, regions.occurrences, weightOf, present.countries);

  const themes: ThemeScore[] = [];
  for (let t = 0; t < rules.themes.length; t++) {
    const theme = rules.themes[t] as CompiledRules['themes'][number];
    const presentTerms = present.terms[t];
    // Without detail, a theme with no term and no complete combination has nothing to show.
    if (!detail && presentTerms === undefined && !hasCompleteCombination(present, t)) continue;
    const all: { term: CompiledTerm; occurrence: Occurrence }[] = [];
    // Suppressed terms are collected only with detail (tag() never shows them); without, this stays empty.
    const suppressed = detail ? new Map<string, { term: string; reason: SuppressionReason; detail: string; list: Occurrence[] }>() : NO_SUPPRESSED;
    const suppress = (term: string, reason: SuppressionReason, why: string, o: Occurrence) => {
      if (!detail) return; // the shared empty map must stay empty
      const key = `${term}\u0000${reason}\u0000${why}`;
      const entry = suppressed.get(key);
      if (entry) entry.list.push(o);
      else suppressed.set(key, { term, reason, detail: why, list: [o] });
    };
    for (const index of presentTerms ?? []) {
      const term = theme.terms[index] as CompiledTerm;
      const list = at[term.phrase] as Occurrence[];
      for (const occurrence of list) {
        const why = whyNot(term, occurrence, occurrencesOf);
        if (why === undefined) all.push({ term, occurrence });
        else if (detail) suppress(term.term, why.reason, why.phrase === undefined ? '' : rules.phraseText(why.phrase), occurrence);
      }
    }
    // Without detail, a theme no term reached is decided by its combinations alone.
    if (!detail && all.length === 0 && !hasCompleteCombination(present, t)) continue;
    const kept = new Map<CompiledTerm, Occurrence[]>();
    const longest = keepLongest(all, theme.terms);
    for (const { term, occurrence } of longest) {
      const list = kept.get(term);
      if (list) list.push(occurrence);
      else kept.set(term, [occurrence]);
    }
    if (detail && longest.length < all.length) {
      const keptSet = new Set(longest);
      for (const item of all) {
        if (keptSet.has(item)) continue;
        const outer = longest.find((k) => k.term !== item.term && (isInside(item.occurrence, k.occurrence) || (k.occurrence.field === item.occurrence.field && k.occurrence.first === item.occurrence.first && k.occurrence.last === item.occurrence.last)));
        suppress(item.term.term, 'inside a longer term', outer?.term.term ?? '', item.occurrence);
      }
    }
    const hits: ScoredHit[] = [];
    for (const [term, list] of kept) hits.push(hitFor(term.term, term.source, term.weight, pointsOf(term.weight, list), list));
    for (let c = 0; c < theme.combinations.length; c++) {
      const combination = theme.combinations[c] as CompiledCombination;
      if (!detail && !hasEveryGroup(present, t, c)) continue;
      const found = matchCombination(combination, occurrencesOf, fields);
      if ('anchors' in found) {
        const hit = hitFor(`combination ${combination.name}`, combination.source, combination.weight, pointsOf(combination.weight, found.anchors), found.anchors);
        if (detail) hit.snippet = snippetOf(found.span);
        else firstOccurrence.set(hit, found.span);
        // Which phrase each group matched is shown by `rules explain` only; tag() drops it.
        if (detail) hit.groups = found.parts.map((o, i) => ({ group: combination.groups[i]?.name ?? '', term: rules.phraseText(o.phrase) }));
        hits.push(hit);
      } else if (detail && found.near) {
        suppress(`combination ${combination.name}`, 'combination incomplete', found.detail, found.near);
      }
    }
    if (hits.length === 0 && suppressed.size === 0) continue;
    const negatives: ScoredHit[] = [];
    for (const n of theme.negatives) {
      const list = at[n.phrase];
      if (list) negatives.push(hitFor(n.term, n.source, n.weight, -n.weight * bestWeight(list, weights), list));
    }
    if (hits.length === 0 && suppressed.size === 0) continue;
    if (hits.length > 1) {
      const rank = rankOfNames(theme);
      sortInPlace(hits, (a, b) => b.points - a.points || (rank.get(a.term) ?? 0) - (rank.get(b.term) ?? 0));
    }
    let sum = 0;
    for (const h of hits) sum += h.points;
    for (const h of negatives) sum += h.points;
    const score = round(sum);
    const tagged = hits.length > 0 && score >= theme.threshold;
    if (!detail && tagged) {
      for (const hit of hits) {
        const first = firstOccurrence.get(hit);
        if (first) hit.snippet = snippetOf(first);
      }
    }
    themes.push({
      theme: theme.id,
      score,
      threshold: theme.threshold,
      tagged,
      hits,
      negatives: hits.length > 0 ? negatives : [],
      suppressed: suppressed.size === 0 ? [] : [...suppressed.values()].map(({ term, reason, detail, list }) => {
        const first = firstOf(list);
        return { term, reason, detail, field: FIELD_NAMES[first.field], count: list.length, snippet: snippetOf(first) };
      }),
    });
  }
  if (themes.length > 1) {
    const rank = themeRanks(rules);
    sortInPlace(themes, (a, b) => Number(b.tagged) - Number(a.tagged) || b.score - a.score || (rank.get(a.theme) ?? 0) - (rank.get(b.theme) ?? 0));
  }

  const lang: Language = scan.englishWords > scan.spanishWords ? 'en' : 'es';
  return { themes, regions: regions.ids, countries: countries.codes, countryScores: countries.scores, lang };
}

/** The occurrence a reader should see first (compareOccurrences order) of a non-empty list. */
function firstOf(list: readonly Occurrence[]): Occurrence {
  let first = list[0] as Occurrence;
  for (let i = 1; i < list.length; i++) if (compareOccurrences(first, list[i] as Occurrence) > 0) first = list[i] as Occurrence;
  return first;
}

/** The highest field weight among a list's occurrences (-Infinity for an empty list). */
function bestWeight(list: readonly Occurrence[], weights: readonly number[]): number {
  let best = -Infinity;
  for (let i = 0; i < list.length; i++) best = Math.max(best, weights[(list[i] as Occurrence).field] as number);
  return best;
}

const themeRankMaps = new WeakMap<CompiledRules, Map<string, number>>();
/** Each theme id with its place in compareText order (see rankOfNames). */
function themeRanks(rules: CompiledRules): Map<string, number> {
  let rank = themeRankMaps.get(rules);
  if (!rank) {
    rank = placesOf(rules.themes.map((t) => t.id));
    themeRankMaps.set(rules, rank);
  }
  return rank;
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

/** The empty suppressed-term map of every theme scored without detail; nothing is ever added to it. */
const NO_SUPPRESSED: Map<string, { term: string; reason: SuppressionReason; detail: string; list: Occurrence[] }> = new Map();

const nameRanks = new WeakMap<CompiledRules['themes'][number], Map<string, number>>();
/**
 * Each term and "combination NAME" of a theme with its place in compareText
 * order (names the collator finds equal share a place), so sorting hits by it
 * gives the order compareText would, without calling the collator per article.
 */
function rankOfNames(theme: CompiledRules['themes'][number]): Map<string, number> {
  let rank = nameRanks.get(theme);
  if (!rank) {
    rank = placesOf([...theme.terms.map((t) => t.term), ...theme.combinations.map((c) => `combination ${c.name}`)]);
    nameRanks.set(theme, rank);
  }
  return rank;
}

/** True if some phrase of a list occurs in the article: one read of the state presentIn marked (a list the lookup does not know is read phrase by phrase). */
function isPresent(present: Present, ids: number[]): boolean {
  const id = present.lookup.listIds.get(ids);
  if (id === undefined) return ids.some((phrase) => scratch[phrase] !== undefined);
  return present.listState[id] === 1;
}

/** True if every group of the c-th combination of the t-th theme has a phrase in the article. */
function hasEveryGroup(present: Present, t: number, c: number): boolean {
  const groups = (present.lookup.groupLists[t] as Int32Array[])[c] as Int32Array;
  for (let g = 0; g < groups.length; g++) {
    const id = groups[g] as number;
    if (present.listState[id] !== 1) return false;
  }
  return true;
}

/** True if some combination of the t-th theme has every group present (read by list number, no Map lookup). */
function hasCompleteCombination(present: Present, t: number): boolean {
  const count = (present.lookup.groupLists[t] as Int32Array[]).length;
  for (let c = 0; c < count; c++) if (hasEveryGroup(present, t, c)) return true;
  return false;
}

/**
 * The first group's occurrences that have a phrase of every other group
 * within the window (same field) or in the same sentence. When none does,
 * the closest thing to a match: an occurrence of the first group present and
 * the groups that were missing, if at most one group is missing.
 */
function matchCombination(
  combination: CompiledCombination,
  occurrencesOf: (ids: number[] | undefined) => Occurrence[],
  fields: readonly string[],
): { anchors: Occurrence[]; parts: Occurrence[]; span: Occurrence } | { near?: Occurrence; detail: string } {
  const lists = combination.groups.map((g) => occurrencesOf(g.phrases));
  const missing = lists.some((l) => l.length === 0) ? combination.groups.filter((_, i) => (lists[i] as Occurrence[]).length === 0).map((g) => g.name) : NO_NAMES;
  if (missing.length > 0) {
    const present = lists.find((l) => l.length > 0);
    const near = missing.length === 1 && present ? present[0] : undefined;
    return { near, detail: `no ${missing.join(', ')} in the article` };
  }
  const anchors: Occurrence[] = [];
  let parts: Occurrence[] = [];
  const notNear = combination.notNear ? occurrencesOf(combination.notNear) : [];
  const window = combination.within === 'sentence' ? 0 : combination.within;
  const close = (anchor: Occurrence, o: Occurrence) => {
    if (o.field !== anchor.field || overlaps(o, anchor)) return false;
    return combination.within === 'sentence' ? sameSentence(fields[o.field] ?? '', anchor, o) : isNear(anchor, o, window);
  };
  let blocked = false;
  for (const anchor of lists[0] as Occurrence[]) {
    const found: Occurrence[] = [anchor];
    for (let g = 1; g < lists.length; g++) {
      const match = (lists[g] as Occurrence[]).find((o) => close(anchor, o));
      if (!match) break;
      found.push(match);
    }
    if (found.length < lists.length) continue;
    if (notNear.some((o) => isNear(anchor, o, window || 12))) {
      blocked = true;
      continue;
    }
    anchors.push(anchor);
    if (parts.length === 0) parts = found;
  }
  if (anchors.length === 0) {
    const within = combination.within === 'sentence' ? 'in the same sentence' : `within ${combination.within} words`;
    return { near: (lists[0] as Occurrence[])[0], detail: blocked ? 'a negative context is near' : `all groups present, but not ${within}` };
  }
  const from = Math.min(...parts.map((o) => o.from));
  const to = Math.max(...parts.map((o) => o.to));
  const span: Occurrence = to - from <= 240 ? { ...(parts[0] as Occurrence), from, to } : (parts[0] as Occurrence);
  return { anchors, parts, span };
}

/** True if no sentence end (. ! ? followed by a space, or a line break) lies between two spans of one text. */
export function sameSentence(text: string, a: Occurrence, b: Occurrence): boolean {
  const from = Math.min(a.to, b.to);
  const to = Math.max(a.from, b.from);
  // What /[.!?…]["'”»)]*\s|\n/ finds in text[from, to), read in place.
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return false;
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c !== 0x2026) continue;
    let j = i + 1;
    while (j < to && CLOSERS.has(text.charCodeAt(j))) j++;
    if (j < to && isSpace(text.charCodeAt(j))) return false;
  }
  return true;
}

/** Quotes and brackets that may follow a sentence's final mark: " ' ” » ). */
const CLOSERS = new Set([0x22, 0x27, 0x201d, 0xbb, 0x29]);

const NONE: readonly Occurrence[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * Occurrences of any phrase of a list, in list order; lists are shared by
 * many terms, so each is gathered once per article, and a list with no phrase
 * present costs one array read.
 */
function occurrencesIn(at: readonly (Occurrence[] | undefined)[], present: Present): (ids: number[] | undefined) => Occurrence[] {
  const gathered = new Map<number[], Occurrence[]>();
  return (ids) => {
    if (!ids || !isPresent(present, ids)) return NONE as Occurrence[];
    let list = gathered.get(ids);
    if (!list) {
      list = [];
      for (const id of ids) {
        const found = at[id];
        if (found) list.push(...found);
      }
      gathered.set(ids, list);
    }
    return list;
  };
}

const ranks = new WeakMap<CompiledTerm[], Map<CompiledTerm, number>>();
/** Each term's place in its theme's list, computed once per theme. */
function rankOf(order: CompiledTerm[]): Map<CompiledTerm, number> {
  let rank = ranks.get(order);
  if (!rank) {
    rank = new Map(order.map((t, i) => [t, i]));
    ranks.set(order, rank);
  }
  return rank;
}

/**
 * Drops occurrences inside a longer occurrence of another term ("minería" in
 * "minería ilegal"), and when two terms match the very same words (a wildcard
 * and a plain form) keeps the one listed first. Sorted by start, longest
 * first, so one sweep finds every container.
 */
function keepLongest<T extends { term: CompiledTerm; occurrence: Occurrence }>(all: T[], order: CompiledTerm[]): T[] {
  if (all.length < 2) return all;
  const rank = rankOf(order);
  const sorted = sortInPlace([...all],
    (a, b) =>
      a.occurrence.field - b.occurrence.field ||
      a.occurrence.first - b.occurrence.first ||
      b.occurrence.last - a.occurrence.last ||
      (rank.get(a.term) ?? 0) - (rank.get(b.term) ?? 0),
  );
  const kept: T[] = [];
  let field = -1;
  let first = -1;
  let reachBefore = -1; // furthest end of occurrences that start before `first`
  let reachHere = -1; // furthest end of occurrences that start at `first`
  let previous: Occurrence | undefined;
  for (const item of sorted) {
    const o = item.occurrence;
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
    if (!sameSpan && !inside) kept.push(item);
    reachHere = Math.max(reachHere, o.last);
    previous = o;
  }
  return kept;
}

/** Undefined when the term counts here; otherwise why not and, for a negative context or exclude, which phrase. */
function whyNot(
  rule: { window: number; context?: number[]; notNear?: number[]; exclude?: number[] },
  occurrence: Occurrence,
  occurrencesOf: (ids: number[] | undefined) => Occurrence[],
): { reason: SuppressionReason; phrase?: number } | undefined {
  if (rule.exclude) {
    const o = occurrencesOf(rule.exclude).find((o) => overlaps(o, occurrence));
    if (o) return { reason: 'excluded', phrase: o.phrase };
  }
  if (rule.notNear) {
    const o = occurrencesOf(rule.notNear).find((o) => isNear(occurrence, o, rule.window));
    if (o) return { reason: 'negative context', phrase: o.phrase };
  }
  // A term never confirms itself: "internos" twice is no prison context.
  if (rule.context && !occurrencesOf(rule.context).some((o) => o.phrase !== occurrence.phrase && !overlaps(o, occurrence) && isNear(occurrence, o, rule.window))) return { reason: 'context missing' };
  return undefined;
}

/** Region ids (with parents), and the occurrences that earned them, for the scope check. */
function tagRegions(
  rules: CompiledRules,
  at: readonly (Occurrence[] | undefined)[],
  occurrencesOf: (ids: number[] | undefined) => Occurrence[],
  fields: readonly string[],
  outlets: Occurrence[],
  rows: readonly number[],
) {
  // Most articles name no region: skip building the sets below for nothing.
  if (rows.length === 0) return { ids: [] as string[], occurrences: [] as { name: string; occurrence: Occurrence }[] };
  const found: { region: CompiledRegion; occurrence: Occurrence }[] = [];
  const window = rules.scoring.window;
  for (const row of rows) {
    const region = rules.regions[Math.floor(row / ROW)] as CompiledRegion;
    const { phrase, capitals } = region.phrases[row % ROW] as CompiledRegion['phrases'][number];
    const listed = at[phrase] as Occurrence[];
    for (const occurrence of listed) {
      const text = fields[occurrence.field] ?? '';
      if (!hasCapitals(text, occurrence, capitals)) continue;
      if (rules.streetWords.has(wordBefore(text, occurrence))) continue;
      if (whyNot({ window, exclude: region.exclude, notNear: region.notNear }, occurrence, occurrencesOf)) continue;
      if (outlets.some((o) => overlaps(o, occurrence))) continue;
      found.push({ region, occurrence });
    }
  }
  // "San Martín de Porres" (a Lima district) is not the San Martín region.
  const kept = found.filter((f) => !found.some((other) => other.region !== f.region && isInside(f.occurrence, other.occurrence)));
  const ids = new Set(kept.flatMap((k) => k.region.ids));
  return { ids: [...ids].sort(), occurrences: kept.map((k) => ({ name: k.region.name, occurrence: k.occurrence })) };
}

/**
 * The countries an article is about. Each marker (a country's name, demonym,
 * capital, city, leader or institution; for the home country also every
 * region hit) adds its field weight to its country; the home country's sum is
 * multiplied by homeWeight. Countries reaching minScore and `share` of the top
 * score are listed, highest first. A foreign marker inside a home region name
 * ("El Salvador" in "Villa El Salvador") or any marker inside an outlet's name
 * does not count.
 */
function decideCountries(
  rules: CompiledRules,
  at: readonly (Occurrence[] | undefined)[],
  occurrencesOf: (ids: number[] | undefined) => Occurrence[],
  fields: readonly string[],
  outlets: Occurrence[],
  regionOccurrences: { name: string; occurrence: Occurrence }[],
  weightOf: (o: Occurrence) => number,
  rows: readonly number[],
): { codes: string[]; scores: CountryScore[] } {
  // No marker at all: no country to rank (most articles of a Peruvian feed name a region or Peru, but not all).
  if (regionOccurrences.length === 0 && rows.length === 0) return { codes: [], scores: [] };
  const { home, homeWeight, minScore, share, list } = rules.countries;
  const scores = new Map<string, { score: number; markers: Set<string> }>();
  const credit = (code: string, marker: string, o: Occurrence) => {
    const entry = scores.get(code) ?? { score: 0, markers: new Set<string>() };
    entry.score += weightOf(o) * (code === home ? homeWeight : 1);
    entry.markers.add(marker);
    scores.set(code, entry);
  };
  for (const { name, occurrence } of regionOccurrences) credit(home, name, occurrence);
  for (const row of rows) {
    const country = list[Math.floor(row / ROW)] as CompiledCountry;
    const { term, phrase, capitals } = country.phrases[row % ROW] as CompiledCountry['phrases'][number];
    const listed = at[phrase] as Occurrence[];
    for (const occurrence of listed) {
      if (!hasCapitals(fields[occurrence.field] ?? '', occurrence, capitals)) continue;
      if (country.exclude && occurrencesOf(country.exclude).some((o) => overlaps(o, occurrence))) continue;
      if (outlets.some((o) => overlaps(o, occurrence))) continue;
      if (country.code !== home && regionOccurrences.some((r) => overlaps(r.occurrence, occurrence))) continue;
      credit(country.code, term, occurrence);
    }
  }
  const ranked = [...scores].map(([code, e]) => ({ code, score: round(e.score), markers: [...e.markers] }));
  ranked.sort((a, b) => b.score - a.score || Number(b.code === home) - Number(a.code === home) || compareText(a.code, b.code));
  const top = ranked[0]?.score ?? 0;
  const codes = ranked.filter((c) => c.score >= minScore && c.score >= share * top).map((c) => c.code);
  return { codes, scores: ranked };
}
