/**
 * The jobs `centinela serve` schedules, driven with an injected clock against
 * DynamoDB Local, a loopback feed server and the outbox mailer:
 * a feed in backoff is not polled; a subscriber's digest goes out at their
 * Lima hour and weekday, once; a restart does not send it again.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollDueFeeds, sendDueDigestsJob } from '../../bin/local/scheduled-jobs.ts';
import { connectStores, localClient, type StoreContext } from '../../bin/local/local-context.ts';
import type { SendDigestsDeps } from '../../lambdas/digest/send-digests.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores, dynamoDbEndpoint } from '../support/dynamodb.ts';
import { rssDocument, sampleItems } from '../support/feed-documents.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

describe('the scheduled poll', () => {
  let context: StoreContext;
  let server: TestServer;
  let feeds: FeedSource[];
  const fetcher = createHttpFetcher();
  beforeAll(async () => {
    context = await createTestStores();
    server = await startTestServer({
      '/resting.xml': fixed(rssDocument('Resting', sampleItems('resting', 2)), { 'content-type': 'application/rss+xml' }),
      '/fresh.xml': fixed(rssDocument('Fresh', sampleItems('fresh', 3)), { 'content-type': 'application/rss+xml' }),
    });
    feeds = [
      { id: 'resting', name: 'Resting', url: server.url('/resting.xml'), lang: 'es', fullText: false },
      { id: 'fresh', name: 'Fresh', url: server.url('/fresh.xml'), lang: 'es', fullText: false },
    ];
  });
  afterAll(async () => {
    fetcher.close();
    await server.close();
    await context.close();
  });

  const poll = (at: string) =>
    pollDueFeeds(
      { feeds: async () => feeds, fetcher, articles: context.articles, feedStates: context.feedStates, tagger: loadTagger(), clock: fixedClock(at) },
      new Date(at),
    );

  it('leaves a feed in backoff alone until its nextAttemptAt, and polls the others', async () => {
    await context.feedStates.put({
      feedId: 'resting',
      url: feeds[0]!.url,
      consecutiveFailures: 3,
      httpStatus: 503,
      lastError: 'fetch: 503 Service Unavailable',
      lastAttemptAt: '2026-11-30T11:00:00.000Z',
      nextAttemptAt: '2026-11-30T12:00:00.000Z',
    });
    const round = await poll('2026-11-30T11:15:00.000Z');
    expect(round.inBackoff).toEqual(['resting']);
    expect(round.polled.map((r) => [r.feedId, r.status, r.itemsNew])).toEqual([['fresh', 'ok', 3]]);
    expect(server.requests.map((r) => r.path)).toEqual(['/fresh.xml']);

    const later = await poll('2026-11-30T12:00:00.000Z');
    expect(later.inBackoff).toEqual([]);
    expect(later.polled.map((r) => r.feedId).sort()).toEqual(['fresh', 'resting']);
    expect(server.requests.filter((r) => r.path === '/resting.xml')).toHaveLength(1);
    expect((await context.feedStates.get('resting'))?.consecutiveFailures).toBe(0);
  });
});

describe('the scheduled digests', () => {
  let context: StoreContext;
  let outbox: string;
  // Monday 30 Nov 2026: 18:00 in Lima is 23:00 UTC.
  const MONDAY_LIMA = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00.000-05:00`);

  beforeAll(async () => {
    context = await createTestStores();
    outbox = await mkdtemp(path.join(tmpdir(), 'centinela-scheduler-'));
    const now = MONDAY_LIMA('09:00').toISOString();
    await context.subscribers.put({
      ...DEFAULT_PREFERENCES,
      email: 'weekly@example.pe',
      cadence: 'weekly',
      weekday: 1,
      hour: 18,
      sendEmpty: true,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(() => context.close());

  /** A fresh set of deps on the same tables: what a restarted `serve` would build. */
  const depsOf = (stores: StoreContext): SendDigestsDeps => ({
    subscribers: stores.subscribers,
    sentRecords: stores.sentRecords,
    articles: stores.articles,
    mailer: createOutboxMailer(outbox, () => `digest-${Math.random().toString(36).slice(2)}`),
    catalog: loadTagger(),
    from: 'Centinela <digest@centinela.test>',
    unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe', signingKey: 'scheduler-test-key-0123456789' },
  });
  const mails = async () => (await readdir(outbox)).filter((name) => name.endsWith('.eml'));

  it('sends nothing before the subscriber’s hour', async () => {
    const report = await sendDueDigestsJob(depsOf(context), MONDAY_LIMA('17:45'));
    expect(report.sent).toBe(0);
    expect(await mails()).toEqual([]);
  });

  it('sends the weekly digest at 18:00 Lima on Monday, once, however many ticks follow that day', async () => {
    const first = await sendDueDigestsJob(depsOf(context), MONDAY_LIMA('18:00'));
    expect(first.outcomes.map((o) => [o.email, o.period, o.status])).toEqual([['weekly@example.pe', 'weekly:2026-11-23', 'sent']]);
    for (const at of ['18:15', '19:00', '23:45']) {
      expect((await sendDueDigestsJob(depsOf(context), MONDAY_LIMA(at))).sent).toBe(0);
    }
    expect(await mails()).toHaveLength(1);
  });

  it('does not send again after a restart (new process state, same database)', async () => {
    const restarted = await connectStores(localClient(dynamoDbEndpoint()), context.tableNames);
    try {
      const report = await sendDueDigestsJob(depsOf(restarted), MONDAY_LIMA('18:30'));
      expect(report.sent).toBe(0);
      expect(await mails()).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('is not due on another weekday', async () => {
    const tuesday = new Date('2026-12-01T18:00:00.000-05:00');
    expect((await sendDueDigestsJob(depsOf(context), tuesday)).outcomes).toEqual([]);
  });
});
