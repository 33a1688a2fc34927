import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../bin/local/dynamodb-local.ts';
import { connectStores, localClient, type StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { articleId } from '../../lambdas/feeds/normalize/canonical-url.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { dynamoDbEndpoint } from '../support/dynamodb.ts';
import { startDynamoDbProxy } from '../support/dynamodb-proxy.ts';
import { rssDocument, sampleItems, withEtag } from '../support/feed-documents.ts';
import { startTestServer, type Route } from '../support/http-server.ts';
import { reportRetries, type RetriedRequest } from '../../lambdas/store/report-retries.ts';

const clock = fixedClock('2026-11-22T17:00:00Z');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function feedsOn(origin: string, ids: string[]): FeedSource[] {
  return ids.map((id) => ({ id, name: id, url: `${origin}/${id}.xml`, lang: 'es', fullText: false }));
}

function deps(stores: StoreContext): PollDeps {
  return { fetcher: createHttpFetcher(), tagger: loadTagger(), clock, articles: stores.articles, feedStates: stores.feedStates };
}

async function storesOn(endpoint: string, prefix: string): Promise<StoreContext> {
  const stores = await connectStores(localClient(endpoint), tableNamesWithPrefix(prefix));
  await createTables(stores.client, stores.tableNames);
  return stores;
}

describe('polling while DynamoDB throttles', () => {
  it('retries throttled writes with backoff and stores every article', async () => {
    const items = { a: sampleItems('a', 5), b: sampleItems('b', 5) };
    const server = await startTestServer({
      '/a.xml': withEtag(rssDocument('A', items.a), '"a1"'),
      '/b.xml': withEtag(rssDocument('B', items.b), '"b1"'),
    });
    const proxy = await startDynamoDbProxy(dynamoDbEndpoint());
    const stores = await storesOn(proxy.origin, `throttle${Date.now()}`);
    cleanups.push(server.close, proxy.close, stores.close);

    const retried: RetriedRequest[] = [];
    reportRetries(stores.client, (retry) => retried.push(retry));
    // A poll's new articles have their index items and story lookup items written in BatchWriteItem
    // requests of 25 (lambdas/store/dynamodb-article-writes.ts): 5 articles × (3–4 index items — none
    // for the feed that first stores them — + 1 story item) is one request per feed.
    proxy.throttle('BatchWriteItem', 2);
    const reports = await pollFeeds(feedsOn(server.origin, ['a', 'b']), deps(stores));

    expect(reports.map((r) => [r.status, r.itemsNew])).toEqual([['ok', 5], ['ok', 5]]);
    expect(proxy.throttled).toBe(2);
    expect(proxy.seen.get('BatchWriteItem')).toBe(2 * 1 + 2);
    // What the Lambdas log ("DynamoDB request retried"): only the throttled writes, with their backoff.
    expect(retried.map((r) => r.operation)).toEqual(Array(retried.length).fill('BatchWriteItem'));
    expect(retried.reduce((retries, r) => retries + r.attempts - 1, 0)).toBe(2);
    for (const retry of retried) expect(retry.totalRetryDelayMs).toBeGreaterThan(0);
    for (const item of [...items.a, ...items.b]) {
      expect(await stores.articles.getArticle(articleId(item.link))).toMatchObject({ title: item.title });
    }
  });
});

describe('polling while DynamoDB throttles the article inserts', () => {
  it('retries a throttled BatchExecuteStatement with backoff and stores every article once', async () => {
    const items = { a: sampleItems('ins-a', 5), b: sampleItems('ins-b', 5) };
    const server = await startTestServer({
      '/a.xml': withEtag(rssDocument('A', items.a), '"a1"'),
      '/b.xml': withEtag(rssDocument('B', items.b), '"b1"'),
    });
    const proxy = await startDynamoDbProxy(dynamoDbEndpoint());
    const stores = await storesOn(proxy.origin, `throttleinsert${Date.now()}`);
    cleanups.push(server.close, proxy.close, stores.close);

    const retried: RetriedRequest[] = [];
    reportRetries(stores.client, (retry) => retried.push(retry));
    // Each feed's 5 new articles are one BatchExecuteStatement of 5 INSERTs (lambdas/store/batch-insert.ts).
    proxy.throttle('BatchExecuteStatement', 2);
    const reports = await pollFeeds(feedsOn(server.origin, ['a', 'b']), deps(stores));

    expect(reports.map((r) => [r.status, r.itemsNew])).toEqual([['ok', 5], ['ok', 5]]);
    expect(proxy.throttled).toBe(2);
    expect(proxy.seen.get('BatchExecuteStatement')).toBe(2 + 2);
    expect(retried.map((r) => r.operation)).toEqual(Array(retried.length).fill('BatchExecuteStatement'));
    expect(retried.reduce((retries, r) => retries + r.attempts - 1, 0)).toBe(2);
    const listed = await stores.articles.listByDay('2026-11-20');
    for (const item of [...items.a, ...items.b]) {
      expect(await stores.articles.getArticle(articleId(item.link))).toMatchObject({ title: item.title });
      expect(listed.filter((l) => l.articleId === articleId(item.link))).toHaveLength(1);
    }
  });
});

describe('DynamoDB Local stopped in the middle of a poll run', () => {
  it('ends the run with an error naming the database, then a rerun after restart loses nothing and stores nothing twice', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-fault-'));
    let db: DynamoDbLocal = await startDynamoDbLocal({ dataDir });
    cleanups.push(() => db.stop());
    const items = { a: sampleItems('a', 4), b: sampleItems('b', 4), c: sampleItems('c', 4), d: sampleItems('d', 4) };
    const stopDatabaseFirst: Route = async (request, response) => {
      await db.stop();
      await withEtag(rssDocument('C', items.c), '"c1"')(request, response);
    };
    let stopOnC = true;
    const server = await startTestServer({
      '/a.xml': withEtag(rssDocument('A', items.a), '"a1"'),
      '/b.xml': withEtag(rssDocument('B', items.b), '"b1"'),
      '/c.xml': (request, response) =>
        stopOnC ? stopDatabaseFirst(request, response) : withEtag(rssDocument('C', items.c), '"c1"')(request, response),
      '/d.xml': withEtag(rssDocument('D', items.d), '"d1"'),
    });
    cleanups.push(server.close);
    const feeds = feedsOn(server.origin, ['a', 'b', 'c', 'd']);

    const first = await storesOn(db.endpoint, 'fault');
    const failure = await pollFeeds(feeds, deps(first), 1).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    first.client.destroy();
    expect(failure?.message).toMatch(/DynamoDB/);
    expect(failure?.message).toContain(db.endpoint);

    stopOnC = false;
    db = await startDynamoDbLocal({ dataDir });
    const second = await storesOn(db.endpoint, 'fault');
    cleanups.push(second.close);
    const reports = await pollFeeds(feeds, deps(second), 1);

    expect(reports.map((r) => [r.feedId, r.status])).toEqual([
      ['a', 'not_modified'],
      ['b', 'not_modified'],
      ['c', 'ok'],
      ['d', 'ok'],
    ]);
    for (const item of Object.values(items).flat()) {
      expect(await second.articles.getArticle(articleId(item.link)), item.link).toBeDefined();
    }
    const listed = await second.articles.listByDay('2026-11-20');
    expect(listed).toHaveLength(16);
    expect(new Set(listed.map((l) => l.articleId)).size).toBe(16);
  });
});
