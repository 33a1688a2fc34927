/**
 * `centinela subscribers add|list|update|remove`: local by default, --aws for the deployed table.
 * The validator and the tagger (for the valid themes and regions) are imported when a command runs.
 */
import type { Command } from 'commander';
import { PERU } from '../../lambdas/model/country.ts';
import { SubscriberValidationError, type SettingProblem } from '../../lambdas/subscribers/errors.ts';
import { DEFAULT_PREFERENCES, WEEKDAYS, type SubscriberPreferences, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import type { PreferencesInput, SubscriptionChoices } from '../../lambdas/subscribers/validate-subscriber.ts';
import { formatTable } from './output.ts';
import { countryOptionParser } from './query.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';
import { UsageError } from './usage-error.ts';

interface PreferenceFlags {
  themes?: string;
  regions?: string;
  countries?: string[];
  cadence?: string;
  hour?: string;
  weekday?: string;
  lang?: string;
  minScore?: string;
  sendEmpty?: boolean;
  alerts?: boolean;
}

export function registerSubscribersCommand(program: Command): void {
  const subscribers = program.command('subscribers').description('Manage who receives digests, and what they receive.');

  addStoreOptions(withPreferenceFlags(subscribers.command('add <email>').description('Subscribe an address (defaults: all themes, Peru only, daily at 07:00 Lima, Spanish).')))
    .action(async (email: string, flags: PreferenceFlags & StoreOptions) => {
      const { address, settings } = await validateArguments('add', email, flags);
      const preferences = { ...DEFAULT_PREFERENCES, ...settings };
      await withStore(flags, async (store) => {
        const existing = await store.subscribers.get(address);
        if (existing) throw new Error(`subscribers: ${address} is already subscribed; change it with \`centinela subscribers update ${address} …\`.`);
        const now = new Date().toISOString();
        await store.subscribers.put({ ...preferences, email: address, status: 'active', createdAt: now, updatedAt: now });
        console.log(`Subscribed ${address}: ${describe({ ...preferences, email: address } as Subscriber)}`);
      });
    });

  addStoreOptions(subscribers.command('list').description('List subscribers and their settings.').option('--json', 'print JSON'))
    .action(async (flags: StoreOptions & { json?: boolean }) => {
      await withStore(flags, async (store) => {
        const all = await store.subscribers.list();
        if (flags.json) return void console.log(JSON.stringify(all, null, 2));
        if (all.length === 0) return void console.log('No subscribers yet. Add one with `centinela subscribers add EMAIL`.');
        console.log(formatTable(['email', 'status', 'digest', 'lang', 'themes', 'regions', 'countries', 'min score'], all.map((s) => [
          s.email, s.status, schedule(s), s.lang, s.themes === 'all' ? 'all' : s.themes.join(','), s.regions.join(',') || 'any', s.countries.join(','), String(s.minScore),
        ])));
      });
    });

  addStoreOptions(
    withPreferenceFlags(subscribers.command('update <email>').description('Change some settings of a subscriber.'))
      .option('--no-send-empty', 'skip digests with no articles')
      .option('--no-alerts', 'stop mailing spike alerts')
      .option('--resubscribe', 'make an unsubscribed or suppressed address active again'),
  ).action(async (email: string, flags: PreferenceFlags & StoreOptions & { resubscribe?: boolean }) => {
    const { address, settings: changes } = await validateArguments('update', email, flags);
    if (Object.values(changes).every((value) => value === undefined) && !flags.resubscribe) {
      throw new UsageError(
        `subscribers update: nothing to change for ${address}; give at least one of --themes, --regions, --countries, --cadence, --hour, --weekday, --lang, --min-score, --[no-]send-empty, --[no-]alerts or --resubscribe. See \`npx centinela subscribers update --help\`.`,
      );
    }
    await withStore(flags, async (store) => {
      const existing = await store.subscribers.get(address);
      if (!existing) throw new Error(`subscribers: ${address} is not subscribed; add it with \`centinela subscribers add ${address}\`.`);
      const updated: Subscriber = { ...existing, ...changes, updatedAt: new Date().toISOString() };
      if (flags.resubscribe) Object.assign(updated, { status: 'active', statusReason: 'resubscribed by an operator' });
      await store.subscribers.put(updated);
      console.log(`Updated ${address}: ${describe(updated)}`);
      if (flags.resubscribe) console.log(resubscribedLine(address, existing));
    });
  });

  addStoreOptions(subscribers.command('remove <email>').description('Delete a subscriber (sent records expire by themselves).'))
    .action(async (email: string, flags: StoreOptions) => {
      const { address } = await validateArguments('remove', email, {});
      await withStore(flags, async (store) => {
        if (!(await store.subscribers.remove(address))) throw new Error(`subscribers: ${address} is not subscribed.`);
        console.log(`Removed ${address}.`);
      });
    });
}

/** The command-line flag of each setting, for messages. */
const FLAG_OF: Record<string, string> = {
  email: '<email>', themes: '--themes', regions: '--regions', cadence: '--cadence', hour: '--hour',
  weekday: '--weekday', lang: '--lang', minScore: '--min-score', countries: '--countries',
};

/**
 * The address and settings of a `subscribers` command, every problem at once:
 * a UsageError (exit 2) lists each bad argument with what it accepts.
 */
async function validateArguments(
  command: 'add' | 'update' | 'remove',
  email: string,
  flags: PreferenceFlags,
): Promise<{ address: string; settings: Partial<SubscriberPreferences> }> {
  const { validateEmail, validatePreferences } = await import('../../lambdas/subscribers/validate-subscriber.ts');
  const choices = command === 'remove' ? undefined : await subscriptionChoices();
  const problems: SettingProblem[] = [];
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof SubscriberValidationError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  // Only `add` subscribes a new address; update and remove find one already stored (which may predate the domain check).
  const address = attempt(() => validateEmail(email, { lookup: command !== 'add' }));
  const settings = choices === undefined ? {} : attempt(() => validatePreferences(toInput(flags), choices));
  if (address === undefined || settings === undefined) {
    const lines = problems.map((p) => `  ${FLAG_OF[p.field] ?? p.field}: ${p.message.replace(/^subscribers: /, '')}`);
    const fixes = problems.some((p) => p.field === 'email') ? ' Write the address like ana@example.org.' : '';
    throw new UsageError(
      `subscribers ${command}: ${problems.length === 1 ? 'one argument is' : `${problems.length} arguments are`} not valid:\n${lines.join('\n')}\n` +
        `Fix ${problems.length === 1 ? 'it' : 'them'} and run the command again.${fixes} See \`npx centinela subscribers ${command} --help\`.`,
    );
  }
  return { address, settings };
}

/** What `update --resubscribe` changed: the address will receive digests again, or already did. */
function resubscribedLine(address: string, before: Subscriber): string {
  if (before.status === 'active') return `${address} was already active; it keeps receiving digests.`;
  return `${address} is active again (it was ${before.status}${before.statusReason ? `: ${before.statusReason}` : ''}); it receives digests from its next period.`;
}

function withPreferenceFlags(command: Command): Command {
  return command
    .option('--themes <ids>', 'comma-separated theme ids, or "all"')
    .option('--regions <ids>', 'comma-separated region ids, or "all" (default: every region)')
    .option(
      '--countries <codes>',
      'comma-separated ISO 3166-1 alpha-2 codes (default: PE, Peru only); other countries\' stories come in a short "In the region" section',
      countryOptionParser('--countries'),
    )
    .option('--cadence <cadence>', 'daily or weekly')
    .option('--hour <hour>', 'hour to send, 0–23, Lima time')
    .option('--weekday <day>', `weekday of a weekly digest: ${WEEKDAYS.join(', ')}`)
    .option('--lang <lang>', 'language of the email: es or en')
    .option('--min-score <n>', 'leave out articles scoring below this on a theme')
    .option('--send-empty', 'send a digest even when no article matched')
    .option('--alerts', 'also mail spike alerts between digests (same themes and regions; see docs/digests.md)');
}

function toInput(flags: PreferenceFlags): PreferencesInput {
  const list = (value?: string) => (value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));
  return {
    themes: list(flags.themes),
    regions: flags.regions === '' || flags.regions === 'any' || flags.regions === 'all' ? [] : list(flags.regions),
    countries: flags.countries,
    cadence: flags.cadence,
    hour: flags.hour,
    weekday: flags.weekday,
    lang: flags.lang,
    minScore: flags.minScore,
    sendEmpty: flags.sendEmpty,
    alerts: flags.alerts,
  };
}

