/**
 * What one subscriber's digest for one period says (pure: listings in, data out).
 *  1. keep the listings that pass the subscriber's filters (minimum score, regions)
 *  2. count them per theme for the period, the previous period and each chart day
 *  3. rank the period's articles by score and recency, fold each story's outlets into one entry
 *  4. write the subject line with the counts
 */
import type { Language } from '../model/article.ts';
import { limaDay } from '../model/lima-time.ts';
import type { ListingItem } from '../store/article-store.ts';
import { clusterStories } from './cluster.ts';
import { chartDays, previousPeriod, type Period } from './period.ts';
import type { Digest, DigestFilters, DigestSection, Story, ThemeCount, ThemeLabel } from './digest.ts';
import { subjectLine } from './subject-line.ts';

export interface BuildDigestInput {
  lang: Language;
  period: Period;
  themes: ThemeLabel[];
  regionNames: Record<string, string>;
  /** Per theme, listings covering readWindow(period). */
  listingsByTheme: Map<string, ListingItem[]>;
  filters: DigestFilters;
  /** Groups a theme's ranked listings into stories; callers may memoize it across subscribers. */
  cluster?: (theme: string, ranked: ListingItem[]) => ListingItem[][];
}

export function buildDigest(input: BuildDigestInput): Digest {
  const { period, lang, filters } = input;
  const previous = previousPeriod(period);
  const days = chartDays(period);
  const cluster = input.cluster ?? ((_theme: string, ranked: ListingItem[]) => clusterStories(ranked));
  const counts: ThemeCount[] = [];
  const rows: Digest['chart']['rows'] = [];
  const sections: DigestSection[] = [];
  const distinct = new Set<string>();

  for (const theme of input.themes) {
    const label = theme.label[lang];
    const all = input.listingsByTheme.get(theme.id) ?? [];
    const kept = all.filter((item) => passes(item, filters));
    const inPeriod = kept.filter((item) => within(item, period));
    counts.push({ theme: theme.id, label, count: inPeriod.length, previous: kept.filter((item) => within(item, previous)).length });
    const perDay = new Map<string, number>();
    for (const item of kept) perDay.set(limaDay(item.publishedAt), (perDay.get(limaDay(item.publishedAt)) ?? 0) + 1);
    rows.push({ theme: theme.id, label, counts: days.map((day) => perDay.get(day) ?? 0) });
    if (inPeriod.length === 0) continue;

    const keptIds = new Set(inPeriod.map((item) => item.articleId));
    const stories = cluster(theme.id, rankListings(all.filter((item) => within(item, period)), period))
      .map((group) => group.filter((item) => keptIds.has(item.articleId)))
      .filter((group) => group.length > 0)
      .map(toStory);
    stories.sort((a, b) => storyRank(b, period) - storyRank(a, period));
    inPeriod.forEach((item) => distinct.add(item.articleId));
    sections.push({ theme: theme.id, label, stories, articleCount: inPeriod.length });
  }
  const digest = { lang, period, counts, chart: { days, rows }, sections, totalArticles: distinct.size, regionNames: input.regionNames };
  return { ...digest, subject: subjectLine(digest) };
}

/** Score weighted by recency: an article from the period's last moment counts fully, one from its first moment 75 %. */
export function rankValue(item: ListingItem, period: Pick<Period, 'from' | 'to'>): number {
  const from = Date.parse(period.from);
  const span = Math.max(1, Date.parse(period.to) - from);
  const age = 1 - Math.min(1, Math.max(0, (Date.parse(item.publishedAt) - from) / span));
  return item.score * (1 - 0.25 * age);
}

export function rankListings(items: ListingItem[], period: Pick<Period, 'from' | 'to'>): ListingItem[] {
  return [...items].sort(
    (a, b) => rankValue(b, period) - rankValue(a, period) || b.publishedAt.localeCompare(a.publishedAt) || a.articleId.localeCompare(b.articleId),
  );
}

/** A story told by more outlets ranks higher: +10 % per extra outlet, up to +50 %. */
function storyRank(story: Story, period: Period): number {
  return rankValue(story.lead, period) * (1 + 0.1 * Math.min(5, story.alsoIn.length));
}

export function toStory(group: ListingItem[]): Story {
  const [lead, ...others] = group as [ListingItem, ...ListingItem[]];
  const seen = new Set([lead.feedName]);
  const alsoIn = others.filter((o) => !seen.has(o.feedName) && seen.add(o.feedName)).map((o) => ({ feedName: o.feedName, url: o.url }));
  return { lead, alsoIn };
}

function passes(item: ListingItem, filters: DigestFilters): boolean {
  return item.score >= filters.minScore && (filters.regions.length === 0 || item.regions.some((r) => filters.regions.includes(r)));
}

function within(item: ListingItem, range: { from: string; to: string }): boolean {
  return item.publishedAt >= range.from && item.publishedAt < range.to;
}
