/**
 * The `send-digests` job, run every hour (EventBridge Scheduler in AWS, the CLI locally):
 *  1. find who is due: daily subscribers whose Lima hour has come today, weekly
 *     ones of today's Lima weekday (two Queries on the schedule entries, never a Scan)
 *  2. for each, at most a few at a time:
 *     a. claim (subscriber, period) with a conditional write; skip if already sent or held by another run
 *     b. read and build the digest; an empty one is marked done without mail unless the subscriber wants it
 *     c. compose the MIME message and hand it to the mailer (SES, SMTP or outbox)
 *     d. mark the period sent
 *  3. a failure releases the claim and is reported; the others carry on, and the
 *     next hourly run retries it (the subscriber is still due until marked sent)
 * If the process dies between c and d, the claim stays until its lease runs out,
 * then a later run sends again: at least once in that narrow window (docs/digests.md, "Exactly once, and what happens when the process dies").
 */
import { randomUUID } from 'node:crypto';
import type { Subscriber, Weekday } from '../subscribers/subscriber.ts';
import type { SentRecordStore, SubscriberStore } from '../subscribers/subscriber-store.ts';
import { composeDigestMail, type UnsubscribeSettings } from './digest-mail.ts';
import { createDigestReader, type DigestArticles, type DigestCatalog, type DigestReader } from './load-digest.ts';
import type { Mailer } from '../mail/mailer.ts';
import { limaClock, periodBefore, type Period } from './period.ts';
import { describeMoreCommand } from './more-command.ts';
import { mapLimited } from '../concurrency/map-limited.ts';

export interface SendDigestsDeps {
  subscribers: Pick<SubscriberStore, 'listDue'>;
  sentRecords: SentRecordStore;
  articles: DigestArticles;
  mailer: Mailer;
  catalog: DigestCatalog;
  /** The From address, e.g. "Centinela <digest@example.org>" (a verified SES identity in AWS). */
  from: string;
  unsubscribe: UnsubscribeSettings;
  /** How long a claim blocks other runs; longer than a run can last (Lambda's limit is 15 min). */
  claimLeaseMs?: number;
  /** Digests built and sent at the same time. */
  concurrency?: number;
  newClaimId?: () => string;
}

export interface DigestJob {
  subscriber: Subscriber;
  period: Period;
}

export type DigestOutcome =
  | { email: string; period: string; status: 'sent'; messageId: string; files?: string[] }
  | { email: string; period: string; status: 'already-sent' | 'empty' | 'inactive' }
  | { email: string; period: string; status: 'failed'; error: string };

export interface SendDigestsReport {
  outcomes: DigestOutcome[];
  sent: number;
  failed: number;
  skipped: number;
}

export const DEFAULT_CLAIM_LEASE_MS = 20 * 60_000;

/** The scheduled job: everyone due at `now` gets the digest of their last complete period, once. */
export async function sendDueDigests(deps: SendDigestsDeps, now: Date): Promise<SendDigestsReport> {
  const clock = limaClock(now);
  const daily = periodBefore('daily', now);
  const weekly = periodBefore('weekly', now);
  const [dailyDue, weeklyDue] = await Promise.all([
    deps.subscribers.listDue({ cadence: 'daily', upToHour: clock.hour, period: daily.key }),
    deps.subscribers.listDue({ cadence: 'weekly', weekday: clock.weekday as Weekday, upToHour: clock.hour, period: weekly.key }),
  ]);
  return sendDigests(deps, [...dailyDue.map((s) => ({ subscriber: s, period: daily })), ...weeklyDue.map((s) => ({ subscriber: s, period: weekly }))], now);
}

/** Sends each job's digest exactly once per (subscriber, period); the CLI's `digest --send` calls this directly. */
export async function sendDigests(deps: SendDigestsDeps, jobs: DigestJob[], now: Date): Promise<SendDigestsReport> {
  const reader = createDigestReader(deps.articles, deps.catalog);
  const outcomes = await mapLimited(jobs, deps.concurrency ?? 4, (job) => sendOne(deps, reader, job, now));
  const count = (...statuses: DigestOutcome['status'][]) => outcomes.filter((o) => statuses.includes(o.status)).length;
  return { outcomes, sent: count('sent'), failed: count('failed'), skipped: count('already-sent', 'empty', 'inactive') };
}

async function sendOne(deps: SendDigestsDeps, reader: DigestReader, { subscriber, period }: DigestJob, now: Date): Promise<DigestOutcome> {
  const { email } = subscriber;
  const base = { email, period: period.key };
  if (subscriber.status !== 'active') return { ...base, status: 'inactive' };
  let claimId: string | undefined;
  try {
    claimId = await deps.sentRecords.claim(email, period.key, {
      now,
      leaseMs: deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS,
      claimId: deps.newClaimId?.() ?? randomUUID(),
    });
    if (!claimId) return { ...base, status: 'already-sent' };
    const digest = await reader.read(subscriber, period);
    if (digest.totalStories === 0 && !digest.region && !subscriber.sendEmpty) {
      await deps.sentRecords.markSent(subscriber, period.key, claimId, { now, messageId: 'none: empty digest' });
      return { ...base, status: 'empty' };
    }
    const mail = await composeDigestMail({
      digest,
      to: email,
      from: deps.from,
      now,
      unsubscribe: deps.unsubscribe,
      moreCommand: (theme) => describeMoreCommand({ email, period, theme }),
    });
    const sent = await deps.mailer.send(mail);
    const marked = claimId;
    claimId = undefined; // sent: from here on, never release the claim (that would invite a second send)
    await deps.sentRecords.markSent(subscriber, period.key, marked, { now, messageId: sent.id });
    return { ...base, status: 'sent', messageId: sent.id, files: sent.files };
  } catch (error) {
    if (claimId) await deps.sentRecords.release(email, period.key, claimId).catch(() => undefined);
    return { ...base, status: 'failed', error: `digest: ${email} ${period.key}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
