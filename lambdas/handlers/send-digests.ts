/**
 * send-digests (EventBridge Scheduler, every hour in America/Lima): mails the
 * digest to every subscriber whose hour it is, exactly once per period, via
 * SES v2 with the configuration set that routes bounces and complaints.
 * A failed digest fails the invocation after the others went out, so the
 * errors alarm tells the owner; the next hourly run retries it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from '../model/zod-mini.ts';
import { DigestsFailedError } from '../digest/errors.ts';
import { sendDueDigests, type SendDigestsDeps, type SendDigestsReport } from '../digest/send-digests.ts';
import { createSesMailer } from '../mail/ses-mailer.ts';
import { systemClock, type Clock } from '../model/clock.ts';
import { createDynamoDbArticleStore } from '../store/dynamodb-article-store.ts';
import { createDynamoDbSentRecordStore } from '../subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../subscribers/dynamodb-subscriber-store.ts';
import { bundledCatalog } from './bundled-catalog.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv } from './env.ts';
import { MAIL_SENDER_ENV } from './mail-sender-env.ts';
import { MetricNames } from '../monitoring/metric-names.ts';
import { secretReader } from './signing-key.ts';

export interface SendDigestsHandlerDeps {
  /** Everything but the signing key, which is read (once) on the first run. */
  digests: Omit<SendDigestsDeps, 'unsubscribe'> & { unsubscribeBaseUrl: string };
  signingKey: () => Promise<string>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** The schedule passes its own time (`<aws.scheduler.scheduled-time>`), so a late start still sends that hour's digests. */
const event = z.looseObject({ scheduledTime: z.optional(z.iso.datetime({ offset: true })), time: z.optional(z.iso.datetime({ offset: true })) });

export function createSendDigestsHandler(deps: SendDigestsHandlerDeps) {
  return async (input: unknown): Promise<Omit<SendDigestsReport, 'outcomes'>> => {
    const parsed = event.safeParse(input ?? {});
    const at = parsed.success ? (parsed.data.scheduledTime ?? parsed.data.time) : undefined;
    const now = at ? new Date(at) : deps.clock.now();
    const { unsubscribeBaseUrl, ...digests } = deps.digests;
    const report = await sendDueDigests({ ...digests, unsubscribe: { baseUrl: unsubscribeBaseUrl, signingKey: await deps.signingKey() } }, now);

    for (const outcome of report.outcomes) {
      // Addresses stay out of the logs (as in the line below); SES error messages repeat them, so they are masked.
      if (outcome.status === 'failed') deps.logger.error('digest failed', { period: outcome.period, error: outcome.error.replaceAll(outcome.email, '<subscriber>') });
      else deps.logger.info('digest', { period: outcome.period, status: outcome.status, messageId: 'messageId' in outcome ? outcome.messageId : undefined });
    }
    deps.logger.info('digest run', { at: now.toISOString(), sent: report.sent, failed: report.failed, skipped: report.skipped });
    deps.metrics.addMetric(MetricNames.digestsSent, MetricUnit.Count, report.sent);
    deps.metrics.addMetric(MetricNames.digestsFailed, MetricUnit.Count, report.failed);
    deps.metrics.publishStoredMetrics();
    if (report.failed > 0) throw new DigestsFailedError(report.failed, report.outcomes.length);
    return { sent: report.sent, failed: report.failed, skipped: report.skipped };
  };
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({
    ...MAIL_SENDER_ENV,
  });
  const doc = documentClient();
  return createSendDigestsHandler({
    digests: {
      subscribers: createDynamoDbSubscriberStore(doc, env.SUBSCRIBERS_TABLE),
      sentRecords: createDynamoDbSentRecordStore(doc, env.SUBSCRIBERS_TABLE),
      articles: createDynamoDbArticleStore(doc, { tableName: env.ARTICLES_TABLE, retentionDays: env.RETENTION_DAYS }),
      mailer: createSesMailer(new SESv2Client({}), { configurationSetName: env.SES_CONFIGURATION_SET }),
      catalog: bundledCatalog(),
      from: `Centinela <${env.SENDER_EMAIL}>`,
      unsubscribeBaseUrl: env.UNSUBSCRIBE_URL,
    },
    signingKey: secretReader(env.SIGNING_KEY_SECRET_ARN),
    clock: systemClock,
    logger,
    metrics,
  });
});

export const handler = (event: unknown) => fromEnv()(event);
