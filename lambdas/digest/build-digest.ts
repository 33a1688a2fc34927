/**
 * What one subscriber's digest for one period says (pure: listings in, data out).
 *  1. group every subscribed theme's listings into stories (clustered once per read window)
 *  2. view each story through the subscriber's filters for the period: its themes, regions and outlets
 *  3. rank stories by number of outlets, then by score weighted by recency; the first 3–5 are the top stories
 *  4. place each story once, under its strongest theme (the others become chips)
 *  5. count stories per theme and per region this period and the one before, per chart bar, and
 *     (daily digests) check each theme and theme × region for a spike against the 28 days before
 *  6. write the subject line with the counts
 * Every count is a count of stories, not of articles.
 */
import { checkSpike, DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from '../alerts/detect-spikes.ts';
import type { Language } from '../model/article.ts';
import { limaDayStart, nextDay } from '../model/lima-time.ts';
import type { ListingItem } from '../store/article-store.ts';
import type { Digest, DigestFilters, DigestSection, SpikeMark, Story, StoryDetails, ThemeLabel } from './digest.ts';
import { chartBuckets, previousPeriod, spikeDays, type Period } from './period.ts';
import { countStories, groupStories, groupsIn, indexStories, viewStory, type StoryIndex } from './stories.ts';
import { subjectLine } from './subject-line.ts';

export interface BuildDigestInput {
  lang: Language;
  period: Period;
  themes: ThemeLabel[];
  regionNames: Record<string, string>;
  /** Per theme, listings covering readWindow(period). */
  listingsByTheme: Map<string, ListingItem[]>;
  filters: DigestFilters;
  /** The stories of listingsByTheme, when the caller memoizes them across subscribers. */
  stories?: StoryIndex;
  /** By lead article id; stories without details show their listing only. */
  details?: Map<string, StoryDetails>;
  spikeSettings?: SpikeSettings;
}

export const TOP_STORIES = { min: 3, max: 5 };

export function buildDigest(input: BuildDigestInput): Digest {
  const { period, lang, filters } = input;
  const index = input.stories ?? indexStories(groupStories(input.listingsByTheme));
  const themeIds = new Set(input.themes.map((t) => t.id));
  const themeLabels = Object.fromEntries(input.themes.map((t) => [t.id, t.label[lang]]));
  const rank = (item: ListingItem, score: number) => rankValue({ ...item, score }, period);

  const stories: Story[] = [];
  for (const group of groupsIn(index, period)) {
    const view = viewStory(group, period, filters, themeIds, rank);
    if (view) stories.push(toStoryView(view, input.details?.get(view.lead.articleId)));
  }
  stories.sort((a, b) => b.outlets - a.outlets || storyScore(b, period) - storyScore(a, period) || a.lead.articleId.localeCompare(b.lead.articleId));
  const top = stories.slice(0, TOP_STORIES.min).concat(stories.slice(TOP_STORIES.min, TOP_STORIES.max).filter((s) => s.outlets > 1));

  const sections: DigestSection[] = [];
  for (const theme of input.themes) {
    const placed = stories.filter((s) => s.themes[0] === theme.id);
    const carrying = stories.filter((s) => s.themes.includes(theme.id)).length;
    if (placed.length > 0) sections.push({ theme: theme.id, label: themeLabels[theme.id]!, stories: placed, elsewhere: carrying - placed.length });
  }

  const now = countStories(index, period, filters, themeIds);
  const before = countStories(index, previousPeriod(period), filters, themeIds);
  const spikes = period.cadence === 'daily' && period.days.length === 1 ? findSpikes(index, period, input, themeLabels) : [];
  const counts = input.themes.map((t) => ({
    theme: t.id,
    label: themeLabels[t.id]!,
    count: now.byTheme.get(t.id) ?? 0,
    previous: before.byTheme.get(t.id) ?? 0,
    ...(spikes.find((s) => s.theme === t.id && !s.region) ? { spike: spikes.find((s) => s.theme === t.id && !s.region)!.check } : {}),
  }));
  const buckets = chartBuckets(period);
  const perBucket = buckets.map((bucket) => countStories(index, bucket, filters, themeIds).byTheme);
  const rows = input.themes.map((t) => ({ theme: t.id, label: themeLabels[t.id]!, counts: perBucket.map((m) => m.get(t.id) ?? 0) }));
  const regionIds = new Set([...now.byRegion.keys(), ...before.byRegion.keys()]);
  const regions = [...regionIds]
    .map((region) => ({ region, name: input.regionNames[region] ?? region, count: now.byRegion.get(region) ?? 0, previous: before.byRegion.get(region) ?? 0 }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.name.localeCompare(b.name));

  const digest = {
    lang, period, top, counts, chart: { buckets, rows }, sections, totalStories: now.total, previousTotal: before.total,
    regions, spikes, themeLabels, regionNames: input.regionNames,
  };
  return { ...digest, subject: subjectLine(digest) };
}

/** Each theme and theme × region of the digest's day against the same day-window on each of the 28 days before. */
function findSpikes(index: StoryIndex, period: Period, input: BuildDigestInput, labels: Record<string, string>): SpikeMark[] {
  const themeIds = new Set(input.themes.map((t) => t.id));
  const perDay = spikeDays(period).map((day) =>
    countStories(index, { from: limaDayStart(day).toISOString(), to: limaDayStart(nextDay(day)).toISOString() }, input.filters, themeIds),
  );
  const last = perDay[perDay.length - 1]!;
  const marks: SpikeMark[] = [];
  const settings = input.spikeSettings ?? DEFAULT_SPIKE_SETTINGS;
  for (const theme of input.themes) {
    const series = perDay.map((c) => c.byTheme.get(theme.id) ?? 0);
    const check = checkSpike(series, settings);
    if (check.spike) marks.push({ theme: theme.id, label: labels[theme.id]!, check, series });
  }
  for (const key of last.byThemeRegion.keys()) {
    const series = perDay.map((c) => c.byThemeRegion.get(key) ?? 0);
    const check = checkSpike(series, settings);
    const [theme, region] = key.split('|') as [string, string];
    if (check.spike) marks.push({ theme, label: labels[theme]!, region, regionName: input.regionNames[region] ?? region, check, series });
  }
  return marks;
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

/** A story from a cluster of listings, best first (the region section's stories, which carry no theme sections). */
export function toStory(group: ListingItem[]): Story {
  const [lead, ...others] = group as [ListingItem, ...ListingItem[]];
  return toStoryView({ lead, members: [lead, ...others], themes: lead.themes.map((theme) => ({ theme, score: lead.score })), regions: lead.regions, feeds: [...new Set(group.map((m) => m.feedName))] }, undefined);
}

function storyScore(story: Story, period: Period): number {
  return rankValue(story.lead, period);
}

function toStoryView(view: NonNullable<ReturnType<typeof viewStory>>, details: StoryDetails | undefined): Story {
  const alsoIn: Story['alsoIn'] = [];
  const seen = new Set([view.lead.feedName]);
  const add = (feedName: string, url: string) => {
    if (!seen.has(feedName)) {
      seen.add(feedName);
      alsoIn.push({ feedName, url });
    }
  };
  for (const member of view.members.slice(1)) add(member.feedName, member.url);
  for (const source of details?.sources ?? []) add(source.feedName, source.url);
  const themes = view.themes.map((t) => t.theme);
  const lead = { ...view.lead, score: view.themes[0]!.score };
  return {
    lead,
    themes,
    regions: view.regions,
    outlets: seen.size,
    alsoIn,
    ...(details?.lede ? { lede: details.lede } : {}),
    ...(details?.why?.[themes[0]!] ? { why: details.why[themes[0]!] } : {}),
  };
}
