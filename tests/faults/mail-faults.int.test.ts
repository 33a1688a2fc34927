import { MessageRejected, type SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { sendDueDigests, type SendDigestsDeps } from '../../lambdas/digest/send-digests.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { CATALOG, makeArticle } from '../digest/make-article.ts';
import { createTestStores } from '../support/dynamodb.ts';

// Monday 23 Nov 2026, 08:00 in Lima: the daily digest of Sunday 22 Nov is due for 7 o'clock subscribers.
const NOW = new Date('2026-11-23T13:00:00.000Z');
const HOUR = 3_600_000;

/**
 * Stands in for SESv2Client (the real adapter, createSesMailer, sits on top):
 * every SendEmail is recorded, and recipients in `rejecting` get the error SES
 * itself raises for a message it refuses.
 */
function fakeSes() {
  const calls: { to: string; accepted: boolean }[] = [];
  const rejecting = new Set<string>();
  return {
    calls,
    rejecting,
    client: {
      async send(command: SendEmailCommand) {
        const to = command.input.Destination!.ToAddresses![0]!;
        const accepted = !rejecting.has(to);
        calls.push({ to, accepted });
        if (!accepted) throw new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } });
        return { MessageId: `0100-${calls.length}`, $metadata: { httpStatusCode: 200 } };
      },
    },
  };
}

function subscriber(email: string): Subscriber {
  return { ...DEFAULT_PREFERENCES, email, hour: 7, status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
}

describe('SES failing for one subscriber', () => {
  let stores: StoreContext;
  beforeAll(async () => {
    stores = await createTestStores();
    await stores.articles.putArticle(
      makeArticle({ title: 'Extorsionadores atacan bus en Ate', publishedAt: '2026-11-22T15:00:00.000Z', themes: { extortion: 6 }, regions: ['lima'] }),
    );
  });
  afterAll(async () => stores.close());

  it('sends to the others, retries that one on the next run, and mails everyone exactly once overall', async () => {
    const emails = ['ana@example.pe', 'beto@example.pe', 'carla@example.pe', 'dora@example.pe'];
    for (const email of emails) await stores.subscribers.put(subscriber(email));
    const ses = fakeSes();
    const deps: SendDigestsDeps = {
      subscribers: stores.subscribers,
      sentRecords: stores.sentRecords,
      articles: stores.articles,
      mailer: createSesMailer(ses.client as never),
      catalog: CATALOG,
      from: 'Centinela <digest@centinela.test>',
      unsubscribe: { baseUrl: 'https://unsub.centinela.test/', signingKey: 'fault-test-signing-key-0123' },
    };

    ses.rejecting.add('beto@example.pe');
    const first = await sendDueDigests(deps, NOW);
    expect(first.outcomes.map((o) => [o.email, o.status])).toEqual([
      ['ana@example.pe', 'sent'],
      ['beto@example.pe', 'failed'],
      ['carla@example.pe', 'sent'],
      ['dora@example.pe', 'sent'],
    ]);
    expect(first.outcomes[1]).toMatchObject({ error: 'digest: beto@example.pe daily:2026-11-22: Email address is not verified.' });
    expect(await stores.sentRecords.get('beto@example.pe', 'daily:2026-11-22')).toBeUndefined();

    ses.rejecting.clear();
    const next = await sendDueDigests(deps, new Date(NOW.getTime() + HOUR));
    expect(next.outcomes.map((o) => [o.email, o.status])).toEqual([['beto@example.pe', 'sent']]);
    const later = await sendDueDigests(deps, new Date(NOW.getTime() + 2 * HOUR));
    expect(later.outcomes).toEqual([]);

    const accepted = (to: string) => ses.calls.filter((c) => c.to === to && c.accepted).length;
    expect(emails.map(accepted)).toEqual([1, 1, 1, 1]);
    // Four SendEmail calls in the first run (in any order: four digests are built at a time), one in the second.
    expect(ses.calls.slice(0, 4).map((c) => `${c.to} ${c.accepted}`).sort()).toEqual([
      'ana@example.pe true',
      'beto@example.pe false',
      'carla@example.pe true',
      'dora@example.pe true',
    ]);
    expect(ses.calls.slice(4)).toEqual([{ to: 'beto@example.pe', accepted: true }]);
    for (const email of emails) {
      expect(await stores.sentRecords.get(email, 'daily:2026-11-22')).toMatchObject({ state: 'sent', messageId: expect.stringMatching(/^0100-\d$/) });
    }
  });
});
