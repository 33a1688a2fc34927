import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Mailer, OutgoingMail } from '../../lambdas/mail/mailer.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { sendDigests, sendDueDigests, type SendDigestsDeps } from '../../lambdas/digest/send-digests.ts';
import { verifyUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { createDynamoDbSentRecordStore } from '../../lambdas/subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES, type Subscriber, type SubscriberPreferences } from '../../lambdas/subscribers/subscriber.ts';
import type { SentRecordStore, SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { CATALOG, makeArticle } from './make-article.ts';

// Monday 23 Nov 2026, 08:00 in Lima: daily digests cover Sunday 22, weekly ones 16–22 Nov.
const NOW = new Date('2026-11-23T13:00:00.000Z');
const KEY = 'test-signing-key-0123456789';

function subscriber(email: string, preferences: Partial<SubscriberPreferences> = {}): Subscriber {
  return { ...DEFAULT_PREFERENCES, email, status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), ...preferences };
}

/** The outbox (real files), made to fail for some recipients like a rejecting provider would. */
function outboxFailingFor(dir: string, failing: Set<string>): Mailer & { delivered: OutgoingMail[] } {
  let n = 0;
  const outbox = createOutboxMailer(dir, () => `mail-${n++}`);
  const delivered: OutgoingMail[] = [];
  return {
    delivered,
    async send(mail) {
      if (failing.has(mail.to)) throw new Error('provider said no');
      delivered.push(mail);
      return outbox.send(mail);
    },
  };
}

describe('sendDueDigests', () => {
  let context: StoreContext;
  let scheduleContext: StoreContext | undefined;
  let subscribers: SubscriberStore;
  let sentRecords: SentRecordStore;
  let outboxDir: string;
  let failing: Set<string>;
  let mailer: ReturnType<typeof outboxFailingFor>;
  let deps: SendDigestsDeps;

  beforeAll(async () => {
    context = await createTestStores();
    await context.articles.putArticle(
      makeArticle({ title: 'Extorsionadores atacan bus en Ate', publishedAt: '2026-11-22T15:00:00.000Z', themes: { extortion: 6 }, regions: ['lima'] }),
    );
    await context.articles.putArticle(
      makeArticle({ title: 'Capturan a cabecilla minero en Pataz', publishedAt: '2026-11-18T15:00:00.000Z', themes: { illegal_mining: 6 }, regions: ['la-libertad'] }),
    );
  });
  afterAll(async () => {
    await context.close();
    await scheduleContext?.close();
  });

  beforeEach(async () => {
    // Fresh subscribers table per test: reuse the articles, start the schedule from scratch.
    await scheduleContext?.close();
    scheduleContext = await createTestStores();
    subscribers = createDynamoDbSubscriberStore(scheduleContext.doc, scheduleContext.tableNames.subscribers);
    sentRecords = createDynamoDbSentRecordStore(scheduleContext.doc, scheduleContext.tableNames.subscribers);
    outboxDir = await mkdtemp(path.join(tmpdir(), 'centinela-send-'));
    failing = new Set();
    mailer = outboxFailingFor(outboxDir, failing);
    deps = {
      subscribers,
      sentRecords,
      articles: context.articles,
      mailer,
      catalog: CATALOG,
      from: 'Centinela <digest@centinela.test>',
      unsubscribe: { baseUrl: 'https://unsub.centinela.test/', signingKey: KEY },
    };
  });

  it('sends to daily subscribers whose Lima hour has come and weekly ones of this weekday, not the others', async () => {
    await subscribers.put(subscriber('seven@example.pe', { hour: 7 }));
    await subscribers.put(subscriber('nine@example.pe', { hour: 9 }));
    await subscribers.put(subscriber('monday@example.pe', { cadence: 'weekly', weekday: 1, hour: 8 }));
    await subscribers.put(subscriber('friday@example.pe', { cadence: 'weekly', weekday: 5, hour: 8 }));
    await subscribers.put({ ...subscriber('gone@example.pe', { hour: 6 }), status: 'unsubscribed' });

    const report = await sendDueDigests(deps, NOW);

    expect(report.outcomes.map((o) => [o.email, o.period, o.status])).toEqual([
      ['seven@example.pe', 'daily:2026-11-22', 'sent'],
      ['monday@example.pe', 'weekly:2026-11-16', 'sent'],
    ]);
    // Digests go out four at a time: the mailer sees them in completion order.
    expect(mailer.delivered.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^Centinela · 16 nov\. 2026 – 22 nov\. 2026: 2 noticias/),
      expect.stringMatching(/^Centinela · 22 nov\. 2026: 1 noticia — Extorsión 1/),
    ]);
  });

  it('sends nothing twice when the job runs again, even when two runs overlap', async () => {
    for (const email of ['a@example.pe', 'b@example.pe', 'c@example.pe']) await subscribers.put(subscriber(email, { hour: 7 }));
    const [first, overlapping] = await Promise.all([sendDueDigests(deps, NOW), sendDueDigests(deps, NOW)]);
    const rerun = await sendDueDigests(deps, new Date(NOW.getTime() + 3_600_000));

    expect(first.sent + overlapping.sent).toBe(3);
    expect(rerun.outcomes).toEqual([]);
    expect(mailer.delivered.map((m) => m.to).sort()).toEqual(['a@example.pe', 'b@example.pe', 'c@example.pe']);
    expect((await readdir(outboxDir)).filter((f) => f.endsWith('.eml'))).toHaveLength(3);
    expect(await sentRecords.get('a@example.pe', 'daily:2026-11-22')).toMatchObject({ state: 'sent', messageId: expect.stringMatching(/\.eml$/) });
  });

  it('skips what the sent record says was sent, even when asked for it directly', async () => {
    const alice = subscriber('alice@example.pe');
    await subscribers.put(alice);
    const period = periodStarting('daily', '2026-11-22');
    await sendDigests(deps, [{ subscriber: alice, period }], NOW);
    const again = await sendDigests(deps, [{ subscriber: alice, period }], NOW);
    expect(again.outcomes).toEqual([{ email: 'alice@example.pe', period: 'daily:2026-11-22', status: 'already-sent' }]);
    expect(mailer.delivered).toHaveLength(1);
  });

  it('carries on past a failing subscriber and retries only that one on the next run', async () => {
    for (const email of ['a@example.pe', 'b@example.pe', 'c@example.pe']) await subscribers.put(subscriber(email, { hour: 7 }));
    failing.add('b@example.pe');

    const first = await sendDueDigests({ ...deps, concurrency: 1 }, NOW);
    expect(first.outcomes.map((o) => [o.email, o.status])).toEqual([
      ['a@example.pe', 'sent'],
      ['b@example.pe', 'failed'],
      ['c@example.pe', 'sent'],
    ]);
    expect(first.outcomes[1]).toMatchObject({ error: expect.stringContaining('provider said no') });
    expect(await sentRecords.get('b@example.pe', 'daily:2026-11-22')).toBeUndefined();

    failing.clear();
    const next = await sendDueDigests(deps, new Date(NOW.getTime() + 3_600_000));
    expect(next.outcomes.map((o) => [o.email, o.status])).toEqual([['b@example.pe', 'sent']]);
    expect(mailer.delivered.map((m) => m.to)).toEqual(['a@example.pe', 'c@example.pe', 'b@example.pe']);
  });

  it('marks an empty digest done without mailing it, unless the subscriber asked for empty digests', async () => {
    await subscribers.put(subscriber('quiet@example.pe', { themes: ['prisons'] }));
    await subscribers.put(subscriber('wants-empty@example.pe', { themes: ['prisons'], sendEmpty: true }));
    const report = await sendDueDigests(deps, NOW);
    expect(report.outcomes.map((o) => [o.email, o.status])).toEqual([
      ['quiet@example.pe', 'empty'],
      ['wants-empty@example.pe', 'sent'],
    ]);
    expect(mailer.delivered.map((m) => m.to)).toEqual(['wants-empty@example.pe']);
    expect(mailer.delivered[0]!.text).toContain('No hubo noticias');
    expect((await sendDueDigests(deps, NOW)).outcomes).toEqual([]);
  });

  it('puts a signed, expiring one-click unsubscribe link in every digest', async () => {
    await subscribers.put(subscriber('reader@example.pe'));
    await sendDueDigests(deps, NOW);
    const [mail] = mailer.delivered;
    expect(mail!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/unsub\.centinela\.test\/\?token=[^>]+)>$/.exec(mail!.headers!['List-Unsubscribe']!)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    expect(verifyUnsubscribeToken(token, KEY, NOW)).toMatchObject({ ok: true, claims: { email: 'reader@example.pe' } });
    expect(verifyUnsubscribeToken(token, KEY, new Date(NOW.getTime() + 91 * 86_400_000))).toEqual({ ok: false, reason: 'expired' });
    expect(mail!.html).toContain(link.replace(/&/g, '&amp;'));
  });

  it('finds who is due and reads articles with Queries, never a Scan', async () => {
    await subscribers.put(subscriber('reader@example.pe'));
    const watched = [recordCommands(context.client), recordCommands(scheduleContext!.client)];
    await sendDueDigests(deps, NOW);
    watched.forEach((w) => w.stop());
    const operations = watched.flatMap((w) => w.operations());
    expect(operations).not.toContain('Scan');
    expect(new Set(operations)).toEqual(new Set(['Query', 'BatchGetItem', 'PutItem', 'UpdateItem']));
  });
});
