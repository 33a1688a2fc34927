import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createDynamoDbSentRecordStore } from '../../lambdas/subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import type { SentRecordStore, SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';
import { createTestStores } from '../support/dynamodb.ts';

const NOW = new Date('2026-11-23T13:00:00.000Z');
const make = (email: string, extra: Partial<Subscriber> = {}): Subscriber => ({
  ...DEFAULT_PREFERENCES,
  email,
  status: 'active',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  ...extra,
});

describe('the DynamoDB subscriber store', () => {
  let context: StoreContext;
  let store: SubscriberStore;

  beforeAll(async () => {
    context = await createTestStores();
    store = createDynamoDbSubscriberStore(context.doc, context.tableNames.subscribers);
  });
  afterAll(() => context.close());

  it('keeps, lists, updates and removes subscribers', async () => {
    await store.put(make('ana@example.pe', { themes: ['extortion'], regions: ['lima'] }));
    await store.put(make('luis@example.pe'));
    expect(await store.get('ana@example.pe')).toEqual(make('ana@example.pe', { themes: ['extortion'], regions: ['lima'] }));
    expect((await store.list()).map((s) => s.email)).toEqual(['ana@example.pe', 'luis@example.pe']);
    await store.put(make('ana@example.pe', { hour: 18, lang: 'en' }));
    expect(await store.get('ana@example.pe')).toMatchObject({ hour: 18, lang: 'en' });
    expect(await store.remove('ana@example.pe')).toBe(true);
    expect(await store.remove('ana@example.pe')).toBe(false);
    expect((await store.list()).map((s) => s.email)).toEqual(['luis@example.pe']);
  });

  it('moves a subscriber in the schedule when the hour or cadence changes, so nobody is due twice', async () => {
    await store.put(make('move@example.pe', { hour: 6 }));
    await store.put(make('move@example.pe', { hour: 10 }));
    const due = (hour: number) => store.listDue({ cadence: 'daily', upToHour: hour, period: 'daily:2026-11-22' }).then((s) => s.map((x) => x.email));
    expect(await due(8)).not.toContain('move@example.pe');
    expect(await due(10)).toContain('move@example.pe');
    await store.put(make('move@example.pe', { cadence: 'weekly', weekday: 3, hour: 10 }));
    expect(await due(23)).not.toContain('move@example.pe');
    expect((await store.listDue({ cadence: 'weekly', weekday: 3, upToHour: 10, period: 'weekly:x' })).map((s) => s.email)).toEqual(['move@example.pe']);
  });

  it('takes an unsubscribed or suppressed subscriber out of the schedule and says why', async () => {
    await store.put(make('bye@example.pe', { hour: 5 }));
    expect(await store.setStatus('bye@example.pe', 'suppressed', 'Bounce/Permanent', NOW)).toBe(true);
    expect(await store.get('bye@example.pe')).toMatchObject({ status: 'suppressed', statusReason: 'Bounce/Permanent' });
    expect((await store.listDue({ cadence: 'daily', upToHour: 23, period: 'p' })).map((s) => s.email)).not.toContain('bye@example.pe');
    expect(await store.setStatus('nobody@example.pe', 'unsubscribed', 'link', NOW)).toBe(false);
  });
});

describe('the DynamoDB sent-record store', () => {
  let context: StoreContext;
  let sent: SentRecordStore;
  const ana = make('ana@example.pe');
  const lease = { now: NOW, leaseMs: 20 * 60_000 };

  beforeAll(async () => {
    context = await createTestStores();
    sent = createDynamoDbSentRecordStore(context.doc, context.tableNames.subscribers);
  });
  afterAll(() => context.close());

  it('lets exactly one of two runs claim a (subscriber, period)', async () => {
    const claims = await Promise.all([sent.claim(ana.email, 'daily:1', { ...lease, claimId: 'run-1' }), sent.claim(ana.email, 'daily:1', { ...lease, claimId: 'run-2' })]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('never gives a sent period out again', async () => {
    expect(await sent.claim(ana.email, 'daily:2', { ...lease, claimId: 'run-1' })).toBe('run-1');
    await sent.markSent(ana, 'daily:2', 'run-1', { now: NOW, messageId: 'ses-1' });
    const muchLater = new Date(NOW.getTime() + 86_400_000);
    expect(await sent.claim(ana.email, 'daily:2', { ...lease, now: muchLater, claimId: 'run-2' })).toBeUndefined();
    expect(await sent.get(ana.email, 'daily:2')).toMatchObject({ state: 'sent', messageId: 'ses-1', claimId: 'run-1' });
  });

  it('frees a released claim for the next run, and lets a claim whose lease ran out be taken over', async () => {
    await sent.claim(ana.email, 'daily:3', { ...lease, claimId: 'run-1' });
    await sent.release(ana.email, 'daily:3', 'run-1');
    expect(await sent.claim(ana.email, 'daily:3', { ...lease, claimId: 'run-2' })).toBe('run-2');

    const withinLease = new Date(NOW.getTime() + 19 * 60_000);
    const afterLease = new Date(NOW.getTime() + 21 * 60_000);
    expect(await sent.claim(ana.email, 'daily:3', { ...lease, now: withinLease, claimId: 'run-3' })).toBeUndefined();
    expect(await sent.claim(ana.email, 'daily:3', { ...lease, now: afterLease, claimId: 'run-4' })).toBe('run-4');
    await expect(sent.markSent(ana, 'daily:3', 'run-2', { now: afterLease, messageId: 'late' })).rejects.toThrow();
  });
});
