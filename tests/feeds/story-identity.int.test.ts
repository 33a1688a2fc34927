/**
 * Story identity across feeds (issue 14, kind 3), on DynamoDB Local and
 * loopback HTTP: a Google News search feed and the outlet's own feed carry
 * the same story; whichever is polled first, it is stored once, with both
 * sources, the outlet's own URL as its link, and one story in the digest.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import type { FeedFetcher } from '../../lambdas/feeds/fetch/feed-fetcher.ts';
import { pollFeed, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { storyItemKey } from '../../lambdas/store/story-items.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { CATALOG } from '../digest/make-article.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';
import { crashNext, partitionItems } from '../store/article-table.ts';

const NOW = '2026-11-22T18:00:00.000Z';
const TITLE = 'Extorsionadores atacan a balazos un bus de transporte en San Juan de Lurigancho';
const OUTLET_URL = 'https://www.diariocorreo.pe/edicion/lima/extorsionadores-atacan-bus-sjl-noticia/';
const GN_LINK = 'https://news.google.com/rss/articles/CBMiCORREO1?oc=5';
const STORY_KEY = 'diariocorreo.pe|extorsionadores atacan a balazos un bus de transporte en san juan de lurigancho';

const rss = (title: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.invalid/</link>${items}</channel></rss>`;
const gnItem = (token: string, outlet: string, outletUrl: string, title = TITLE) =>
  `<item><title>${title} - ${outlet}</title><link>https://news.google.com/rss/articles/${token}?oc=5</link>` +
  `<guid isPermaLink="false">${token}</guid><pubDate>Sun, 22 Nov 2026 15:40:00 GMT</pubDate>` +
  `<description>&lt;a href="https://news.google.com/rss/articles/${token}"&gt;${title}&lt;/a&gt; ${outlet}</description>` +
  `<source url="${outletUrl}">${outlet}</source></item>`;
const GN_FEED = rss(
  'extorsión Lima - Google News',
  gnItem('CBMiCORREO1', 'Diario Correo', 'https://diariocorreo.pe') + gnItem('CBMiREPUBLICA1', 'La República', 'https://larepublica.pe'),
);
const OUTLET_FEED = rss(
  'Correo - Lima',
  `<item><title>${TITLE}</title><link>${OUTLET_URL}?utm_source=rss&amp;utm_medium=feed</link>` +
    `<pubDate>Sun, 22 Nov 2026 10:00:00 -0500</pubDate>` +
    '<description>Los choferes de la empresa pagaban un cupo diario a la banda criminal, según la Policía.</description></item>',
);

let server: TestServer;
let fetcher: FeedFetcher;
beforeAll(async () => {
  server = await startTestServer({ '/gn': fixed(GN_FEED), '/correo': fixed(OUTLET_FEED) });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
});
afterAll(async () => {
  await server?.close();
});

// Google News asks for full text to show its opaque links are never fetched; the outlet's own links are not
// fetched either (they name the real outlet, and tests never reach the internet).
const feed = (id: string, name: string, route: string, fullText: boolean): FeedSource => ({ id, name, url: server.url(route), lang: 'es', fullText });
const googleNews = () => feed('gn-extorsion', 'Google News: extorsión Lima', '/gn', true);
const correo = () => feed('correo-lima', 'Correo', '/correo', false);

async function newStores(): Promise<{ stores: StoreContext; deps: PollDeps }> {
  const stores = await createTestStores();
  return { stores, deps: { fetcher, tagger: loadTagger(), clock: fixedClock(NOW), ...stores } };
}

/** The article the story key leads to, as its lookup item says. */
async function storyOf(context: StoreContext): Promise<string | undefined> {
  const [story] = await partitionItems(context, storyItemKey(STORY_KEY).pk);
  return story ? String(story.storyOf) : undefined;
}

async function storyArticles(context: StoreContext) {
  const listings = (await context.articles.listByDay('2026-11-22')).filter((l) => l.title === TITLE);
  return Promise.all(listings.map(async (listing) => ({ listing, article: (await context.articles.getArticle(listing.articleId))! })));
}

