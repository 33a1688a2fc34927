/**
 * The jobs `centinela serve` schedules, driven with an injected clock against
 * DynamoDB Local, a loopback feed server and the outbox mailer:
 * a feed in backoff is not polled; a subscriber's digest goes out at their
 * Lima hour and weekday, once; a restart does not send it again; the hourly
 * spike check delivers a spike once to each target, across ticks and restarts.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAlertsJob, describeAlertsRound, describePollRound, pollDueFeeds, sendDueDigestsJob } from '../../bin/local/scheduled-jobs.ts';
import { parseAlertTargets } from '../../lambdas/alerts/alert-targets.ts';
import { createDynamoDbAlertStore } from '../../lambdas/alerts/dynamodb-alert-store.ts';
import { createWebhookPoster } from '../../lambdas/alerts/post-webhook.ts';
import type { RunAlertsDeps } from '../../lambdas/alerts/run-alerts.ts';
import { CATALOG, makeArticle } from '../digest/make-article.ts';
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

  it('tells a healthy feed waiting for its own caching hint apart from one in backoff, and a gone one, in the log line', async () => {
    await context.feedStates.put({ feedId: 'fresh', url: feeds[1]!.url, consecutiveFailures: 0, nextAttemptAt: '2026-11-30T15:00:00.000Z' });
    await context.feedStates.put({ feedId: 'resting', url: feeds[0]!.url, consecutiveFailures: 1, gone: true, httpStatus: 410 });
    const round = await poll('2026-11-30T14:00:00.000Z');
    expect(round).toMatchObject({ polled: [], inBackoff: [], waiting: ['fresh'], gone: ['resting'] });
    expect(describePollRound(round)).toBe(
      'poll: 0 feed(s) due (0 ok, 0 not modified, 0 failed), 0 new article(s); 0 in backoff; 1 waiting for their own caching hint (fresh); 1 gone (410) (resting)',
    );
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

describe('the scheduled spike check', () => {
  let context: StoreContext;
  let server: Server;
  const bodies: string[] = [];
  const NOW = new Date('2026-11-21T17:20:00.000Z'); // the :20 tick in Lima (12:20)
  const hoursBefore = (h: number) => new Date(Date.parse('2026-11-21T17:00:00.000Z') - h * 3_600_000).toISOString();

  beforeAll(async () => {
    context = await createTestStores();
    // Quiet: an extortion story on 7 of the 28 days before; then 4 in the last 24 hours.
    for (const d of [1, 5, 9, 13, 17, 21, 25]) {
      await context.articles.putArticle(makeArticle({ title: `Cobran cupos a bodegueros, caso ${d}`, publishedAt: hoursBefore(d * 24 + 5), themes: { extortion: 5 } }));
    }
    for (const [i, title] of ['Atacan bus en Ate por no pagar cupos', 'Queman mototaxi de dirigente en Juliaca', 'Amenazan a colegio con explosivo', 'Cierran talleres en Trujillo por cobro de cupos'].entries()) {
      await context.articles.putArticle(makeArticle({ title, publishedAt: hoursBefore(2 + i * 3), themes: { extortion: 6 } }));
    }
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => (bodies.push(body), response.writeHead(200).end()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await context.close();
  });

  /** What a (re)started `serve` builds for the alerts job. */
  const depsOf = (stores: StoreContext): RunAlertsDeps => ({
    articles: stores.articles,
    subscribers: stores.subscribers,
    alerts: createDynamoDbAlertStore(stores.doc, stores.tableNames.subscribers),
    catalog: CATALOG,
    targets: parseAlertTargets(JSON.stringify({ targets: [
      { id: 'ops', kind: 'webhook', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ops`, secret: 'ops-secret-0123456789' },
    ] }), 'test').targets,
    poster: createWebhookPoster({ timeoutMs: 2_000 }),
    from: 'Centinela <alerts@centinela.test>',
  });

  it('delivers the extortion spike to the webhook once, however many ticks and restarts follow', async () => {
    const first = await checkAlertsJob(depsOf(context), NOW);
    expect(first.spikes.map((s) => [s.theme, s.region ?? '*', s.count])).toEqual([['extortion', '*', 4]]);
    expect(first.deliveries.map((d) => [d.recipient, d.status])).toEqual([['target:ops', 'sent']]);
    expect(describeAlertsRound(first)).toBe('alerts: 1 spike(s), 1 delivered, 0 failed');

    const nextHour = await checkAlertsJob(depsOf(context), new Date(NOW.getTime() + 3_600_000));
    expect(nextHour.sent).toBe(0);
    const restarted = await connectStores(localClient(dynamoDbEndpoint()), context.tableNames);
    try {
      expect((await checkAlertsJob(depsOf(restarted), new Date(NOW.getTime() + 2 * 3_600_000))).sent).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ type: 'centinela.spike', id: '2026-11-21#extortion#*', theme: 'extortion', count: 4 });
  });
});
