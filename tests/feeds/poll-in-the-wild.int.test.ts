/**
 * Issue 14 at the poll level, on DynamoDB Local and loopback HTTP: what the
 * poll report and the feed state say about unreadable dates, Google News
 * stories re-issued under new links, 301/410/429, feed hints and empty feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeed, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { selectDueFeeds } from '../../lambdas/feeds/state/due-feeds.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

const NOW = '2026-11-22T17:00:00.000Z';
let server: TestServer;
let stores: StoreContext;
let deps: PollDeps;
let gnToken = 1;

const gnItem = (token: string) =>
  `<item><title>Asaltan a cambistas en el Cercado de Lima - Diario Huaraz Hoy</title>` +
  `<link>https://news.google.com/rss/articles/${token}?oc=5</link><guid isPermaLink="false">${token}</guid>` +
  `<pubDate>Sun, 22 Nov 2026 15:00:00 GMT</pubDate><description>&lt;a href="x"&gt;Asaltan&lt;/a&gt; Diario Huaraz Hoy</description>` +
  `<source url="https://huarazhoy.example">Diario Huaraz Hoy</source></item>`;

beforeAll(async () => {
  stores = await createTestStores();
  server = await startTestServer({
    '/atom-dates': fixed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Fechas</title><link href="https://fechas.example.pe/"/>' +
        '<entry><title>Buena</title><link href="https://fechas.example.pe/1"/><id>1</id><published>2026-11-22T08:00:00-05:00</published></entry>' +
        '<entry><title>Mala</title><link href="https://fechas.example.pe/2"/><id>2</id><published>2026-11-22T008:00:00-05:00</published></entry></feed>',
    ),
    // Each poll, Google News gives the same story a new token.
    '/gn': (_request, response) => {
      const token = `CBMiWILD${gnToken++}`;
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>GN</title>${gnItem(token)}</channel></rss>`);
    },
    '/old-home': (_request, response) => void response.writeHead(301, { location: '/new-home' }).end(),
    '/new-home': fixed('<rss version="2.0"><channel><title>Nuevo</title><ttl>90</ttl><item><title>Una</title><link>https://nuevo.example.pe/1</link></item></channel></rss>'),
    '/removed': fixed('gone', {}, 410),
    '/busy': fixed('busy', { 'retry-after': '7200' }, 429),
    '/empty': fixed('<rss version="2.0"><channel><title>Sección vacía</title></channel></rss>', { 'cache-control': 'max-age=60' }),
  });
  deps = { fetcher: createHttpFetcher({ timeoutMs: 15_000 }), tagger: loadTagger(), clock: fixedClock(NOW), ...stores };
});

afterAll(async () => {
  await server?.close();
  stores?.client.destroy();
});

const feed = (id: string, route: string, extra: Partial<FeedSource> = {}): FeedSource => ({
  id,
  name: `Feed ${id}`,
  url: server.url(route),
  lang: 'es',
  fullText: false,
  ...extra,
});

describe('pollFeed in the wild', () => {
  it('counts an unreadable date in the report and stores the entry with its first-seen time', async () => {
    const report = await pollFeed(feed('atom-dates', '/atom-dates'), deps);
    expect(report).toMatchObject({ status: 'ok', itemsSeen: 2, itemsNew: 2 });
    expect(report.unreadableDates).toEqual(['"Mala": date "2026-11-22T008:00:00-05:00" unreadable, first-seen time used']);
  });

  it('stores a Google News story once across re-issues, crediting the outlet, and never fetches its link', async () => {
    const gn = feed('gn', '/gn', { fullText: true });
    const first = await pollFeed(gn, deps);
    const requestsAfterFirst = server.requests.length;
    const second = await pollFeed(gn, deps);
    expect([first.itemsNew, second.itemsNew, second.itemsMerged]).toEqual([1, 0, 1]);
    expect(first.fullTextFetched + first.fullTextFailed.length).toBe(0);
    expect(server.requests.length).toBe(requestsAfterFirst + 1);
    const [listing] = await stores.articles.listByDay('2026-11-22').then((items) => items.filter((i) => i.feedId === 'gn'));
    const stored = await stores.articles.getArticle(listing!.articleId);
    expect(stored?.title).toBe('Asaltan a cambistas en el Cercado de Lima');
    expect(stored?.regions).toEqual(['lima']);
    expect(stored?.sources.map((s) => [s.feedName, s.via, s.link])).toEqual([
      ['Diario Huaraz Hoy', 'Feed gn', 'https://news.google.com/rss/articles/CBMiWILD1?oc=5'],
      ['Diario Huaraz Hoy', 'Feed gn', 'https://news.google.com/rss/articles/CBMiWILD2?oc=5'],
    ]);
  });

  it('records a permanent redirect and schedules the next poll from <ttl>', async () => {
    const report = await pollFeed(feed('moved', '/old-home'), deps);
    expect(report).toMatchObject({ status: 'ok', movedPermanentlyTo: server.url('/new-home'), nextAttemptAt: '2026-11-22T18:30:00.000Z' });
    expect(await stores.feedStates.get('moved')).toMatchObject({
      movedPermanentlyTo: server.url('/new-home'),
      nextAttemptAt: '2026-11-22T18:30:00.000Z',
      nextAttemptReason: 'RSS ttl',
    });
  });

  it('marks a 410 as gone and never selects it again', async () => {
    const removed = feed('removed', '/removed');
    const report = await pollFeed(removed, deps);
    expect(report).toMatchObject({ status: 'failed', httpStatus: 410, gone: true });
    const states = await stores.feedStates.list();
    expect(states.find((s) => s.feedId === 'removed')).toMatchObject({ gone: true });
    expect(selectDueFeeds([removed], states, new Date('2026-12-30T00:00:00Z'))).toEqual([]);
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const report = await pollFeed(feed('busy', '/busy'), deps);
    expect(report).toMatchObject({ status: 'failed', httpStatus: 429, nextAttemptAt: '2026-11-22T19:00:00.000Z' });
    expect(await stores.feedStates.get('busy')).toMatchObject({ nextAttemptReason: 'Retry-After' });
  });

  it('flags a feed that answers 200 with no item poll after poll', async () => {
    const empty = feed('empty', '/empty');
    const first = await pollFeed(empty, deps);
    const second = await pollFeed(empty, deps);
    expect(first.emptyPolls).toBeUndefined();
    expect(second).toMatchObject({ status: 'ok', itemsSeen: 0, emptyPolls: 2 });
    expect(await stores.feedStates.get('empty')).toMatchObject({ emptyPolls: 2, nextAttemptReason: 'Cache-Control max-age' });
  });
});
