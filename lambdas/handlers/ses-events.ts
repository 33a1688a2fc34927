/**
 * ses-events (SNS topic of the SES configuration set's event destination):
 * reads each SES event and applies the suppression policy
 * (subscribers/suppress-subscriber.ts): a permanent bounce or a complaint
 * suppresses the address; transient bounces (full mailbox) are only logged.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SNSEvent } from 'aws-lambda';
import * as z from '../model/zod-mini.ts';
import { suppressionPolicy, suppressSubscriber, type SuppressionEvent } from '../subscribers/suppress-subscriber.ts';
import { systemClock, type Clock } from '../model/clock.ts';
import { createDynamoDbSubscriberStore } from '../subscribers/dynamodb-subscriber-store.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, tableName } from './env.ts';
import { MetricNames } from '../monitoring/metric-names.ts';

export interface SesEventsHandlerDeps {
  subscribers: Pick<SubscriberStore, 'setStatus'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

const recipients = z._default(z.array(z.object({ emailAddress: z.string() })), []);
/** The SES event-publishing record (eventType); identity notifications use notificationType. */
const sesEvent = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(z.object({ bounceType: z.string(), bounceSubType: z.optional(z.string()), bouncedRecipients: recipients })),
  complaint: z.optional(z.object({ complainedRecipients: recipients, complaintFeedbackType: z.optional(z.string()) })),
  mail: z.optional(z.object({ messageId: z.optional(z.string()) })),
});

export function createSesEventsHandler(deps: SesEventsHandlerDeps) {
  return async (event: SNSEvent): Promise<{ suppressed: number }> => {
    let suppressed = 0;
    for (const record of event.Records) {
      for (const suppression of suppressionsOf(record.Sns.Message, deps.logger)) {
        const known = await suppressSubscriber(deps, suppression, deps.clock.now());
        if (known) suppressed++;
        deps.logger.info('address suppressed', { reason: suppression.reason, subscriber: known });
      }
    }
    deps.metrics.addMetric(MetricNames.addressesSuppressed, MetricUnit.Count, suppressed);
    deps.metrics.publishStoredMetrics();
    return { suppressed };
  };
}

function suppressionsOf(message: string, logger: Logger): SuppressionEvent[] {
  let parsed;
  try {
    parsed = sesEvent.parse(JSON.parse(message));
  } catch (error) {
    // Not retriable: SNS would redeliver the same unreadable message.
    logger.error('SNS message is not an SES event; ignored', { error: error as Error, message: message.slice(0, 500) });
    return [];
  }
  const decision = suppressionPolicy({ ...parsed, type: parsed.eventType ?? parsed.notificationType });
  if (decision.action === 'keep') logger.info('transient bounce; address kept', { reason: decision.reason, messageId: parsed.mail?.messageId });
  if (decision.action === 'ignore') logger.info('SES event ignored', { type: decision.type });
  return decision.action === 'suppress' ? decision.suppressions : [];
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({ SUBSCRIBERS_TABLE: tableName });
  return createSesEventsHandler({
    subscribers: createDynamoDbSubscriberStore(documentClient(), env.SUBSCRIBERS_TABLE),
    clock: systemClock,
    logger,
    metrics,
  });
});

export const handler = (event: SNSEvent) => fromEnv()(event);
