/**
 * Scores one article against compiled rules after the single scan:
 *  1. scan title, summary and text once for every phrase;
 *  2. per theme, keep the occurrences whose context holds (context present,
 *     nothing from notNear nearby, not part of an exclude phrase) and drop
 *     those inside a longer term of the same theme ("minería" in "minería ilegal");
 *  3. score: weight × best field weight × a small bonus per repeat, minus negatives;
 *  4. decide scope (Peru or another country) and tag themes over threshold;
 *  5. tag regions the same way, with their parents.
 * The result keeps every theme that had a hit, so `rules explain` can show
 * near misses as well as tags.
 */
import type { Language, TermHit } from '../model/article.ts';
import type { CompiledRegion, CompiledRules, CompiledTerm } from './compile-rules.ts';
import { FIELD_NAMES, type Occurrence, type ScanResult } from './phrase-index.ts';
import { compareOccurrences, hasCapitals, isInside, isNear, overlaps, snippetAround, wordBefore } from './proximity.ts';

export interface ScoredHit extends TermHit {
  weight: number;
  points: number;
}

export interface ThemeScore {
  theme: string;
  score: number;
  threshold: number;
  tagged: boolean;
  hits: ScoredHit[];
  negatives: ScoredHit[];
}

export interface Explanation {
  themes: ThemeScore[];
  regions: string[];
  lang: Language;
  scope: { peru: number; foreign: number; outOfScope: boolean };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** `scan` is rules.index.scan(fields); the bench passes a reference matcher's result instead. */
export function explainArticle(rules: CompiledRules, fields: readonly string[], scan: ScanResult = rules.index.scan(fields)): Explanation {
  const { fieldWeights, shortText } = rules.scoring;
  // In a short body (a feed summary) one mention is a large share of the text, so it weighs more.
  const textWeight = shortText && (scan.wordCounts[2] ?? 0) <= shortText.words ? shortText.weight : fieldWeights.text;
  const weights = [fieldWeights.title, fieldWeights.summary, textWeight];
  const weightOf = (o: Occurrence) => weights[o.field] as number;
  const occurrencesOf = occurrencesIn(scan);

  const hitFor = (term: string, source: string, weight: number, points: number, list: Occurrence[]): ScoredHit => {
    const first = [...list].sort(compareOccurrences)[0] as Occurrence;
    const field = FIELD_NAMES[first.field];
    return { term, field, count: list.length, snippet: snippetAround(fields[first.field] ?? '', first), source, weight, points: round(points) };
  };

  const regions = tagRegions(rules, scan, fields);
  const peruOccurrences = [...occurrencesOf(rules.scope.peru), ...regions.occurrences];
  const peru = peruOccurrences.reduce((sum, o) => sum + weightOf(o), 0);
  // "El Salvador" inside "Villa El Salvador" (a Lima district) is not another country.
  const foreign = occurrencesOf(rules.scope.foreign)
    .filter((o) => !peruOccurrences.some((p) => overlaps(o, p)))
    .reduce((sum, o) => sum + weightOf(o), 0);
  const outOfScope = foreign >= rules.scope.minForeign && foreign >= rules.scope.ratio * peru;

  const themes: ThemeScore[] = [];
  for (const theme of rules.themes) {
    const kept = new Map<CompiledTerm, Occurrence[]>();
    const all: { term: CompiledTerm; occurrence: Occurrence }[] = [];
    for (const term of theme.terms) {
      for (const occurrence of scan.hits.get(term.phrase) ?? []) {
        if (holds(term, occurrence, occurrencesOf)) all.push({ term, occurrence });
      }
    }
    for (const { term, occurrence } of keepLongest(all, theme.terms)) kept.set(term, [...(kept.get(term) ?? []), occurrence]);
    const { repeatBonus, repeatCap } = rules.scoring;
    const hits = [...kept].map(([term, list]) => {
      const best = Math.max(...list.map(weightOf));
      const points = term.weight * best * (1 + repeatBonus * (Math.min(list.length, repeatCap) - 1));
      return hitFor(term.term, term.source, term.weight, points, list);
    });
    const negatives = theme.negatives.flatMap((n) => {
      const list = scan.hits.get(n.phrase);
      return list ? [hitFor(n.term, n.source, n.weight, -n.weight * Math.max(...list.map(weightOf)), list)] : [];
    });
    if (hits.length === 0) continue;
    hits.sort((a, b) => b.points - a.points || a.term.localeCompare(b.term));
    const score = round([...hits, ...negatives].reduce((sum, h) => sum + h.points, 0));
    themes.push({ theme: theme.id, score, threshold: theme.threshold, tagged: !outOfScope && score >= theme.threshold, hits, negatives });
  }
  themes.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));

  const lang: Language = scan.englishWords > scan.spanishWords ? 'en' : 'es';
  return { themes, regions: regions.ids, lang, scope: { peru, foreign, outOfScope } };
}

