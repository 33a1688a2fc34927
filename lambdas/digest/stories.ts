/**
 * Stories, not articles: the listings of every subscribed theme become one
 * set of stories (the same event told by several outlets, clustered once), and
 * every count a digest shows is a count of stories.
 *  - `groupStories` clusters all listings of a read window once (memoizable:
 *    it does not depend on the subscriber's filters)
 *  - `viewStory` is one story as a subscriber sees it in a time range: only
 *    the members published in the range that pass the filters, its themes with
 *    their best score, its regions and its outlets
 * Pure.
 */
import type { ListingItem } from '../store/article-store.ts';
import type { DigestFilters } from './digest.ts';
import { limaDay, limaDaysBetween } from '../model/lima-time.ts';
import { clusterStories } from './cluster.ts';

/** One article as the theme index items describe it: its listing and its score on each theme it was listed under. */
export interface ArticleListing {
  item: ListingItem;
  scores: Record<string, number>;
}

export type StoryGroup = ArticleListing[];

export interface StoryView {
  /** Best-ranked member in the range: its title and link represent the story. */
  lead: ListingItem;
  members: ListingItem[];
  /** Subscribed themes the story carries in the range, best score first. */
  themes: { theme: string; score: number }[];
  /** Regions named by the members, the lead's first. */
  regions: string[];
  /** Distinct outlets (feed names) among the members, the lead's first. */
  feeds: string[];
}

/** Merges per-theme listings by article and clusters them, best score first; pure and independent of any subscriber. */
export function groupStories(listingsByTheme: Map<string, ListingItem[]>): StoryGroup[] {
  const byId = new Map<string, ArticleListing>();
  for (const [theme, items] of listingsByTheme) {
    for (const item of items) {
      const known = byId.get(item.articleId);
      if (known) known.scores[theme] = Math.max(known.scores[theme] ?? 0, item.score);
      else byId.set(item.articleId, { item, scores: { [theme]: item.score } });
    }
  }
  const best = (a: ArticleListing) => Math.max(...Object.values(a.scores));
  const ranked = [...byId.values()].sort(
    (a, b) => best(b) - best(a) || b.item.publishedAt.localeCompare(a.item.publishedAt) || a.item.articleId.localeCompare(b.item.articleId),
  );
  const candidates = ranked.map((a) => ({ articleId: a.item.articleId, title: a.item.title, publishedAt: a.item.publishedAt, listing: a }));
  return clusterStories(candidates).map((group) => group.map((c) => c.listing));
}

/** The story as seen through `filters` and `themes` in [range.from, range.to); undefined when nothing of it is left. */
export function viewStory(
  group: StoryGroup,
  range: { from: string; to: string },
  filters: DigestFilters,
  themes: ReadonlySet<string>,
  rank: (item: ListingItem, score: number) => number,
): StoryView | undefined {
  const scores = new Map<string, number>();
  let lead: { item: ListingItem; value: number } | undefined;
  const members: ListingItem[] = [];
  for (const { item, scores: byTheme } of group) {
    if (item.publishedAt < range.from || item.publishedAt >= range.to) continue;
    if (filters.regions.length > 0 && !item.regions.some((r) => filters.regions.includes(r))) continue;
    let bestScore = -Infinity;
    for (const [theme, score] of Object.entries(byTheme)) {
      if (!themes.has(theme) || score < filters.minScore) continue;
      scores.set(theme, Math.max(scores.get(theme) ?? 0, score));
      bestScore = Math.max(bestScore, score);
    }
    if (bestScore === -Infinity) continue;
    members.push(item);
    const value = rank(item, bestScore);
    if (!lead || value > lead.value || (value === lead.value && item.publishedAt > lead.item.publishedAt)) lead = { item, value };
  }
  if (!lead) return undefined;
  const ordered = [lead.item, ...members.filter((m) => m !== lead.item)];
  return {
    lead: lead.item,
    members: ordered,
    themes: [...scores].map(([theme, score]) => ({ theme, score })).sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme)),
    regions: [...new Set(ordered.flatMap((m) => m.regions))],
    feeds: [...new Set(ordered.map((m) => m.feedName))],
  };
}

/** Groups with the Lima days their members were published on, so a range only looks at its own days. */
export interface StoryIndex {
  groups: StoryGroup[];
  byDay: Map<string, number[]>;
}

export function indexStories(groups: StoryGroup[]): StoryIndex {
  const byDay = new Map<string, number[]>();
  groups.forEach((group, index) => {
    for (const day of new Set(group.map((m) => limaDay(m.item.publishedAt)))) {
      const list = byDay.get(day);
      if (list) list.push(index);
      else byDay.set(day, [index]);
    }
  });
  return { groups, byDay };
}

/** The groups with a member published on a Lima day the range touches (a superset of those with a member in range). */
export function groupsIn(index: StoryIndex, range: { from: string; to: string }): StoryGroup[] {
  const ids = new Set<number>();
  for (const day of limaDaysBetween(new Date(range.from), new Date(range.to))) for (const i of index.byDay.get(day) ?? []) ids.add(i);
  return [...ids].sort((a, b) => a - b).map((i) => index.groups[i]!);
}

/** Distinct stories per theme, per region and per theme × region ("theme|region") in a range. */
export function countStories(
  index: StoryIndex,
  range: { from: string; to: string },
  filters: DigestFilters,
  themes: ReadonlySet<string>,
): { total: number; byTheme: Map<string, number>; byRegion: Map<string, number>; byThemeRegion: Map<string, number> } {
  const byTheme = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const byThemeRegion = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let total = 0;
  for (const group of groupsIn(index, range)) {
    const view = viewStory(group, range, filters, themes, (_item, score) => score);
    if (!view) continue;
    total++;
    for (const { theme } of view.themes) {
      add(byTheme, theme);
      for (const region of view.regions) add(byThemeRegion, `${theme}|${region}`);
    }
    for (const region of view.regions) add(byRegion, region);
  }
  return { total, byTheme, byRegion, byThemeRegion };
}
