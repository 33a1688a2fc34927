import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { createPollFeedHandler } from '../../lambdas/handlers/poll-feed.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';
import { sqsEvent, sqsRecord, telemetry } from './events.ts';

const feedXml = readFileSync(new URL('./fixtures/feed.xml', import.meta.url));

describe('poll-feed handler', () => {
  let stores: StoreContext;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ '/feed.xml': fixed(feedXml, { etag: '"v1"' }), '/gone.xml': fixed('gone', {}, 410) });
  });
  afterAll(async () => {
    await server.close();
  });
  // Fresh tables for every test: each sets up what it needs and runs alone (`-t`) or in any order.
  beforeEach(async () => {
    stores = await createTestStores();
  });
  afterEach(async () => {
    await stores.close();
  });

  const feed = (id: string, path: string): FeedSource => ({ id, name: id, url: server.url(path), lang: 'es', fullText: false });

  function handler() {
    const t = telemetry();
    return {
      ...t,
      handle: createPollFeedHandler({
        // The loopback server is a private address: the Lambda's fetcher refuses those, this one may not.
        fetcher: createHttpFetcher({ timeoutMs: 5_000 }),
        articles: stores.articles,
        feedStates: stores.feedStates,
        tagger: loadTagger(),
        clock: fixedClock('2026-11-22T12:00:00.000Z'),
        logger: t.logger,
        metrics: t.metrics,
      }),
    };
  }

  it('reports only the poison message as failed; a feed that fails to fetch is recorded, not retried', async () => {
    const { handle, figures } = handler();
    const response = await handle(
      sqsEvent(
        sqsRecord('m-good', JSON.stringify(feed('policiales', '/feed.xml'))),
        sqsRecord('m-poison', '{"id": "half a message'),
        sqsRecord('m-invalid', JSON.stringify({ id: 'Not Kebab', url: 'ftp://x' })),
        sqsRecord('m-gone', JSON.stringify(feed('gone', '/gone.xml'))),
      ),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-poison' }, { itemIdentifier: 'm-invalid' }] });
    const good = await stores.feedStates.get('policiales');
    expect(good).toMatchObject({ consecutiveFailures: 0, etag: '"v1"', itemsNew: 2 });
    const gone = await stores.feedStates.get('gone');
    expect(gone).toMatchObject({ consecutiveFailures: 1, httpStatus: 410 });
    expect(figures).toMatchObject({ ArticlesStored: 2, FeedsPolled: 2, FeedsFailed: 1, FeedsNotModified: 0 });
  });

  it('answers a batch whose every record is poison with every record failed, rather than throwing', async () => {
    const { handle, figures } = handler();
    const response = await handle(sqsEvent(sqsRecord('m-a', 'not json'), sqsRecord('m-b', JSON.stringify({ id: 'x' }))));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-a' }, { itemIdentifier: 'm-b' }] });
    expect(figures).toMatchObject({ FeedsPolled: 0, ArticlesStored: 0 });
  });

  it('stores tagged articles that the digest queries find', async () => {
    const { handle } = handler();
    expect(await handle(sqsEvent(sqsRecord('m-good', JSON.stringify(feed('policiales', '/feed.xml')))))).toEqual({ batchItemFailures: [] });
    const listed = await stores.articles.listByTheme('extortion', { from: '2026-11-21T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' });
    expect(listed.map((item) => item.title)).toContain('Extorsionadores detonan explosivo en empresa de transportes de San Juan de Lurigancho');
  });

  it('emits ArticlesStored 0 on a round with nothing new (so "none for 24 h" is data)', async () => {
    const first = handler();
    await first.handle(sqsEvent(sqsRecord('m-first', JSON.stringify(feed('policiales', '/feed.xml')))));
    expect(first.figures.ArticlesStored).toBe(2);
    const { handle, figures } = handler();
    const response = await handle(sqsEvent(sqsRecord('m-again', JSON.stringify(feed('policiales', '/feed.xml')))));
    expect(response.batchItemFailures).toEqual([]);
    expect(figures.ArticlesStored).toBe(0);
    expect(figures.FeedsPolled).toBe(1);
  });
});
