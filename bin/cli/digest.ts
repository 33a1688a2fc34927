/**
 * `centinela digest`: preview (default) or send digests; `centinela unsubscribe-server`:
 * the local unsubscribe endpoint the links in local digests point to.
 * The digest builder, the mailers and the tagger are imported when a command runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parsePort } from './port-option.ts';
import type { UnsubscribeSettings } from '../../lambdas/digest/digest-mail.ts';
import type { Mailer } from '../../lambdas/mail/mailer.ts';
import type { Period } from '../../lambdas/digest/period.ts';
import { DEFAULT_PREFERENCES, type Cadence, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { DEFAULT_UNSUBSCRIBE_PORT, serveUnsubscribe } from '../local/unsubscribe-server.ts';
import { formatTable } from './output.ts';
import { addStoreOptions, DEFAULT_DATA_DIR, withStore, type StoreOptions } from './store-options.ts';
import { checkTimeBound, parseLimaDay } from './time-bound.ts';
import { UsageError } from './usage-error.ts';
import { smtpUrlProblem, unsubscribeUrlProblem } from '../../lambdas/mail/mail-settings.ts';

interface DigestFlags extends StoreOptions {
  subscriber?: string;
  period?: Cadence;
  since?: string;
  send?: boolean;
  theme?: string;
  all?: boolean;
  outbox: string;
  unsubscribeUrl?: string;
}

export const DEFAULT_FROM = 'Centinela <digest@centinela.invalid>';

const MAIL_SETTINGS_HELP = `
Local mail settings (environment variables; docs/digests.md, "Local mail settings"):
  CENTINELA_FROM             the From address (default: ${DEFAULT_FROM}, a placeholder no server delivers from)
  CENTINELA_UNSUBSCRIBE_URL  the unsubscribe endpoint in the links (default: http://127.0.0.1:${DEFAULT_UNSUBSCRIBE_PORT}/unsubscribe,
                             served by \`npx centinela unsubscribe-server\`; readers elsewhere can't reach it); --unsubscribe-url wins
  SMTP_URL                   send --send mail through this SMTP server, e.g. smtp://user:pass@smtp.example.org:587
                             (default: write .eml/.html files to the outbox)
  CENTINELA_UNSUBSCRIBE_KEY  the key that signs unsubscribe links (default: a random key kept in .centinela/unsubscribe.key)
  CENTINELA_SES_CONFIGURATION_SET  with --aws: the SES configuration set that routes bounces and complaints

Each is checked before anything runs, and a bad one is refused (exit 2): CENTINELA_FROM must be
one address ("Name <you@your-domain>", no line breaks), the unsubscribe URL http:// or https://,
SMTP_URL smtp:// or smtps:// with a host. Before real mail goes out (SMTP or SES) from the
placeholder sender or with 127.0.0.1 unsubscribe links, the command prints a warning.

--send sends each subscriber their own digest (their themes, regions, countries) of the period
their schedule sends: yesterday for daily, the week before their latest weekday for weekly
(docs/digests.md, "Preview and send"). It refuses --theme and --all, which shape previews only.

Examples:
  npx centinela digest --since 30d --subscriber ana@example.pe
  CENTINELA_FROM="Centinela <alertas@example.org>" CENTINELA_UNSUBSCRIBE_URL=https://example.org/unsubscribe \\
    SMTP_URL=smtp://user:pass@smtp.example.org:587 npx centinela digest --send`;

export function registerDigestCommands(program: Command): void {
  addStoreOptions(
    program
      .command('digest')
      .description('Preview each subscriber\'s latest scheduled digest as .html/.eml files in the outbox (default), or send it with --send (exactly once per subscriber and period).')
      .option('--subscriber <email>', 'only this subscriber (default: every active one)')
      .option('--period <cadence>', 'daily or weekly (default: each subscriber\'s own); with --send, only the subscribers of that cadence', parseCadence)
      .option('--since <when>', 'first Lima day of the period: a day (2026-11-20), 30d, 2w, 24h or an instant, as for `query` (default: the period of each subscriber\'s latest scheduled digest)', checkTimeBound('since'))
      .option('--send', 'send each subscriber\'s own digest of that period, as the schedule would: SES with --aws, SMTP when $SMTP_URL is set, otherwise the outbox; sent periods are never sent again')
      .option('--theme <id>', 'preview only this theme (previews only: --send refuses it)')
      .option('--all', 'preview every story, with no cap and no size limit (previews only: --send refuses it)')
      .option('--outbox <dir>', 'folder for previews and for local sending', 'outbox')
      .option('--unsubscribe-url <url>', 'unsubscribe endpoint in the links, an http(s) URL (default: $CENTINELA_UNSUBSCRIBE_URL or the local server)', parseUnsubscribeUrl)
      .addHelpText('after', MAIL_SETTINGS_HELP),
  ).action(runDigest);

  addStoreOptions(
    program
      .command('unsubscribe-server')
      .description('Serve the unsubscribe links of local digests on 127.0.0.1 (GET shows a confirmation, POST unsubscribes).')
      .option('--port <port>', 'port (0 picks a free one)', parsePort, DEFAULT_UNSUBSCRIBE_PORT),
  ).action(async (flags: StoreOptions & { port: number }) => {
    await withStore(flags, async (store) => {
      const server = await serveUnsubscribe({ subscribers: store.subscribers, signingKey: await signingKey(), port: flags.port });
      console.log(`Unsubscribe endpoint at ${server.url} — Ctrl-C to stop.`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await server.close();
    });
  });
}

async function runDigest(flags: DigestFlags): Promise<void> {
  const [{ composeDigestMail, HTML_BUDGET_BYTES }, { createDigestReader }, { describeMoreCommand }, { createOutboxMailer }, { periodStarting, scheduledPeriod }, { sendDigests }, { loadTagger }] =
    await Promise.all([
      import('../../lambdas/digest/digest-mail.ts'),
      import('../../lambdas/digest/load-digest.ts'),
      import('../../lambdas/digest/more-command.ts'),
      import('../../lambdas/mail/outbox-mailer.ts'),
      import('../../lambdas/digest/period.ts'),
      import('../../lambdas/digest/send-digests.ts'),
      import('../../lambdas/tagging/tagger.ts'),
    ]);
  const cadence = flags.period;
  if (flags.send) refusePreviewOnlyOptions(flags);
  const tagger = loadTagger();
  if (flags.theme && !tagger.themes.some((t) => t.id === flags.theme)) {
    throw new UsageError(`digest: --theme "${flags.theme}" is not a theme. Valid themes: ${tagger.themes.map((t) => t.id).join(', ')}.`);
  }
  const now = new Date();
  const settings = await localMailSettings({ unsubscribeUrl: flags.unsubscribeUrl, smtp: flags.send === true && !flags.aws });
  const from = settings.from;
  const firstDay = flags.since === undefined ? undefined : parseLimaDay(flags.since, 'since', now);
  const unsubscribe: UnsubscribeSettings = { baseUrl: settings.unsubscribeBaseUrl, signingKey: await signingKey() };
  // The period the schedule sends (or sent) each subscriber, so a preview shows what --send sends and --send mails no day twice.
  const periodFor = (s: Pick<Subscriber, 'cadence' | 'weekday'>): Period => {
    const c = cadence ?? s.cadence;
    return firstDay ? periodStarting(c, firstDay) : scheduledPeriod({ cadence: c, weekday: s.weekday }, now);
  };
  await withStore(flags, async (store) => {
    const chosen = await chooseSubscribers(store.subscribers, flags.subscriber, cadence, flags.send === true);
    if (flags.send) {
      const jobs = await scheduledJobs(chosen, periodFor, now);
      const mailer = await sendingMailer(flags);
      const warning = placeholderWarning(flags, from, unsubscribe.baseUrl);
      if (warning && jobs.length > 0) process.stderr.write(warning);
      try {
        const report = await sendDigests(
          { subscribers: store.subscribers, sentRecords: store.sentRecords, articles: store.articles, mailer, catalog: tagger, from, unsubscribe },
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
        digest, to: subscriber.email, from, now, unsubscribe,
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
    const { validateEmail } = await import('../../lambdas/subscribers/validate-subscriber.ts');
    const address = validateEmail(email, { lookup: true });
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

/**
 * `--send` sends each subscriber's own digest (their themes, regions and
 * countries, every story up to the size budget), so the options that only
 * shape a preview are refused, by name, rather than silently ignored.
 */