/** Occurrences of any phrase of a list; lists are shared by many terms, so each is gathered once per article. */
function occurrencesIn(scan: ScanResult): (ids: number[] | undefined) => Occurrence[] {
  const gathered = new Map<number[], Occurrence[]>();
  return (ids) => {
    if (!ids) return [];
    let list = gathered.get(ids);
    if (!list) {
      list = [];
      for (const id of ids) {
        const found = scan.hits.get(id);
        if (found) list.push(...found);
      }
      gathered.set(ids, list);
    }
    return list;
  };
}

/**
 * Drops occurrences inside a longer occurrence of another term ("minería" in
 * "minería ilegal"), and when two terms match the very same words (a wildcard
 * and a plain form) keeps the one listed first. Sorted by start, longest
 * first, so one sweep finds every container.
 */
function keepLongest<T extends { term: CompiledTerm; occurrence: Occurrence }>(all: T[], order: CompiledTerm[]): T[] {
  if (all.length < 2) return all;
  const rank = new Map(order.map((t, i) => [t, i]));
  const sorted = [...all].sort(
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

/** Context present (if the term asks for it), nothing from notNear nearby, not part of an exclude phrase. */
function holds(
  rule: { window: number; context?: number[]; notNear?: number[]; exclude?: number[] },
  occurrence: Occurrence,
  occurrencesOf: (ids: number[] | undefined) => Occurrence[],
): boolean {
  if (rule.exclude && occurrencesOf(rule.exclude).some((o) => overlaps(o, occurrence))) return false;
  if (rule.notNear && occurrencesOf(rule.notNear).some((o) => isNear(occurrence, o, rule.window))) return false;
  // A term never confirms itself: "internos" twice is no prison context.
  if (rule.context && !occurrencesOf(rule.context).some((o) => o.phrase !== occurrence.phrase && !overlaps(o, occurrence) && isNear(occurrence, o, rule.window))) return false;
  return true;
}

/** Region ids (with parents), and the occurrences that earned them, for the scope check. */
function tagRegions(rules: CompiledRules, scan: ScanResult, fields: readonly string[]) {
  const found: { region: CompiledRegion; occurrence: Occurrence }[] = [];
  const occurrencesOf = occurrencesIn(scan);
  const window = rules.scoring.window;
  for (const region of rules.regions) {
    for (const { phrase, capitals } of region.phrases) {
      for (const occurrence of scan.hits.get(phrase) ?? []) {
        const text = fields[occurrence.field] ?? '';
        if (!hasCapitals(text, occurrence, capitals)) continue;
        if (rules.streetWords.has(wordBefore(text, occurrence))) continue;
        if (!holds({ window, exclude: region.exclude, notNear: region.notNear }, occurrence, occurrencesOf)) continue;
        found.push({ region, occurrence });
      }
    }
  }
  // "San Martín de Porres" (a Lima district) is not the San Martín region.
  const kept = found.filter((f) => !found.some((other) => other.region !== f.region && isInside(f.occurrence, other.occurrence)));
  const ids = new Set(kept.flatMap((k) => k.region.ids));
  return { ids: [...ids].sort(), occurrences: kept.map((k) => k.occurrence) };
}
