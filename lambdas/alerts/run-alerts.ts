/**
 * The `alerts` job, run hourly (its own EventBridge Scheduler schedule in AWS;
 * the local scheduler or `centinela alerts --send` on a laptop):
 *  1. read the last 29 days of every theme's listings (one Query per theme, never a Scan)
 *  2. find the spikes: themes and themes × regions whose stories in the last 24 hours
 *     exceed mean + k·sd of the same window on the 28 days before (findSpikes, pure)
 *  3. record the new ones per Lima day (a theme or theme × region recorded in the last 24 hours
 *     is the same spike, not a new one); deliver today's and yesterday's recorded spikes, so a
 *     delivery that failed is retried by the next run even after the spike subsides
 *  4. for each spike and each recipient that wants it (webhook targets by their
 *     themes/regions; subscribers who opted in with `--alerts`, by their themes and regions):
 *     a. claim (recipient, spike) with a conditional write; skip if already sent or held
 *     b. post the webhook / mail the alert
 *     c. mark it sent and the target healthy; on failure release the claim and note the
 *        failure: one failing target never blocks the others
 *  5. report the current spikes, every delivery, and targets failing for a day or more
 */
import { randomUUID } from 'node:crypto';
import { mapLimited } from '../concurrency/map-limited.ts';
import type { UnsubscribeSettings } from '../digest/digest-mail.ts';
import type { DigestCatalog } from '../digest/load-digest.ts';
import type { Mailer } from '../mail/mailer.ts';
import { addDays, limaDay } from '../model/lima-time.ts';
import type { ArticleStore, ListingItem } from '../store/article-store.ts';
import { subscribedThemes, type Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { composeAlertMail } from './alert-mail.ts';
import type { AlertStore, TargetHealth } from './alert-store.ts';
import { targetWants, type AlertTarget } from './alert-targets.ts';
import type { SpikeLabels } from './describe-spike.ts';
import { DEFAULT_SPIKE_SETTINGS, type SpikeSettings } from './detect-spikes.ts';
import { findSpikes, spikeReadRange, type Spike } from './find-spikes.ts';
import type { WebhookPoster } from './post-webhook.ts';
import { webhookRequest } from './webhook-requests.ts';

export interface RunAlertsDeps {
  articles: Pick<ArticleStore, 'listByTheme'>;
  subscribers: Pick<SubscriberStore, 'list'>;
  alerts: AlertStore;
  catalog: DigestCatalog;
  /** Webhook targets (from the secret or .centinela/alerts.json). */
  targets: AlertTarget[];
  poster: WebhookPoster;
  /** Alert mail to subscribers who opted in; without a mailer, no mail is sent. */
  mailer?: Mailer;
  from: string;
  unsubscribe?: UnsubscribeSettings;
  settings?: SpikeSettings;
  claimLeaseMs?: number;
  concurrency?: number;
  newClaimId?: () => string;
}

export type AlertDelivery =
  | { spike: string; recipient: string; status: 'sent'; messageId: string }
  | { spike: string; recipient: string; status: 'already-sent' }
  | { spike: string; recipient: string; status: 'failed'; error: string };

export interface AlertsReport {
  /** Spikes at `now` (what `centinela alerts` lists). */
  spikes: Spike[];
  deliveries: AlertDelivery[];
  sent: number;
  failed: number;
  /** Targets whose deliveries have failed for at least `FAILING_REPORT_MS` (a day). */
  failingTargets: TargetHealth[];
  health: TargetHealth[];
}

export const FAILING_REPORT_MS = 24 * 3_600_000;
export const MAIL_TARGET = 'mail';

interface Recipient {
  id: string;
  wants(spike: Spike): boolean;
  deliver(spike: Spike, labels: SpikeLabels, now: Date): Promise<string>;
  /** Health is kept per webhook target, and for mail as a whole. */
  healthId: string;
}

/** Finds the spikes at `now`; with `deliver`, records and delivers them exactly once per recipient. */
export async function runAlerts(deps: RunAlertsDeps, now: Date, options: { deliver?: boolean } = {}): Promise<AlertsReport> {
  const range = spikeReadRange(now);
  const listingsByTheme = new Map<string, ListingItem[]>();
  await Promise.all(deps.catalog.themes.map(async (t) => listingsByTheme.set(t.id, await deps.articles.listByTheme(t.id, range))));
  const spikes = findSpikes(listingsByTheme, now, deps.settings ?? DEFAULT_SPIKE_SETTINGS);
  const deliveries: AlertDelivery[] = [];
  if (options.deliver) {
    const today = limaDay(now);
    const days = [addDays(today, -1), today];
    const known = await deps.alerts.listSpikes(days);
    // A spike still running an hour (or a midnight) later is the same spike: one alert per theme (× region) per 24 hours.
    const ongoing = (spike: Spike) => known.some((k) => k.theme === spike.theme && k.region === spike.region && Date.parse(k.window.to) > now.getTime() - FAILING_REPORT_MS);
    const fresh = spikes.filter((spike) => !ongoing(spike));
    for (const spike of fresh) await deps.alerts.recordSpike(spike, now);
    const pending = fresh.length ? await deps.alerts.listSpikes(days) : known;
    const labels: SpikeLabels = {
      themes: Object.fromEntries(deps.catalog.themes.map((t) => [t.id, t.label.es])),
      regions: Object.fromEntries(deps.catalog.regions.map((r) => [r.id, r.name])),
    };
    const recipients = [...deps.targets.map((t) => webhookRecipient(t, deps)), ...(await mailRecipients(deps))];
    const jobs = pending.flatMap((spike) => recipients.filter((r) => r.wants(spike)).map((recipient) => ({ spike, recipient })));
    deliveries.push(...(await mapLimited(jobs, deps.concurrency ?? 4, ({ spike, recipient }) => deliverOnce(deps, spike, recipient, labels, now))));
  }
  const health = await deps.alerts.listHealth();
  const failingTargets = health.filter((h) => h.failingSince && now.getTime() - Date.parse(h.failingSince) >= FAILING_REPORT_MS);
  return {
    spikes,
    deliveries,
    sent: deliveries.filter((d) => d.status === 'sent').length,
    failed: deliveries.filter((d) => d.status === 'failed').length,
    failingTargets,
    health,
  };
}

async function deliverOnce(deps: RunAlertsDeps, spike: Spike, recipient: Recipient, labels: SpikeLabels, now: Date): Promise<AlertDelivery> {
  const base = { spike: spike.id, recipient: recipient.id };
  let claimId: string | undefined;
  try {
    claimId = await deps.alerts.claim(recipient.id, spike.id, { now, leaseMs: deps.claimLeaseMs ?? 20 * 60_000, claimId: deps.newClaimId?.() ?? randomUUID() });
    if (!claimId) return { ...base, status: 'already-sent' };
    const messageId = await recipient.deliver(spike, labels, now);
    const held = claimId;
    claimId = undefined; // delivered: never release from here on (that would invite a second delivery)
    await deps.alerts.markSent(recipient.id, spike.id, held, { now, messageId });
    await deps.alerts.recordSuccess(recipient.healthId, now);
    return { ...base, status: 'sent', messageId };
  } catch (error) {
    if (claimId) await deps.alerts.release(recipient.id, spike.id, claimId).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await deps.alerts.recordFailure(recipient.healthId, message, now).catch(() => undefined);
    return { ...base, status: 'failed', error: message };
  }
}

function webhookRecipient(target: AlertTarget, deps: RunAlertsDeps): Recipient {
  return {
    id: `target:${target.id}`,
    healthId: target.id,
    wants: (spike) => targetWants(target, spike),
    async deliver(spike, labels, now) {
      const { status } = await deps.poster.post(target.id, webhookRequest(target, spike, labels, now));
      return `${target.kind} ${status}`;
    },
  };
}

async function mailRecipients(deps: RunAlertsDeps): Promise<Recipient[]> {
  const mailer = deps.mailer;
  if (!mailer) return [];
  const themeIds = deps.catalog.themes.map((t) => t.id);
  const optedIn = (await deps.subscribers.list()).filter((s) => s.status === 'active' && s.alerts === true);
  return optedIn.map((subscriber: Subscriber): Recipient => ({
    id: `mail:${subscriber.email}`,
    healthId: MAIL_TARGET,
    wants: (spike) =>
      subscribedThemes(subscriber, themeIds).includes(spike.theme) &&
      (subscriber.regions.length === 0 ? true : spike.region !== undefined && subscriber.regions.includes(spike.region)),
    async deliver(spike, labels, now) {
      const localized: SpikeLabels = subscriber.lang === 'es' ? labels : { ...labels, themes: Object.fromEntries(deps.catalog.themes.map((t) => [t.id, t.label[subscriber.lang]])) };
      const sent = await mailer.send(composeAlertMail({ spike, labels: localized, to: subscriber.email, from: deps.from, lang: subscriber.lang, now, unsubscribe: deps.unsubscribe }));
      return sent.id;
    },
  }));
}