export function refusePreviewOnlyOptions(flags: Pick<DigestFlags, 'theme' | 'all'>): void {
  const ignored = [flags.theme !== undefined ? '--theme' : undefined, flags.all ? '--all' : undefined].filter((o) => o !== undefined);
  if (ignored.length === 0) return;
  throw new UsageError(
    `digest --send: ${ignored.join(' and ')} only ${ignored.length === 1 ? 'shapes' : 'shape'} a preview; --send sends each subscriber's own digest ` +
      `(their themes, regions and countries). Drop ${ignored.join(' and ')} to send, or preview without --send; ` +
      'to change what a subscriber gets, use `centinela subscribers update EMAIL --themes …`.',
  );
}

/**
 * The (subscriber, period) pairs `digest --send` sends: each subscriber's
 * period as `periodFor` gives it (the scheduled one, or the one --since starts),
 * checked to be one the schedule sends that subscriber (lambdas/digest/period.ts,
 * unscheduledPeriodProblem), so a by-hand send never covers days another period
 * covers too. Throws one UsageError naming every subscriber whose period is not.
 */
export async function scheduledJobs(
  chosen: Subscriber[],
  periodFor: (s: Subscriber) => Period,
  now: Date,
): Promise<{ subscriber: Subscriber; period: Period }[]> {
  const { unscheduledPeriodProblem } = await import('../../lambdas/digest/period.ts');
  const jobs = chosen.map((subscriber) => ({ subscriber, period: periodFor(subscriber) }));
  const problems = jobs.flatMap(({ subscriber, period }) => {
    const problem = unscheduledPeriodProblem(subscriber, period, now);
    return problem ? [`  ${subscriber.email} (${period.key}): ${problem}`] : [];
  });
  if (problems.length > 0) {
    throw new UsageError(
      `digest --send: ${problems.length === 1 ? 'one period is' : `${problems.length} periods are`} not one the schedule sends, so days would be mailed twice or never:\n` +
        `${problems.join('\n')}\nPick another --since or --period (or --subscriber to send to fewer), or leave them out to send each subscriber's latest scheduled period. Nothing was sent.`,
    );
  }
  return jobs;
}

