import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { signUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { createSesEventsHandler } from '../../lambdas/handlers/ses-events.ts';
import { createUnsubscribeHandler } from '../../lambdas/handlers/unsubscribe.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import type { SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { functionUrlEvent, snsEvent, telemetry } from './events.ts';

const now = '2026-11-22T12:00:00.000Z';
const key = 'test-signing-key-0123456789abcdef';

describe('subscriber handlers', () => {
  let stores: StoreContext;
  let subscribers: SubscriberStore;

  beforeAll(async () => {
    stores = await createTestStores();
    subscribers = createDynamoDbSubscriberStore(stores.doc, stores.tableNames.subscribers);
  });
  afterAll(() => stores.close());
  beforeEach(async () => {
    for (const email of ['ana@example.org', 'beto@example.org']) {
      await subscribers.put({ ...DEFAULT_PREFERENCES, email, status: 'active', createdAt: now, updatedAt: now });
    }
  });

  describe('unsubscribe (Function URL)', () => {
    const handler = () =>
      createUnsubscribeHandler({ subscribers, signingKey: async () => key, clock: fixedClock(now), logger: telemetry().logger });
    const token = signUnsubscribeToken({ email: 'ana@example.org', expiresAt: Date.parse(now) / 1000 + 3600 }, key);

    it('shows a confirmation page on GET and changes nothing', async () => {
      const response = await handler()(functionUrlEvent('GET', { token }));
      expect(response).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
      expect(String((response as { body: string }).body)).toContain('<form method="post">');
      expect((await subscribers.get('ana@example.org'))?.status).toBe('active');
    });

    it('unsubscribes on the RFC 8058 one-click POST', async () => {
      const response = await handler()(functionUrlEvent('POST', { token }, 'List-Unsubscribe=One-Click'));
      expect(response).toMatchObject({ statusCode: 200 });
      expect(await subscribers.get('ana@example.org')).toMatchObject({ status: 'unsubscribed', statusReason: 'unsubscribe link' });
    });

    it('refuses a tampered token with 400', async () => {
      const response = await handler()(functionUrlEvent('POST', { token: `${token.slice(0, -2)}xx` }));
      expect(response).toMatchObject({ statusCode: 400 });
      expect((await subscribers.get('ana@example.org'))?.status).toBe('active');
    });
  });

  describe('ses-events (SNS)', () => {
    it('suppresses the recipients of a permanent bounce and of a complaint, and keeps a transient bounce', async () => {
      const { logger, metrics, figures } = telemetry();
      const handler = createSesEventsHandler({ subscribers, clock: fixedClock(now), logger, metrics });
      const bounce = {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'Ana@Example.org', status: '5.1.1' }], timestamp: now },
        mail: { messageId: '0100019a-example', destination: ['ana@example.org'] },
      };
      const transient = { ...bounce, bounce: { ...bounce.bounce, bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'beto@example.org' }] } };
      const complaint = { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'beto@example.org' }], complaintFeedbackType: 'abuse' }, mail: {} };

      expect(await handler(snsEvent(transient))).toEqual({ suppressed: 0 });
      expect((await subscribers.get('beto@example.org'))?.status).toBe('active');
      expect(await handler(snsEvent(bounce))).toEqual({ suppressed: 1 });
      expect(await handler(snsEvent(complaint))).toEqual({ suppressed: 1 });
      expect(await subscribers.get('ana@example.org')).toMatchObject({ status: 'suppressed', statusReason: 'Bounce/Permanent/General' });
      expect(await subscribers.get('beto@example.org')).toMatchObject({ status: 'suppressed', statusReason: 'Complaint/abuse' });
      expect(figures.AddressesSuppressed).toBe(2);
    });

    it('ignores a message that is not an SES event instead of failing (SNS would redeliver it forever)', async () => {
      const handler = createSesEventsHandler({ subscribers, clock: fixedClock(now), ...telemetry() });
      const event = snsEvent('x');
      event.Records[0]!.Sns.Message = 'not json';
      expect(await handler(event)).toEqual({ suppressed: 0 });
    });
  });
});
