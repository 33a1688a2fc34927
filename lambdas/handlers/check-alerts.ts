/**
 * check-alerts (its own EventBridge Scheduler schedule, every hour): finds the
 * spikes and delivers each once per recipient (runAlerts). Webhook targets come
 * from a Secrets Manager secret (the same JSON as .centinela/alerts.json), read
 * once per container and never logged; webhook targets pass the SSRF guard.
 * A failing target does not fail the run (it is retried next hour); targets
 * failing for a day are counted in a metric the monitoring construct alarms on.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from '../model/zod-mini.ts';
import { parseAlertTargets } from '../alerts/alert-targets.ts';
import { createDynamoDbAlertStore } from '../alerts/dynamodb-alert-store.ts';
import { createWebhookPoster } from '../alerts/post-webhook.ts';
import { runAlerts, type AlertsReport, type RunAlertsDeps } from '../alerts/run-alerts.ts';
import { createSesMailer } from '../mail/ses-mailer.ts';
import { systemClock, type Clock } from '../model/clock.ts';
import { MetricNames } from '../monitoring/metric-names.ts';
import { createDynamoDbArticleStore } from '../store/dynamodb-article-store.ts';
import { createDynamoDbSubscriberStore } from '../subscribers/dynamodb-subscriber-store.ts';
import { bundledCatalog } from './bundled-catalog.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, secretArn } from './env.ts';
import { MAIL_SENDER_ENV } from './mail-sender-env.ts';
import { secretReader } from './signing-key.ts';

export interface CheckAlertsHandlerDeps {
  /** Everything but the secrets, read (once) on the first run. */
  alerts: Omit<RunAlertsDeps, 'targets' | 'unsubscribe'> & { unsubscribeBaseUrl: string };
  targets: () => Promise<string>;
  signingKey: () => Promise<string>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

const event = z.looseObject({ scheduledTime: z.optional(z.iso.datetime({ offset: true })) });

export function createCheckAlertsHandler(deps: CheckAlertsHandlerDeps) {
  return async (input: unknown): Promise<Pick<AlertsReport, 'sent' | 'failed'> & { spikes: number; failingTargets: number }> => {
    const parsed = event.safeParse(input ?? {});
    const now = parsed.success && parsed.data.scheduledTime ? new Date(parsed.data.scheduledTime) : deps.clock.now();
    const { unsubscribeBaseUrl, ...alerts } = deps.alerts;
    const targets = parseAlertTargets(await deps.targets(), 'the alert targets secret').targets;
    const report = await runAlerts({ ...alerts, targets, unsubscribe: { baseUrl: unsubscribeBaseUrl, signingKey: await deps.signingKey() } }, now, { deliver: true });
    for (const spike of report.spikes) deps.logger.info('spike', { id: spike.id, count: spike.count, mean: spike.mean, threshold: spike.threshold });
    for (const d of report.deliveries) {
      // Recipients are target ids or masked addresses; errors name target ids only (never URLs or tokens).
      const recipient = d.recipient.startsWith('mail:') ? 'mail:<subscriber>' : d.recipient;
      if (d.status === 'failed') deps.logger.warn('alert delivery failed', { spike: d.spike, recipient, error: d.error.replace(d.recipient.slice(5), '<subscriber>') });
      else deps.logger.info('alert delivery', { spike: d.spike, recipient, status: d.status });
    }
    for (const t of report.failingTargets) deps.logger.error('alert target failing for a day', { target: t.target, failingSince: t.failingSince, attempts: t.consecutiveFailures });
    deps.metrics.addMetric(MetricNames.alertTargetsFailingForADay, MetricUnit.Count, report.failingTargets.length);
    deps.metrics.publishStoredMetrics();
    return { spikes: report.spikes.length, sent: report.sent, failed: report.failed, failingTargets: report.failingTargets.length };
  };
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({
    ...MAIL_SENDER_ENV,
    ALERT_TARGETS_SECRET_ARN: secretArn,
  });
  const doc = documentClient();
  return createCheckAlertsHandler({
    alerts: {
      articles: createDynamoDbArticleStore(doc, { tableName: env.ARTICLES_TABLE, retentionDays: env.RETENTION_DAYS }),
      subscribers: createDynamoDbSubscriberStore(doc, env.SUBSCRIBERS_TABLE),
      alerts: createDynamoDbAlertStore(doc, env.SUBSCRIBERS_TABLE),
      catalog: bundledCatalog(),
      poster: createWebhookPoster({ blockPrivateAddresses: true }),
      mailer: createSesMailer(new SESv2Client({}), { configurationSetName: env.SES_CONFIGURATION_SET }),
      from: `Centinela <${env.SENDER_EMAIL}>`,
      unsubscribeBaseUrl: env.UNSUBSCRIBE_URL,
    },
    targets: secretReader(env.ALERT_TARGETS_SECRET_ARN),
    signingKey: secretReader(env.SIGNING_KEY_SECRET_ARN),
    clock: systemClock,
    logger,
    metrics,
  });
});

export const handler = (event: unknown) => fromEnv()(event);
