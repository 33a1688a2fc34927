import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectStores, localClient, type StoreContext } from '../../bin/local/local-context.ts';
import { articleId } from '../../lambdas/feeds/normalize/canonical-url.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds } from '../../lambdas/feeds/poll-feeds.ts';
import { createPollFeedHandler } from '../../lambdas/handlers/poll-feed.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores, dynamoDbEndpoint } from '../support/dynamodb.ts';
import { rssDocument, sampleItems, withEtag, type SampleItem } from '../support/feed-documents.ts';
import { startTestServer, type Route } from '../support/http-server.ts';
import { sqsEvent, sqsRecord, telemetry } from '../handlers/events.ts';
import { startCuttingProxy } from './cutting-proxy.ts';

const clock = fixedClock('2026-11-22T17:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function feedsOn(origin: string, ids: string[]): FeedSource[] {
  return ids.map((id) => ({ id, name: id, url: `${origin}/${id}.xml`, lang: 'es', fullText: false }));
}

describe('one feed hanging forever', () => {
  let stores: StoreContext;
  beforeAll(async () => {
    stores = await createTestStores();
  });
  afterAll(async () => stores.close());

  it('fails only the hung feeds, each with a sentence naming the deadline and the URL, while the others finish', async () => {
    const open: ServerResponse[] = [];
    const silent: Route = (_request, response) => void open.push(response); // accepts, never answers
    const trickle: Route = (_request, response) => {
      // Headers and then a byte every 100 ms, forever: never idle, never complete.
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const drip = setInterval(() => response.write(' '), 100);
      response.on('close', () => clearInterval(drip));
      open.push(response);
    };
    const items = { a: sampleItems('hang-a', 3), b: sampleItems('hang-b', 3), c: sampleItems('hang-c', 3) };
    // Another outlet: a hung host holds its own per-host slots (2), not the others'.
    const hung = await startTestServer({ '/silent.xml': silent, '/trickle.xml': trickle });
    const server = await startTestServer({
      '/a.xml': withEtag(rssDocument('A', items.a), '"a"'),
      '/b.xml': withEtag(rssDocument('B', items.b), '"b"'),
      '/c.xml': withEtag(rssDocument('C', items.c), '"c"'),
    });
    const fetcher = createHttpFetcher({ timeoutMs: 5_000, idleTimeoutMs: 3_000 });
    cleanups.push(server.close, hung.close, () => open.forEach((r) => r.destroy()), () => fetcher.close());
    const feeds = [...feedsOn(hung.origin, ['silent', 'trickle']), ...feedsOn(server.origin, ['a', 'b', 'c'])];

    const started = performance.now();
    const reports = await pollFeeds(feeds, { fetcher, tagger: loadTagger(), clock, articles: stores.articles, feedStates: stores.feedStates });
    const elapsed = performance.now() - started;

    expect(reports.map((r) => [r.feedId, r.status, r.itemsNew])).toEqual([
      ['silent', 'failed', 0],
      ['trickle', 'failed', 0],
      ['a', 'ok', 3],
      ['b', 'ok', 3],
      ['c', 'ok', 3],
    ]);
    expect(reports[0]!.error).toBe(`fetch: no data for 3000 ms from ${hung.url('/silent.xml')}`);
    expect(reports[1]!.error).toBe(`fetch: no complete answer within 5000 ms from ${hung.url('/trickle.xml')}`);
    // The healthy feeds did not wait for the hung ones; the run lasted about one deadline, not forever.
    for (const report of reports.slice(2)) expect(report.durationMs).toBeLessThan(3_000);
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(15_000);
    expect(await stores.feedStates.get('trickle')).toMatchObject({
      consecutiveFailures: 1,
      lastError: reports[1]!.error,
      nextAttemptAt: expect.any(String),
    });
    for (const item of [...items.a, ...items.b, ...items.c]) expect(await stores.articles.getArticle(articleId(item.link))).toBeDefined();
  });
});

describe('a poll batch aborted halfway and redelivered', () => {
  it('stores every article exactly once when the database vanishes mid-batch and SQS delivers the same batch again', async () => {
    const direct = await createTestStores();
    const proxy = await startCuttingProxy(dynamoDbEndpoint());
    // The first invocation reaches DynamoDB through the proxy, which will lose it halfway.
    const throughProxy = await connectStores(localClient(proxy.origin), direct.tableNames);
    const items: Record<string, SampleItem[]> = { x: sampleItems('batch-x', 6), y: sampleItems('batch-y', 6), z: sampleItems('batch-z', 6) };
    const server = await startTestServer({
      '/x.xml': withEtag(rssDocument('X', items.x!), '"x"'),
      '/y.xml': withEtag(rssDocument('Y', items.y!), '"y"'),
      '/z.xml': withEtag(rssDocument('Z', items.z!), '"z"'),
    });
    cleanups.push(direct.close, proxy.close, throughProxy.close, server.close);
    const all = Object.values(items).flat();
    const batch = sqsEvent(...feedsOn(server.origin, ['x', 'y', 'z']).map((feed) => sqsRecord(`m-${feed.id}`, JSON.stringify(feed))));
    const invocation = (stores: StoreContext) => {
      const t = telemetry();
      const fetcher = createHttpFetcher({ timeoutMs: 5_000 });
      cleanups.push(() => fetcher.close());
      return createPollFeedHandler({ fetcher, tagger: loadTagger(), clock, articles: stores.articles, feedStates: stores.feedStates, ...t });
    };

    // 21 requests make the whole batch, 7 per feed: the state read, the stored-items batch read, the pending-write
    // put, one INSERT batch of the feed's 6 articles, one index batch, the pending-write delete, the state write.
    // The feeds run side by side, so after 10 answers some feeds' articles are in and others' are not.
    proxy.cutAfter(10);
    const first = await invocation(throughProxy)(batch);

    expect(first.batchItemFailures.length).toBeGreaterThan(0);
    expect(proxy.unanswered).toHaveLength(1);
    expect(proxy.refused).toBeGreaterThan(0);
    const storedAfterAbort = (await Promise.all(all.map((item) => direct.articles.getArticle(articleId(item.link))))).filter(Boolean);
    expect(storedAfterAbort.length).toBeGreaterThan(0);
    expect(storedAfterAbort.length).toBeLessThan(all.length);

    // Redelivery: the whole batch again, on a fresh container that reaches the database.
    proxy.restore();
    const second = await invocation(direct)(batch);

    expect(second.batchItemFailures).toEqual([]);
    for (const item of all) {
      const article = await direct.articles.getArticle(articleId(item.link));
      expect(article, item.link).toMatchObject({ title: item.title });
      expect(article!.sources, item.link).toHaveLength(1);
    }
    const listed = await direct.articles.listByDay('2026-11-20');
    expect(listed.map((l) => l.articleId).sort()).toEqual(all.map((item) => articleId(item.link)).sort());
    for (const id of ['x', 'y', 'z']) expect(await direct.feedStates.get(id)).toMatchObject({ consecutiveFailures: 0, etag: `"${id}"` });
  });
});