function sample(email: string, cadence: Cadence | undefined): Subscriber {
  const now = new Date().toISOString();
  return { ...DEFAULT_PREFERENCES, cadence: cadence ?? 'daily', email, status: 'active', createdAt: now, updatedAt: now };
}

/** The mailer for real sending: SES with --aws, SMTP when $SMTP_URL is set, else the outbox folder (each imported only when chosen). */
export async function sendingMailer(flags: Pick<DigestFlags, 'aws' | 'outbox'>, prefix = 'digest'): Promise<Mailer> {
  if (flags.aws) {
    const [{ SESv2Client }, { createSesMailer }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('../../lambdas/mail/ses-mailer.ts')]);
    return createSesMailer(new SESv2Client({}), { configurationSetName: process.env.CENTINELA_SES_CONFIGURATION_SET });
  }
  if (process.env.SMTP_URL) {
    const problem = smtpUrlProblem(process.env.SMTP_URL);
    if (problem) throw new UsageError(`${smtpSettingMessage(problem)} Nothing was sent.`);
    const { createSmtpMailer } = await import('../../lambdas/mail/smtp-mailer.ts');
    return createSmtpMailer(process.env.SMTP_URL);
  }
  const { createOutboxMailer } = await import('../../lambdas/mail/outbox-mailer.ts');
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