/** Correo's story is one article with both sources and Correo's URL; La República's same headline is another. */
async function expectOneArticleWithBothSources(context: StoreContext): Promise<string> {
  const found = await storyArticles(context);
  expect(found).toHaveLength(2);
  const [correoStory, other] = [found.filter((f) => f.article.storyKey === STORY_KEY), found.filter((f) => f.article.storyKey !== STORY_KEY)];
  expect(correoStory).toHaveLength(1);
  const { listing, article } = correoStory[0]!;
  expect(article.canonicalUrl).toBe(OUTLET_URL);
  expect(article.aggregatorLink).toBeUndefined();
  expect(listing.url).toBe(OUTLET_URL);
  expect(article.sources.map((s) => [s.feedId, s.feedName, s.via, s.link]).sort()).toEqual([
    ['correo-lima', 'Correo', undefined, `${OUTLET_URL}?utm_source=rss&utm_medium=feed`],
    ['gn-extorsion', 'Diario Correo', 'Google News: extorsión Lima', GN_LINK],
  ]);
  // Each feed lists it once (query --feed: the first feed through its day item, the other through its FEED# item),
  // and every listing shows the outlet's URL.
  const day = { from: '2026-11-22T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
  for (const feedId of ['correo-lima', 'gn-extorsion']) {
    const { items } = await context.articles.listPage({ by: 'feed', feedId }, day, { limit: 100 });
    expect(items.filter((l) => l.articleId === article.id).map((l) => l.url)).toEqual([OUTLET_URL]);
  }
  const themed = await context.articles.listByTheme('extortion', day);
  expect(themed.filter((l) => l.articleId === article.id).map((l) => l.url)).toEqual([OUTLET_URL]);
  expect(other.map((f) => f.article.sources.map((s) => s.feedName))).toEqual([['La República']]);
  expect(await storyOf(context)).toBe(article.id);
  return article.id;
}

/**
 * The daily digest of 22 Nov: Correo's story and La República's (same headline) make one story of two
 * outlets. Were Google News' copy of Correo's story a second article, it would be a third outlet.
 */
async function expectDigestCountsItOnce(context: StoreContext, articleId: string): Promise<void> {
  const digest = await createDigestReader(context.articles, CATALOG).read(
    { themes: ['extortion'], regions: [], lang: 'es', minScore: 0 },
    periodStarting('daily', '2026-11-22'),
  );
  const stories = digest.sections.flatMap((s) => s.stories);
  expect(stories).toHaveLength(1);
  const [story] = stories as [(typeof stories)[number]];
  const outlets = [story.lead.feedName, ...story.alsoIn.map((a) => a.feedName)];
  expect(story.outlets).toBe(2);
  expect(outlets).toHaveLength(2);
  expect(outlets.filter((name) => name === 'La República')).toHaveLength(1);
  expect([story.lead.url, ...story.alsoIn.map((a) => a.url)]).toContain(OUTLET_URL);
  // Correo's article is in the story once: as its lead, or as the one other outlet beside La República's.
  expect(story.lead.articleId === articleId ? story.alsoIn.map((a) => a.feedName) : [story.lead.feedName]).toEqual(['La República']);
  expect(digest.counts.find((c) => c.theme === 'extortion')).toMatchObject({ count: 1 });
}

describe('the same story from Google News and from the outlet’s own feed', () => {
  it('outlet first: the Google News copy joins the outlet’s article, and the poll report says so', async () => {
    const { stores, deps } = await newStores();
    try {
      const first = await pollFeed(correo(), deps);
      const second = await pollFeed(googleNews(), deps);
      expect([first.itemsNew, first.itemsMerged]).toEqual([1, 0]);
      expect([second.itemsSeen, second.itemsNew, second.itemsMerged]).toEqual([2, 1, 1]);
      const id = await expectOneArticleWithBothSources(stores);
      expect(second.identity.stories).toEqual([
        `"${TITLE}" (${GN_LINK}) is a story already stored from another feed (same outlet diariocorreo.pe, same title): merged into article ${id}`,
      ]);
      // Google News' opaque links are never fetched for full text, though the feed asks for it.
      expect(second.fullTextFetched + second.fullTextFailed.length).toBe(0);
      await expectDigestCountsItOnce(stores, id);

      // Polled again, both feeds find everything stored: nothing new, nothing merged, no sentence.
      const again = [await pollFeed(googleNews(), deps), await pollFeed(correo(), deps)];
      expect(again.map((r) => [r.status, r.itemsNew, r.itemsMerged, r.identity.stories.length])).toEqual([
        ['ok', 0, 0, 0],
        ['ok', 0, 0, 0],
      ]);
    } finally {
      await stores.close();
    }
  });

  it('Google News first: the outlet’s copy joins it, and the article takes the outlet’s URL in place of the opaque link', async () => {
    const { stores, deps } = await newStores();
    try {
      const first = await pollFeed(googleNews(), deps);
      const [gnArticle] = (await storyArticles(stores)).filter((f) => f.article.storyKey === STORY_KEY);
      expect(gnArticle?.article).toMatchObject({ canonicalUrl: GN_LINK, aggregatorLink: true });
      expect(gnArticle?.listing.url).toBe(GN_LINK);

      const second = await pollFeed(correo(), deps);
      expect([first.itemsNew, second.itemsNew, second.itemsMerged]).toEqual([2, 0, 1]);
      const id = await expectOneArticleWithBothSources(stores);
      expect(id).toBe(gnArticle!.article.id);
      expect(second.identity.stories).toEqual([
        `"${TITLE}" (${OUTLET_URL}?utm_source=rss&utm_medium=feed) is a story already stored from another feed (same outlet diariocorreo.pe, same title): merged into article ${id}`,
      ]);
      // The first copy's title, tags and date stay.
      const stored = await stores.articles.getArticle(id);
      expect(stored?.publishedAt).toBe('2026-11-22T15:40:00.000Z');
      await expectDigestCountsItOnce(stores, id);

      const again = [await pollFeed(correo(), deps), await pollFeed(googleNews(), deps)];
      expect(again.map((r) => [r.itemsNew, r.itemsMerged, r.identity.stories.length])).toEqual([
        [0, 0, 0],
        [0, 0, 0],
      ]);
    } finally {
      await stores.close();
    }
  });

  it('a key left pointing at an article that is not there leads nowhere: the next copy is stored and takes the key over', async () => {
    const { stores, deps } = await newStores();
    try {
      const missing = 'f'.repeat(32);
      await stores.client.send(
        new PutCommand({
          TableName: stores.tableNames.articles,
          Item: { ...storyItemKey(STORY_KEY), type: 'story', storyOf: missing, publishedAt: '2026-11-22T15:00:00.000Z', expiresAt: Math.floor(Date.parse(NOW) / 1000) + 86_400 },
        }),
      );
      const first = await pollFeed(googleNews(), deps);
      expect([first.itemsNew, first.itemsMerged, first.identity.stories]).toEqual([2, 0, []]);
      expect(await storyOf(stores)).not.toBe(missing);

      const second = await pollFeed(correo(), deps);
      expect([second.itemsNew, second.itemsMerged]).toEqual([0, 1]);
      await expectOneArticleWithBothSources(stores);
    } finally {
      await stores.close();
    }
  });

  it('a crash after the outlet’s article was put, before its key was written, is repaired by the feed’s next poll; then Google News joins it', async () => {
    const { stores, deps } = await newStores();
    try {
      crashNext(stores.client, 'BatchWriteItem', 'before');
      const crashed = await pollFeed(correo(), deps);
      expect(crashed).toMatchObject({ status: 'failed', error: expect.stringContaining('simulated crash before BatchWriteItem') });
      expect(await storyOf(stores)).toBeUndefined();

      const repaired = await pollFeed(correo(), deps);
      expect([repaired.status, repaired.itemsNew, repaired.itemsMerged, repaired.itemsRepaired]).toEqual(['ok', 0, 0, 1]);
      expect(await storyOf(stores)).toBeDefined();

      const joined = await pollFeed(googleNews(), deps);
      expect([joined.itemsNew, joined.itemsMerged]).toEqual([1, 1]);
      await expectOneArticleWithBothSources(stores);
    } finally {
      await stores.close();
    }
  });
});
