/**
 * Peru first, then a short "En la región / In the region" section (pure).
 *  1. split each theme's listings by country: stories about Peru, or whose
 *     country is unknown (everything stored before the country decision, and
 *     what the tagger could not place), fill the theme sections as before;
 *     stories about another country the subscriber chose go to the region
 *     section; stories about countries the subscriber did not choose are left out
 *  2. the region section keeps each article once (across themes, its best
 *     score), in the period and at or above the subscriber's minimum score;
 *     the subscriber's Peruvian regions do not apply abroad
 *  3. rank as the theme sections do, fold retellings, keep the first few.
 * A subscriber without Peru in their countries gets no theme sections at all.
 */
import type { Language } from '../model/article.ts';
import { PERU } from '../model/country.ts';
import type { ListingItem } from '../store/article-store.ts';
import { rankListings, toStory } from './build-digest.ts';
import { clusterStories } from './cluster.ts';
import type { RegionSection } from './digest.ts';
import type { Period } from './period.ts';

/** At most this many stories in the region section: it is a glance, not a second digest. */
export const REGION_STORIES = 5;

export const REGION_HEADING: Record<Language, string> = { es: 'En la región', en: 'In the region' };

export interface CountrySplit {
  /** Per theme, the listings for the theme sections. */
  home: Map<string, ListingItem[]>;
  /** Listings about the subscriber's other countries (an article may appear once per theme). */
  abroad: ListingItem[];
}

/** Peru's stories and those of unknown country belong to the theme sections. */
export function isHomeStory(item: Pick<ListingItem, 'countries'>): boolean {
  return item.countries.length === 0 || item.countries.includes(PERU);
}

/** Step 1: `countries` are the subscriber's ISO codes (default ['PE']). */
export function splitByCountry(listingsByTheme: Map<string, ListingItem[]>, countries: string[]): CountrySplit {
  const wantsHome = countries.includes(PERU);
  const others = countries.filter((code) => code !== PERU);
  const home = new Map<string, ListingItem[]>();
  const abroad: ListingItem[] = [];
  for (const [theme, items] of listingsByTheme) {
    home.set(theme, wantsHome ? items.filter(isHomeStory) : []);
    abroad.push(...items.filter((item) => !isHomeStory(item) && item.countries.some((code) => others.includes(code))));
  }
  return { home, abroad };
}

/** Steps 2–3; undefined when no story qualifies. */
export function buildRegionSection(abroad: ListingItem[], period: Pick<Period, 'from' | 'to'>, lang: Language, minScore: number): RegionSection | undefined {
  const best = new Map<string, ListingItem>();
  for (const item of abroad) {
    if (item.publishedAt < period.from || item.publishedAt >= period.to || item.score < minScore) continue;
    const seen = best.get(item.articleId);
    if (!seen || item.score > seen.score) best.set(item.articleId, item);
  }
  if (best.size === 0) return undefined;
  const stories = clusterStories(rankListings([...best.values()], period)).map(toStory);
  return { label: REGION_HEADING[lang], stories: stories.slice(0, REGION_STORIES), articleCount: best.size };
}
