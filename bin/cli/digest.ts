/**
 * `centinela digest`: preview (default) or send digests; `centinela unsubscribe-server`:
 * the local unsubscribe endpoint the links in local digests point to.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Command } from 'commander';
import { composeDigestMail, HTML_BUDGET_BYTES, type UnsubscribeSettings } from '../../lambdas/digest/digest-mail.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import type { Mailer } from '../../lambdas/mail/mailer.ts';
import { describeMoreCommand } from '../../lambdas/digest/more-command.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { periodBefore, periodStarting, type Period } from '../../lambdas/digest/period.ts';
import { sendDigests } from '../../lambdas/digest/send-digests.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { createSmtpMailer } from '../../lambdas/mail/smtp-mailer.ts';
import { DEFAULT_PREFERENCES, type Cadence, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { validateEmail } from '../../lambdas/subscribers/validate-subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { DEFAULT_UNSUBSCRIBE_PORT, serveUnsubscribe } from '../local/unsubscribe-server.ts';
import { formatTable } from './output.ts';
import { addStoreOptions, DEFAULT_DATA_DIR, withStore, type StoreOptions } from './store-options.ts';

interface DigestFlags extends StoreOptions {
  subscriber?: string;
  period?: string;
  since?: string;
  send?: boolean;
  theme?: string;
  all?: boolean;
  outbox: string;
  unsubscribeUrl?: string;
}

export const DEFAULT_FROM = 'Centinela <digest@centinela.invalid>';

export function registerDigestCommands(program: Command): void {
  addStoreOptions(
    program
      .command('digest')
      .description('Preview digests as .html/.eml files in the outbox (default), or send them with --send (exactly once per subscriber and period).')
      .option('--subscriber <email>', 'only this subscriber (default: every active one)')
      .option('--period <cadence>', 'daily or weekly (default: each subscriber\'s own)')
      .option('--since <day>', 'first Lima day of the period, YYYY-MM-DD (default: the last complete period)')
      .option('--send', 'send for real: SES with --aws, SMTP when $SMTP_URL is set, otherwise the outbox; sent periods are never sent again')
      .option('--theme <id>', 'preview only this theme')
      .option('--all', 'preview every story, with no cap and no size limit')
      .option('--outbox <dir>', 'folder for previews and for local sending', 'outbox')
      .option('--unsubscribe-url <url>', 'unsubscribe endpoint in the links (default: $CENTINELA_UNSUBSCRIBE_URL or the local server)'),
  ).action(runDigest);

  addStoreOptions(
    program
      .command('unsubscribe-server')
      .description('Serve the unsubscribe links of local digests on 127.0.0.1 (GET shows a confirmation, POST unsubscribes).')
      .option('--port <port>', 'port', String(DEFAULT_UNSUBSCRIBE_PORT)),
  ).action(async (flags: StoreOptions & { port: string }) => {
    await withStore(flags, async (store) => {
      const server = await serveUnsubscribe({ subscribers: store.subscribers, signingKey: await signingKey(), port: Number(flags.port) });
      console.log(`Unsubscribe endpoint at ${server.url} — Ctrl-C to stop.`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await server.close();
    });
  });
}

async function runDigest(flags: DigestFlags): Promise<void> {
  const cadence = flags.period === undefined ? undefined : parseCadence(flags.period);
  const tagger = loadTagger();
  if (flags.theme && !tagger.themes.some((t) => t.id === flags.theme)) {
    throw new Error(`digest: unknown theme "${flags.theme}". Valid themes: ${tagger.themes.map((t) => t.id).join(', ')}.`);
  }
  const now = new Date();
  const unsubscribe: UnsubscribeSettings = {
    baseUrl: flags.unsubscribeUrl ?? process.env.CENTINELA_UNSUBSCRIBE_URL ?? `http://127.0.0.1:${DEFAULT_UNSUBSCRIBE_PORT}/unsubscribe`,
    signingKey: await signingKey(),
  };
  const periodFor = (s: Pick<Subscriber, 'cadence'>): Period => {
    const c = cadence ?? s.cadence;
    return flags.since ? periodStarting(c, parseDay(flags.since)) : periodBefore(c, now);
  };
  await withStore(flags, async (store) => {
    const chosen = await chooseSubscribers(store.subscribers, flags.subscriber, cadence, flags.send === true);
    if (flags.send) {
      const jobs = chosen.map((subscriber) => ({ subscriber, period: periodFor(subscriber) }));
      const mailer = sendingMailer(flags);
      try {
        const report = await sendDigests(
          { subscribers: store.subscribers, sentRecords: store.sentRecords, articles: store.articles, mailer, catalog: tagger, from: process.env.CENTINELA_FROM ?? DEFAULT_FROM, unsubscribe },
          jobs,
          now,
        );
        console.log(formatTable(['email', 'period', 'status', 'detail'], report.outcomes.map((o) => [
          o.email, o.period, o.status, 'messageId' in o ? o.messageId : 'error' in o ? o.error : '',
        ])));
        console.log(`\nSent ${report.sent}, skipped ${report.skipped}, failed ${report.failed}.`);
        if (report.failed > 0) process.exitCode = 1;
      } finally {
        (mailer as Partial<{ close(): void }>).close?.();
      }
      return;
    }
    const reader = createDigestReader(store.articles, tagger);
    const outbox = createOutboxMailer(path.resolve(flags.outbox), stamp('preview'));
    for (const subscriber of chosen) {
      const period = periodFor(subscriber);
      const digest = await reader.read(subscriber, period, { themes: flags.theme ? [flags.theme] : undefined });
      const mail = await composeDigestMail({
        digest, to: subscriber.email, from: DEFAULT_FROM, now, unsubscribe,
        ...(flags.all ? { maxStoriesPerTheme: Number.MAX_SAFE_INTEGER, htmlBudgetBytes: Number.POSITIVE_INFINITY } : {}),
        moreCommand: (theme) => describeMoreCommand({ email: subscriber.email, period, theme }),
      });
      const written = await outbox.send(mail);
      console.log(`${subscriber.email} · ${period.key} · ${mail.subject}`);
      console.log(`  HTML part as sent: ${mail.encodedHtmlBytes.toLocaleString('en-US')} bytes (budget ${HTML_BUDGET_BYTES.toLocaleString('en-US')})` +
        (mail.hiddenStories ? `; ${mail.hiddenStories} stories left out (each section says how to see them)` : ''));
      for (const file of written.files ?? [written.id]) console.log(`  ${path.relative(process.cwd(), file)}`);
    }
    console.log('\nPreview only: nothing was sent. Add --send to send (exactly once per subscriber and period).');
  });
}

async function chooseSubscribers(
  store: { get(email: string): Promise<Subscriber | undefined>; list(): Promise<Subscriber[]> },
  email: string | undefined,
  cadence: Cadence | undefined,
  sending: boolean,
): Promise<Subscriber[]> {
  if (email) {
    const address = validateEmail(email);
    const found = await store.get(address);
    if (found) return [found];
    if (sending) throw new Error(`digest: ${address} is not subscribed; add it with \`centinela subscribers add ${address}\`.`);
    console.log(`(${address} is not subscribed: previewing the default settings, all themes)`);
    return [sample(address, cadence)];
  }
  const active = (await store.list()).filter((s) => s.status === 'active' && (!sending || !cadence || s.cadence === cadence));
  if (active.length > 0 || sending) return active;
  console.log('(no subscribers yet: previewing the default settings, all themes)');
  return [sample('preview@centinela.invalid', cadence)];
}

function sample(email: string, cadence: Cadence | undefined): Subscriber {
  const now = new Date().toISOString();
  return { ...DEFAULT_PREFERENCES, cadence: cadence ?? 'daily', email, status: 'active', createdAt: now, updatedAt: now };
}

export function sendingMailer(flags: Pick<DigestFlags, 'aws' | 'outbox'>, prefix = 'digest'): Mailer {
  if (flags.aws) return createSesMailer(new SESv2Client({}), { configurationSetName: process.env.CENTINELA_SES_CONFIGURATION_SET });
  if (process.env.SMTP_URL) return createSmtpMailer(process.env.SMTP_URL);
  return createOutboxMailer(path.resolve(flags.outbox), stamp(prefix));
}

export function stamp(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}-${n++}`;
}

/** The unsubscribe signing key: $CENTINELA_UNSUBSCRIBE_KEY, else .centinela/unsubscribe.key (created on first use). */
export async function signingKey(): Promise<string> {
  if (process.env.CENTINELA_UNSUBSCRIBE_KEY) return process.env.CENTINELA_UNSUBSCRIBE_KEY;
  const file = path.join(path.dirname(DEFAULT_DATA_DIR), 'unsubscribe.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = randomBytes(32).toString('base64url');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}

function parseCadence(value: string): Cadence {
  if (value === 'daily' || value === 'weekly') return value;
  throw new Error(`digest: --period must be daily or weekly, not "${value}".`);
}

function parseDay(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
  throw new Error(`digest: --since must be a Lima day like 2026-11-20, not "${value}".`);
}
