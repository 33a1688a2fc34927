/**
 * `centinela alerts`: the spikes now (table or --json, --explain for the
 * series and stories behind each), targets failing for a day; `--send`
 * delivers them exactly once per recipient, as the hourly job does in AWS.
 * The spike check, its stores and the tagger are imported when the command runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { AlertTarget } from '../../lambdas/alerts/alert-targets.ts';
import { describeSpike } from '../../lambdas/alerts/describe-spike.ts';
import { DEFAULT_SPIKE_SETTINGS } from '../../lambdas/alerts/detect-spikes.ts';
import type { AlertsReport } from '../../lambdas/alerts/run-alerts.ts';
import type { Tagger } from '../../lambdas/tagging/tagger.ts';
import { localMailSettings, sendingMailer, signingKey } from './digest.ts';
import { formatTable } from './output.ts';
import { addStoreOptions, PROJECT_ROOT, withStore, type StoreOptions } from './store-options.ts';
import { UsageError } from './usage-error.ts';

interface AlertsFlags extends StoreOptions {
  json?: boolean;
  explain?: boolean;
  send?: boolean;
  targets: string;
  minCount: string;
  k: string;
  now?: string;
  outbox: string;
}

export const DEFAULT_TARGETS_FILE = path.join(PROJECT_ROOT, '.centinela', 'alerts.json');

export function registerAlertsCommand(program: Command): void {
  addStoreOptions(
    program
      .command('alerts')
      .description('List current spikes (themes, and themes in a region, whose stories in the last 24 h exceed mean + k·sd of the 28 days before); --send delivers them once per recipient.')
      .option('--json', 'print the report as JSON')
      .option('--explain', 'show each spike\'s daily series and its stories')
      .option('--send', 'deliver: webhook targets from --targets, mail to subscribers who opted in (SES with --aws, SMTP with $SMTP_URL, otherwise the outbox)')
      .option('--targets <file>', 'webhook targets file (secrets: keep it out of version control)', DEFAULT_TARGETS_FILE)
      .option('--min-count <n>', 'a spike needs at least this many stories', String(DEFAULT_SPIKE_SETTINGS.minCount))
      .option('--k <k>', 'and more than mean + k standard deviations', String(DEFAULT_SPIKE_SETTINGS.k))
      .option('--now <instant>', 'check as of this ISO instant instead of now (e.g. 2026-11-21T17:00:00Z)')
      .option('--outbox <dir>', 'folder for alert mail sent locally', 'outbox'),
  ).action(async (flags: AlertsFlags) => {
    const settings = { minCount: positive('--min-count', flags.minCount, true), k: positive('--k', flags.k, false) };
    const now = flags.now ? parseInstant(flags.now) : new Date();
    const targets = await readTargets(flags.targets);
    // Checked before the store opens: a bad From or unsubscribe URL is refused (exit 2), not left to fail each alert mail.
    const { from, unsubscribeBaseUrl } = await localMailSettings({ smtp: flags.send === true && !flags.aws });
    const [{ createDynamoDbAlertStore }, { createWebhookPoster }, { runAlerts }, { loadTagger }] = await Promise.all([
      import('../../lambdas/alerts/dynamodb-alert-store.ts'),
      import('../../lambdas/alerts/post-webhook.ts'),
      import('../../lambdas/alerts/run-alerts.ts'),
      import('../../lambdas/tagging/tagger.ts'),
    ]);
    const tagger = loadTagger();
    await withStore(flags, async (store) => {
      const mailer = flags.send ? await sendingMailer(flags, 'alert') : undefined;
      try {
        const report = await runAlerts(
          {
            articles: store.articles,
            subscribers: store.subscribers,
            alerts: createDynamoDbAlertStore(store.doc, store.tableNames.subscribers),
            catalog: tagger,
            targets,
            poster: createWebhookPoster(),
            mailer,
            from,
            unsubscribe: { baseUrl: unsubscribeBaseUrl, signingKey: await signingKey() },
            settings,
          },
          now,
          { deliver: flags.send === true },
        );
        console.log(flags.json ? JSON.stringify(report, null, 2) : formatReport(report, tagger, flags.explain === true, flags.send === true, targets.length));
        if (report.failed > 0 || report.failingTargets.length > 0) process.exitCode = 1;
      } finally {
        (mailer as Partial<{ close(): void }> | undefined)?.close?.();
      }
    });
  });
}

function formatReport(report: AlertsReport, tagger: Pick<Tagger, 'themes' | 'regions'>, explain: boolean, sent: boolean, targetCount: number): string {
  const labels = {
    themes: Object.fromEntries(tagger.themes.map((t) => [t.id, t.label.es])),
    regions: Object.fromEntries(tagger.regions.map((r) => [r.id, r.name])),
  };
  const lines: string[] = [];
  if (report.spikes.length === 0) lines.push('No spikes: no theme (or theme in a region) is above its 28-day baseline in the last 24 hours.');
  else {
    lines.push(formatTable(['spike', 'theme', 'region', 'stories 24 h', 'mean 28 d', 'threshold'], report.spikes.map((s) => [
      s.id, labels.themes[s.theme] ?? s.theme, s.region ? (labels.regions[s.region] ?? s.region) : '(all)', String(s.count), s.mean.toFixed(2), s.threshold.toFixed(2),
    ])));
    if (explain) {
      for (const spike of report.spikes) {
        const text = describeSpike(spike, labels);
        lines.push('', text.headline, `  ${text.explanation}`, `  window ${spike.window.from} → ${spike.window.to}`, ...text.stories.map((s) => `  - ${s.text}\n    ${s.url}`));
      }
    }
  }
  if (sent) {
    lines.push('', report.deliveries.length ? formatTable(['spike', 'recipient', 'status', 'detail'], report.deliveries.map((d) => [
      d.spike, d.recipient, d.status, 'messageId' in d ? d.messageId : 'error' in d ? d.error : '',
    ])) : `Nothing to deliver (${targetCount} webhook target(s) configured).`);
    lines.push(`Sent ${report.sent}, failed ${report.failed} (failed deliveries are retried on the next run).`);
  }
  for (const t of report.failingTargets) lines.push(`FAILING for a day or more: target "${t.target}" since ${t.failingSince} (${t.consecutiveFailures} attempts; last: ${t.lastError ?? '?'})`);
  return lines.join('\n');
}

/**
 * The targets file, validated; a missing file means no webhook targets.
 * @throws UsageError (exit 2) when the file is not JSON or has a bad target, naming the file and where
 */
export async function readTargets(file: string): Promise<AlertTarget[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const [{ parseAlertTargets }, { AlertConfigError }] = await Promise.all([
    import('../../lambdas/alerts/alert-targets.ts'),
    import('../../lambdas/alerts/errors.ts'),
  ]);
  try {
    return parseAlertTargets(text, path.relative(process.cwd(), file) || file).targets;
  } catch (error) {
    // A mistake in the user's file is a bad argument (exit 2), not a failed run.
    if (error instanceof AlertConfigError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

function positive(name: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`alerts: ${name} must be a positive ${integer ? 'whole ' : ''}number, not "${value}".`);
  return n;
}

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`alerts: --now must be an ISO instant like 2026-11-21T17:00:00Z, not "${value}".`);
  return at;
}
