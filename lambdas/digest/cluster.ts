/**
 * Folds the same story told by several outlets into one entry. Two articles
 * are the same story when they were published within two days of each other
 * and either their titles share most of their content words (Spanish and
 * English stop words dropped, accents folded, words cut to a 5-letter stem so
 * "extorsión" meets "extorsionadores") or their texts share many 3-word runs.
 * Pure; greedy in rank order, so a cluster's lead is its best-ranked article.
 */
import { splitWords } from '../tagging/fold.ts';

export interface ClusterCandidate {
  articleId: string;
  title: string;
  publishedAt: string;
  /** Summary or body, when the caller has it; titles alone work too. */
  text?: string;
}

const MAX_GAP_MS = 48 * 3_600_000;

export function clusterStories<T extends ClusterCandidate>(ranked: T[]): T[][] {
  const clusters: T[][] = [];
  const members: { cluster: number; at: number; title: Set<string>; shingles?: Set<string> }[] = [];
  // Title word, or `~` + text shingle, within a 48-hour bucket → members holding it. Only members of the
  // item's bucket and its two neighbours can be within MAX_GAP_MS, so a 60-day window compares days, not months.
  const byWord = new Map<string, number[]>();
  // Per earlier member, for the item at hand: the title words and text shingles it shares, counted
  // while the candidates are gathered from `byWord`, so no pair of sets is intersected. Common words
  // make nearly every earlier member a candidate; this loop is where a busy digest spends its time.
  // seenBy[m] === i: member m is already a candidate of item i (its counts are this item's).
  const seenBy: number[] = [];
  const sharedWords: number[] = [];
  const sharedShingles: number[] = [];
  for (const [i, item] of ranked.entries()) {
    const at = Date.parse(item.publishedAt);
    const title = contentWords(item.title);
    const shingles = item.text ? wordShingles(item.text) : undefined;
    const keys = [...title, ...[...(shingles ?? [])].map((s) => `~${s}`)];
    const bucket = Math.floor(at / MAX_GAP_MS);
    const candidates: number[] = [];
    for (const key of keys) {
      const isShingle = key.startsWith('~');
      for (let near = bucket - 1; near <= bucket + 1; near++) {
        for (const m of byWord.get(`${near}|${key}`) ?? []) {
          if (seenBy[m] !== i) {
            seenBy[m] = i;
            sharedWords[m] = 0;
            sharedShingles[m] = 0;
            candidates.push(m);
          }
          if (isShingle) sharedShingles[m]!++;
          else sharedWords[m]!++;
        }
      }
    }
    let home: number | undefined;
    for (const m of candidates.sort((a, b) => a - b)) {
      const other = members[m]!;
      if (Math.abs(other.at - at) > MAX_GAP_MS) continue;
      if (
        titlesMatch(sharedWords[m]!, other.title.size, title.size) ||
        (shingles && other.shingles && textsMatch(sharedShingles[m]!, other.shingles.size, shingles.size))
      ) {
        home = other.cluster;
        break;
      }
    }
    if (home === undefined) {
      home = clusters.length;
      clusters.push([]);
    }
    clusters[home]!.push(item);
    const index = members.push({ cluster: home, at, title, shingles }) - 1;
    for (const key of keys) {
      const list = byWord.get(`${bucket}|${key}`);
      if (list) list.push(index);
      else byWord.set(`${bucket}|${key}`, [index]);
    }
  }
  return clusters;
}

/** Most content words shared (at least four), or nearly the same title. */
export function sameTitle(a: Set<string>, b: Set<string>): boolean {
  return titlesMatch(intersection(a, b), a.size, b.size);
}

/** sameTitle from the number of content words two titles share and the size of each. */
function titlesMatch(shared: number, sizeA: number, sizeB: number): boolean {
  const overlap = shared / Math.max(1, Math.min(sizeA, sizeB));
  const jaccard = shared / Math.max(1, sizeA + sizeB - shared);
  return (shared >= 4 && overlap >= 0.5) || (shared >= 2 && jaccard >= 0.8);
}

/** Many 3-word runs shared (Jaccard ≥ 0.3), between texts of at least 8 runs each. */
function textsMatch(shared: number, sizeA: number, sizeB: number): boolean {
  if (sizeA < 8 || sizeB < 8) return false;
  return shared / (sizeA + sizeB - shared) >= 0.3;
}

export function contentWords(text: string): Set<string> {
  return new Set(words(text).filter((w) => !STOP_WORDS.has(w) && (w.length >= 3 || /\d/.test(w))).map(stem));
}

function wordShingles(text: string): Set<string> {
  const stems = words(text.slice(0, 1200)).filter((w) => !STOP_WORDS.has(w)).map(stem);
  const shingles = new Set<string>();
  for (let i = 0; i + 2 < stems.length; i++) shingles.add(`${stems[i]} ${stems[i + 1]} ${stems[i + 2]}`);
  return shingles;
}

/** Folded words, as the tagger folds them (tagging/fold.ts): case and accents gone, ñ kept. */
function words(text: string): string[] {
  return splitWords(text).words;
}

const stem = (word: string) => (/^\d+$/.test(word) ? word : word.slice(0, 5));

function intersection(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

const STOP_WORDS = new Set(
  (
    'a al ante bajo con contra de del desde durante en entre hacia hasta para por segun sin sobre tras el la los las lo un una unos unas ' +
    'y e o u ni que se su sus es son fue ser ha han hay mas muy ya no le les este esta estos estas ese esa como cuando donde tambien pero ' +
    'the a an and or of in on at to for from by with without after before over under into its it is are was were be been has have had ' +
    'as that this these those not no but than then there their they he she his her who what when where which while new says said'
  ).split(' '),
);
