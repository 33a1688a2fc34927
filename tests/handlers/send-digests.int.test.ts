import type { SendEmailCommand, SendEmailCommandOutput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { createSendDigestsHandler } from '../../lambdas/handlers/send-digests.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { createDynamoDbSentRecordStore } from '../../lambdas/subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { scheduledEvent, telemetry } from './events.ts';

/** SES can't run here: the fake records each SendEmail input and answers with a message id. */
function fakeSes() {
  const sent: SendEmailCommand['input'][] = [];
  return {
    sent,
    async send(command: SendEmailCommand): Promise<SendEmailCommandOutput> {
      sent.push(command.input);
      return { $metadata: {}, MessageId: `ses-${sent.length}` };
    },
  };
}

describe('send-digests handler', () => {
  let stores: StoreContext;
  const ses = fakeSes();

  beforeAll(async () => {
    stores = await createTestStores();
    const subscribers = createDynamoDbSubscriberStore(stores.doc, stores.tableNames.subscribers);
    const at = '2026-11-01T00:00:00.000Z';
    // 07:00 Lima; "nothing happened" is sent too, so no articles are needed for this test.
    await subscribers.put({ ...DEFAULT_PREFERENCES, hour: 7, sendEmpty: true, email: 'ana@example.org', status: 'active', createdAt: at, updatedAt: at });
    await subscribers.put({ ...DEFAULT_PREFERENCES, hour: 18, sendEmpty: true, email: 'later@example.org', status: 'active', createdAt: at, updatedAt: at });
  });
  afterAll(() => stores.close());

  function handler() {
    const tagger = loadTagger();
    const t = telemetry();
    return {
      ...t,
      handle: createSendDigestsHandler({
        digests: {
          subscribers: createDynamoDbSubscriberStore(stores.doc, stores.tableNames.subscribers),
          sentRecords: createDynamoDbSentRecordStore(stores.doc, stores.tableNames.subscribers),
          articles: stores.articles,
          mailer: createSesMailer(ses, { configurationSetName: 'centinela-config-set' }),
          catalog: { themes: tagger.themes, regions: tagger.regions },
          from: 'Centinela <digests@example.org>',
          unsubscribeBaseUrl: 'https://abcdefg.lambda-url.us-east-1.on.aws/',
        },
        signingKey: async () => 'test-signing-key-0123456789abcdef',
        // The clock is a day off on purpose: the schedule's own time decides who is due.
        clock: fixedClock('2026-11-23T23:00:00.000Z'),
        logger: t.logger,
        metrics: t.metrics,
      }),
    };
  }

  it('on the 07:00 Lima run (12:00 UTC, from the Scheduler input) mails the 7 o\'clock subscriber through SES, once', async () => {
    const { handle, figures } = handler();
    expect(await handle({ scheduledTime: '2026-11-22T12:00:00Z' })).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(ses.sent).toHaveLength(1);
    const [input] = ses.sent;
    expect(input).toMatchObject({
      FromEmailAddress: 'Centinela <digests@example.org>',
      Destination: { ToAddresses: ['ana@example.org'] },
      ConfigurationSetName: 'centinela-config-set',
    });
    const mime = Buffer.from(input!.Content!.Raw!.Data!).toString('utf8');
    expect(mime).toMatch(/List-Unsubscribe:\s+<https:\/\/abcdefg\.lambda-url\.us-east-1\.on\.aws\/\?token=/);
    expect(figures).toEqual({ DigestsSent: 1, DigestsFailed: 0 });

    // The same hour again (a retry, or the classic scheduled-event shape): already sent.
    expect(await handler().handle(scheduledEvent('2026-11-22T12:00:00Z'))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(ses.sent).toHaveLength(1);
  });
});
