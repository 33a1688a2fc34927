/**
 * Which themes, and which themes in which regions, are spiking now (pure).
 *  1. group the last 29 days of every theme's listings into stories (the digest's clustering)
 *  2. count distinct stories per theme and per theme × region in the last 24 hours and in the
 *     same 24-hour window on each of the 28 days before
 *  3. a spike is a count of at least `minCount` above mean + k·sd of those 28 (checkSpike)
 * Each spike carries its series (the explanation) and the stories of the last 24 hours.
 */
import { groupStories, groupsIn, indexStories, countStories, viewStory } from '../digest/stories.ts';
import type { ListingItem, TimeRange } from '../store/article-store.ts';
import { limaDay } from '../model/lima-time.ts';
import { BASELINE_WINDOWS, checkSpike, DEFAULT_SPIKE_SETTINGS, type SpikeCheck, type SpikeSettings } from './detect-spikes.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SpikeStory {
  title: string;
  url: string;
  feedName: string;
  publishedAt: string;
  outlets: number;
}

export interface Spike extends SpikeCheck {
  /** Stable for the spike's Lima day: "<day>#<theme>#<region or *>"; deliveries are claimed per id and recipient. */
  id: string;
  theme: string;
  region?: string;
  /** The last 24 hours, ending at the hour the check ran. */
  window: TimeRange;
  /** Stories per window, oldest first: 28 baseline windows then the last 24 hours. */
  series: number[];
  /** The stories of the last 24 hours, most outlets then best score first (at most 5). */
  stories: SpikeStory[];
}

/** The 29 windows of 24 hours ending at `now` rounded down to the hour, oldest first. */
export function spikeWindows(now: Date): TimeRange[] {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: BASELINE_WINDOWS + 1 }, (_, i) => {
    const to = end - (BASELINE_WINDOWS - i) * DAY_MS;
    return { from: new Date(to - DAY_MS).toISOString(), to: new Date(to).toISOString() };
  });
}

/** The range the listings must cover: all 29 windows. */
export function spikeReadRange(now: Date): TimeRange {
  const windows = spikeWindows(now);
  return { from: windows[0]!.from, to: windows[windows.length - 1]!.to };
}

export function findSpikes(listingsByTheme: Map<string, ListingItem[]>, now: Date, settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS): Spike[] {
  const index = indexStories(groupStories(listingsByTheme));
  const themes = new Set(listingsByTheme.keys());
  const filters = { regions: [], minScore: 0 };
  const windows = spikeWindows(now);
  const counts = windows.map((window) => countStories(index, window, filters, themes));
  const last = windows[windows.length - 1]!;
  const day = limaDay(new Date(Date.parse(last.to) - 1));
  const spikes: Spike[] = [];
  const consider = (theme: string, region: string | undefined, series: number[]) => {
    const check = checkSpike(series, settings);
    if (!check.spike) return;
    spikes.push({ ...check, id: `${day}#${theme}#${region ?? '*'}`, theme, ...(region ? { region } : {}), window: last, series, stories: storiesOf(theme, region) });
  };
  const storiesOf = (theme: string, region: string | undefined): SpikeStory[] => {
    const views = groupsIn(index, last)
      .map((group) => viewStory(group, last, { regions: region ? [region] : [], minScore: 0 }, new Set([theme]), (item, score) => score))
      .filter((view) => view !== undefined);
    return views
      .sort((a, b) => b.feeds.length - a.feeds.length || b.themes[0]!.score - a.themes[0]!.score || b.lead.publishedAt.localeCompare(a.lead.publishedAt))
      .slice(0, 5)
      .map((view) => ({ title: view.lead.title, url: view.lead.url, feedName: view.lead.feedName, publishedAt: view.lead.publishedAt, outlets: view.feeds.length }));
  };
  for (const theme of themes) consider(theme, undefined, counts.map((c) => c.byTheme.get(theme) ?? 0));
  for (const key of [...counts[counts.length - 1]!.byThemeRegion.keys()].sort()) {
    const [theme, region] = key.split('|') as [string, string];
    consider(theme, region, counts.map((c) => c.byThemeRegion.get(key) ?? 0));
  }
  return spikes;
}
