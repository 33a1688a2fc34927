/**
 * Live blogs across polls (issue 14, kind 2): posts that share one page URL
 * and differ by #fragment and GUID are distinct articles, also when the
 * earlier post was stored by an earlier poll (then without its fragment,
 * because it was alone in its document). On DynamoDB Local and loopback HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeed, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { startTestServer, type TestServer } from '../support/http-server.ts';

const NOW = '2026-11-22T17:00:00.000Z';
const PAGE = 'https://envivo.example.pe/paro-transportistas-en-vivo';
const post = (n: number, title: string, guid = `post-${n}`, fragment = `post-${n}`) =>
  `<item><title>${title}</title><link>${PAGE}#${fragment}</link><guid isPermaLink="false">${guid}</guid>` +
  `<pubDate>Sun, 22 Nov 2026 1${n}:00:00 GMT</pubDate><description>${title}.</description></item>`;
// Titles of three words have no story key (story-key.ts), so only the live-blog rule can tell these posts apart or together.
const FIRST = post(1, 'Bloqueo en Panamericana');
const SECOND = post(2, 'Policía despeja vía');

/** What the feed serves now: its items, set by each test between polls. */
let items = '';
let server: TestServer;
let fetcher: ReturnType<typeof createHttpFetcher>;
beforeAll(async () => {
  server = await startTestServer({
    '/envivo': (_request, response) =>
      void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>En vivo</title><link>https://envivo.example.pe/</link>${items}</channel></rss>`),
  });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
});
afterAll(async () => {
  fetcher?.close();
  await server?.close();
});

const liveBlog: FeedSource = { id: 'envivo', name: 'En Vivo', url: '', lang: 'es', fullText: false };

describe('a live blog polled again', () => {
  let stores: StoreContext;
  let deps: PollDeps;
  beforeAll(async () => {
    stores = await createTestStores();
    deps = { fetcher, tagger: loadTagger(), clock: fixedClock(NOW), ...stores };
  });
  afterAll(() => stores.close());
  const poll = () => pollFeed({ ...liveBlog, url: server.url('/envivo') }, deps);
  const stored = async () =>
    (await stores.articles.listByDay('2026-11-22')).map((l) => [l.title, l.url]).sort((a, b) => a[0]!.localeCompare(b[0]!));
  const fresh = async () => {
    stores = await createTestStores();
    deps = { ...deps, ...stores };
  };

  it('a new post next to the stored one is a new article; the stored post stays one article', async () => {
    await fresh();
    items = FIRST;
    expect(await poll()).toMatchObject({ itemsNew: 1, itemsMerged: 0 });
    items = SECOND + FIRST;
    const second = await poll();
    expect([second.itemsNew, second.itemsMerged]).toEqual([1, 0]);
    expect(await stored()).toEqual([
      ['Bloqueo en Panamericana', PAGE],
      ['Policía despeja vía', `${PAGE}#post-2`],
    ]);
    expect(second.identity.split).toEqual([`2 items share ${PAGE} and differ by #fragment and GUID: kept as 2 articles`]);
    // Once more: nothing new, nothing merged.
    expect(await poll()).toMatchObject({ itemsNew: 0, itemsMerged: 0 });
  });

  it('a new post alone in the feed (the earlier one dropped off) is not merged into the stored post', async () => {
    await fresh();
    items = FIRST;
    await poll();
    items = SECOND;
    const second = await poll();
    expect([second.itemsNew, second.itemsMerged]).toEqual([1, 0]);
    expect(second.identity.split).toEqual([`"Policía despeja vía" (${PAGE}#post-2) shares its page with a post stored earlier (${PAGE}#post-1): kept apart`]);
    expect(await stored()).toEqual([
      ['Bloqueo en Panamericana', PAGE],
      ['Policía despeja vía', `${PAGE}#post-2`],
    ]);
    const first = (await stores.articles.listByDay('2026-11-22')).find((l) => l.url === PAGE)!;
    expect((await stores.articles.getArticle(first.articleId))?.sources.map((s) => s.link)).toEqual([`${PAGE}#post-1`]);
  });

  it('the stored post seen alone again, after it was kept apart with its fragment, is still that article', async () => {
    await fresh();
    items = SECOND + FIRST;
    expect(await poll()).toMatchObject({ itemsNew: 2 });
    items = SECOND;
    expect(await poll()).toMatchObject({ itemsNew: 0, itemsMerged: 0 });
    expect(await stored()).toEqual([
      ['Bloqueo en Panamericana', `${PAGE}#post-1`],
      ['Policía despeja vía', `${PAGE}#post-2`],
    ]);
  });

  it('a link that only gains a fragment (same post) stays the stored article', async () => {
    await fresh();
    items = `<item><title>Resumen del paro de transportistas en Lima</title><link>https://envivo.example.pe/resumen-paro</link><guid isPermaLink="false">r1</guid></item>`;
    await poll();
    items = `<item><title>Resumen del paro de transportistas en Lima</title><link>https://envivo.example.pe/resumen-paro#top</link><guid isPermaLink="false">r1</guid></item>`;
    const again = await poll();
    expect([again.itemsNew]).toEqual([0]);
    expect((await stored()).map(([, url]) => url)).toEqual(['https://envivo.example.pe/resumen-paro']);
  });
});