/** The theme and region ids a subscription may name: the bundled tagger's. */
export async function subscriptionChoices(): Promise<SubscriptionChoices> {
  const { loadTagger } = await import('../../lambdas/tagging/tagger.ts');
  const tagger = loadTagger();
  return { themes: tagger.themes.map((t) => t.id), regions: tagger.regions.map((r) => r.id) };
}

function schedule(s: Pick<Subscriber, 'cadence' | 'hour' | 'weekday'>): string {
  const time = `${String(s.hour).padStart(2, '0')}:00`;
  return s.cadence === 'daily' ? `daily ${time}` : `weekly ${WEEKDAYS[s.weekday - 1]} ${time}`;
}

function describe(s: Subscriber): string {
  const themes = s.themes === 'all' ? 'all themes' : s.themes.join(', ');
  const countries = s.countries.length === 1 && s.countries[0] === PERU ? '' : `, countries ${s.countries.join(', ')}`;
  return `${schedule(s)} Lima, ${s.lang}, ${themes}${s.regions.length ? ` in ${s.regions.join(', ')}` : ''}${countries}` +
    `${s.minScore ? `, score ≥ ${s.minScore}` : ''}${s.sendEmpty ? ', empty digests too' : ''}${s.alerts ? ', spike alerts' : ''}`;
}
