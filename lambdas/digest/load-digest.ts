/**
 * Reads what a digest needs from the article store and builds it.
 *  1. one Query per subscribed theme over the chart window (covers the period,
 *     the previous period and the 14 chart days); never a Scan
 *  2. split by country: Peru's stories (and those of unknown country) make the
 *     theme sections; the subscriber's other countries a short region section
 *     (region-section.ts)
 *  3. build the digest (filters, counts, ranking, clustering)
 *  4. one GetItem per story shown, for the snippet that says why it was
 *     tagged and for the other outlets merged into the same article
 * A reader lives for one run and remembers what it read, so a hundred
 * subscribers with the same period cost one Query per theme, not a hundred.
 */
import type { Article } from '../model/article.ts';
import type { ArticleStore, ListingItem } from '../store/article-store.ts';
import { PERU } from '../model/country.ts';
import { subscribedThemes, type SubscriberPreferences } from '../subscribers/subscriber.ts';
import { buildDigest, rankListings } from './build-digest.ts';
import type { Digest, Story, ThemeLabel } from './digest.ts';
import { clusterStories } from './cluster.ts';
import { readWindow, type Period } from './period.ts';
import { buildRegionSection, splitByCountry } from './region-section.ts';

export interface DigestCatalog {
  themes: ThemeLabel[];
  regions: { id: string; name: string }[];
}

/** `countries` defaults to Peru only. */
export type DigestProfile = Pick<SubscriberPreferences, 'themes' | 'regions' | 'lang' | 'minScore'> & Partial<Pick<SubscriberPreferences, 'countries'>>;

export interface DigestReader {
  /** The digest of `profile` for `period`, with snippets for the first `detailed` stories of each theme. */
  read(profile: DigestProfile, period: Period, options?: { detailed?: number; themes?: string[] }): Promise<Digest>;
}

export function createDigestReader(articles: Pick<ArticleStore, 'listByTheme' | 'getArticle'>, catalog: DigestCatalog): DigestReader {
  const listings = new Map<string, Promise<ListingItem[]>>();
  const clusters = new Map<string, ListingItem[][]>();
  const fullArticles = new Map<string, Promise<Article | undefined>>();
  const regionNames = Object.fromEntries(catalog.regions.map((r) => [r.id, r.name]));
  const memo = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };

  async function read(profile: DigestProfile, period: Period, options: { detailed?: number; themes?: string[] } = {}): Promise<Digest> {
    const window = readWindow(period);
    const ids = subscribedThemes(profile, catalog.themes.map((t) => t.id)).filter((id) => !options.themes || options.themes.includes(id));
    const themes = catalog.themes.filter((t) => ids.includes(t.id));
    const listingsByTheme = new Map<string, ListingItem[]>();
    await Promise.all(
      themes.map(async (theme) => {
        listingsByTheme.set(theme.id, await memo(listings, `${theme.id}|${window.from}|${window.to}`, () => articles.listByTheme(theme.id, window)));
      }),
    );
    const byCountry = splitByCountry(listingsByTheme, profile.countries ?? [PERU]);
    const digest = buildDigest({
      lang: profile.lang,
      period,
      themes,
      regionNames,
      listingsByTheme: byCountry.home,
      filters: { regions: profile.regions, minScore: profile.minScore },
      // Still one clustering per theme and period: every subscriber's theme sections hold the same home stories (or none).
      cluster: (theme, ranked) => memo(clusters, `${theme}|${period.key}`, () => clusterStories(rankListings(ranked, period))),
    });
    digest.region = buildRegionSection(byCountry.abroad, period, profile.lang, profile.minScore);
    const detailed = options.detailed ?? 10;
    await Promise.all(
      [
        ...digest.sections.flatMap((section) => section.stories.slice(0, detailed).map((story) => addDetails(story, section.theme))),
        ...(digest.region?.stories ?? []).map((story) => addDetails(story, story.lead.themes[0] ?? '')),
      ],
    );
    return digest;
  }

  async function addDetails(story: Story, theme: string): Promise<void> {
    const article = await memo(fullArticles, story.lead.articleId, () => articles.getArticle(story.lead.articleId));
    if (!article) return;
    story.snippet = whyTagged(article, theme);
    const known = new Set([story.lead.feedName, ...story.alsoIn.map((a) => a.feedName)]);
    for (const source of article.sources) {
      if (known.has(source.feedName)) continue;
      known.add(source.feedName);
      story.alsoIn.push({ feedName: source.feedName, url: source.link });
    }
  }

  return { read };
}

/** The snippet of the strongest hit outside the title (a title snippet only repeats the title). */
export function whyTagged(article: Pick<Article, 'themes'>, theme: string): string | undefined {
  const hits = article.themes.find((t) => t.theme === theme)?.hits ?? [];
  const best = [...hits].filter((h) => h.snippet).sort((a, b) => Number(a.field === 'title') - Number(b.field === 'title') || b.count - a.count)[0];
  return best?.snippet;
}