/** The local mail settings as checked: the From address and the unsubscribe endpoint the links point at. */
export interface LocalMailSettings {
  from: string;
  unsubscribeBaseUrl: string;
}

/**
 * The From address ($CENTINELA_FROM, else DEFAULT_FROM) and unsubscribe endpoint
 * (`unsubscribeUrl` from --unsubscribe-url, else $CENTINELA_UNSUBSCRIBE_URL, else
 * the local unsubscribe server) for `digest`, `serve` and `alerts`, checked
 * before anything runs; with `smtp`, $SMTP_URL too when set. Throws one
 * UsageError (exit 2) naming every bad setting, what is wrong and what a good
 * value looks like (lambdas/mail/mail-settings.ts); $SMTP_URL is never echoed.
 */
export async function localMailSettings(
  options: { unsubscribeUrl?: string; smtp?: boolean } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalMailSettings> {
  const { senderProblem } = await import('../../lambdas/mail/sender-address.ts');
  const from = env.CENTINELA_FROM ?? DEFAULT_FROM;
  const unsubscribeBaseUrl = options.unsubscribeUrl ?? env.CENTINELA_UNSUBSCRIBE_URL ?? `http://127.0.0.1:${DEFAULT_UNSUBSCRIBE_PORT}/unsubscribe`;
  const problems: string[] = [];
  const fromProblem = senderProblem(from);
  if (fromProblem) problems.push(`CENTINELA_FROM: ${fromProblem}`);
  const urlProblem = unsubscribeUrlProblem(unsubscribeBaseUrl);
  if (urlProblem) problems.push(`${options.unsubscribeUrl === undefined ? 'CENTINELA_UNSUBSCRIBE_URL' : '--unsubscribe-url'}: ${urlProblem}`);
  const smtpProblem = options.smtp && env.SMTP_URL ? smtpUrlProblem(env.SMTP_URL) : undefined;
  if (smtpProblem) problems.push(smtpSettingMessage(smtpProblem));
  if (problems.length === 1) throw new UsageError(`${problems[0]} Nothing was sent.`);
  if (problems.length > 1) throw new UsageError(`${problems.length} mail settings are not valid:\n${problems.map((p) => `  ${p}`).join('\n')}\nFix them and run the command again; nothing was sent.`);
  return { from, unsubscribeBaseUrl };
}

function smtpSettingMessage(problem: string): string {
  return `SMTP_URL: the value ${problem} Or unset SMTP_URL to write messages to the outbox folder instead.`;
}

function parseUnsubscribeUrl(value: string): string {
  const problem = unsubscribeUrlProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

function parseCadence(value: string): Cadence {
  if (value === 'daily' || value === 'weekly') return value;
  throw new InvalidArgumentError(`--period must be daily or weekly, not "${value}".`);
}

/**
 * A warning (or undefined) before real mail (SMTP, or SES with --aws) goes out
 * with settings meant for previews: the placeholder sender, which no server
 * delivers from, or unsubscribe links to 127.0.0.1, which readers can't open.
 */
export function placeholderWarning(
  flags: Pick<DigestFlags, 'aws'>,
  from: string,
  unsubscribeBaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const via = flags.aws ? 'SES' : env.SMTP_URL ? 'SMTP' : undefined;
  if (!via) return undefined;
  const problems: string[] = [];
  if (from.includes('@centinela.invalid')) {
    problems.push(`the sender is the placeholder ${from}; set CENTINELA_FROM="Name <you@your-domain>"`);
  }
  const host = URL.canParse(unsubscribeBaseUrl) ? new URL(unsubscribeBaseUrl).hostname : '';
  if (['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    problems.push(`unsubscribe links point at ${unsubscribeBaseUrl}, which only this machine can open; set CENTINELA_UNSUBSCRIBE_URL (or --unsubscribe-url) to a public endpoint`);
  }
  if (problems.length === 0) return undefined;
  return `centinela: warning: sending real mail through ${via} with preview settings:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`;
}
