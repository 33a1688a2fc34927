/** `centinela`: the command-line tool. Each command lives in its own module. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { SubscriberValidationError } from '../../lambdas/subscribers/errors.ts';
import { registerAlertsCommand } from './alerts.ts';
import { registerDemoCommand } from './demo.ts';
import { registerDigestCommands } from './digest.ts';
import { registerSubscribersCommand } from './subscribers.ts';
import { registerExportCommand } from './export.ts';
import { registerFeedsCommand } from './feeds.ts';
import { registerPollCommand } from './poll.ts';
import { registerQueryCommand } from './query.ts';
import { registerRulesCommand } from './rules.ts';
import { registerServeCommand } from './serve.ts';
import { registerShowCommand } from './show.ts';
import { refuseMistypedSubcommands } from './mistyped-subcommand.ts';
import { exitQuietlyOnClosedPipe, ignoreClosedPipe, reportCommandError } from './output.ts';
import { UsageError } from './usage-error.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// Commander prints the errors it raises while parsing through writeErr before throwing;
// one thrown inside an action reaches the catch below unprinted: `printed` tells them apart.
let printed = false;
const program = new Command('centinela')
  .configureOutput({
    writeErr: (text) => {
      printed = true;
      process.stderr.write(text);
    },
  })
  .description('Watch crime and security news in Peru: poll feeds, tag by theme, store, and mail digests.')
  .version(version, '-V, --version', 'print the version of Centinela')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

registerDemoCommand(program);
registerPollCommand(program);
registerFeedsCommand(program);
registerQueryCommand(program);
registerShowCommand(program);
registerExportCommand(program);
registerRulesCommand(program);
registerSubscribersCommand(program);
registerDigestCommands(program);
registerServeCommand(program);
registerAlertsCommand(program);
refuseMistypedSubcommands(program);

// `centinela … | head`: a reader that stops early ends the command, without a stack trace.
exitQuietlyOnClosedPipe(process.stdout);
// `centinela … 2>&1 | head`: a closed stderr only loses messages; the command keeps its own exit status.
ignoreClosedPipe(process.stderr);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A bad argument (ours, or a setting the subscriber validator refused) exits 2 like commander's own.
  process.exit(reportCommandError(error, printed, (e) => e instanceof UsageError || e instanceof SubscriberValidationError));
}
