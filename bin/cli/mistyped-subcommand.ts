/**
 * `centinela feeds chek`: commander suggests a subcommand ("Did you mean
 * check?") only for a command with no action of its own. `feeds` has one
 * (the list with its health), so commander took `chek` for an excess
 * argument ("too many arguments for 'feeds'"). This refuses it as an unknown
 * subcommand, with commander's wording and suggestion rule.
 */
import type { Command } from 'commander';

/**
 * For every command (at any depth) that has subcommands and takes no
 * arguments of its own: a word after it that is no subcommand is reported as
 * `error: unknown command 'chek' for 'feeds'` plus `(Did you mean check?)`
 * when one is close, exit 2. Call after every command is registered.
 */
export function refuseMistypedSubcommands(program: Command): void {
  for (const command of program.commands) {
    refuseMistypedSubcommands(command);
    if (command.commands.length === 0 || command.registeredArguments.length > 0) continue;
    // The subcommands copied the setting when they were made: they still refuse excess arguments.
    command.allowExcessArguments(true);
    command.hook('preAction', (self, actionCommand) => {
      if (actionCommand !== self || self.args.length === 0) return;
      const word = self.args[0]!;
      const near = closestName(word, self.commands.map((sub) => sub.name()));
      self.error(`error: unknown command '${word}' for '${self.name()}'${near ? `\n(Did you mean ${near}?)` : ''}`, {
        code: 'commander.unknownCommand',
        exitCode: 2,
      });
    });
  }
}

/**
 * The candidate nearest to `word`, if near enough: commander's rule (its
 * lib/suggestSimilar.js): at most 3 edits (insert, delete, substitute, swap two
 * neighbours) and more than 40% of the longer name unchanged.
 */
export function closestName(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    const length = Math.max(word.length, name.length);
    if (distance > 3 || (length - distance) / length <= 0.4) continue;
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
