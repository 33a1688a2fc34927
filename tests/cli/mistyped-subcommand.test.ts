/**
 * A word after a command with its own action and subcommands (`feeds chek`)
 * is refused as an unknown subcommand with commander's suggestion, not as
 * "too many arguments"; the command alone and its subcommands run as before.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { closestName, refuseMistypedSubcommands } from '../../bin/cli/mistyped-subcommand.ts';

function program(ran: string[], errors: string[]): Command {
  const root = new Command('centinela').exitOverride().configureOutput({ writeErr: (text) => errors.push(text), writeOut: () => {} });
  const feeds = root.command('feeds').option('--json').action(() => void ran.push('feeds'));
  feeds.command('check').argument('[url]').action((url?: string) => void ran.push(`check ${url}`));
  refuseMistypedSubcommands(root);
  return root;
}

async function run(...args: string[]): Promise<{ ran: string[]; errors: string[]; exitCode?: number }> {
  const ran: string[] = [];
  const errors: string[] = [];
  try {
    await program(ran, errors).parseAsync(['node', 'centinela', ...args]);
    return { ran, errors };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { ran, errors, exitCode: error.exitCode };
  }
}

describe('refuseMistypedSubcommands', () => {
  it('feeds chek: unknown command, did you mean check; the list does not run', async () => {
    expect(await run('feeds', 'chek')).toEqual({ ran: [], errors: ["error: unknown command 'chek' for 'feeds'\n(Did you mean check?)\n"], exitCode: 2 });
  });

  it('feeds, feeds --json and feeds check URL run as before; check still refuses a second URL', async () => {
    expect(await run('feeds')).toEqual({ ran: ['feeds'], errors: [] });
    expect(await run('feeds', '--json')).toEqual({ ran: ['feeds'], errors: [] });
    expect(await run('feeds', 'check', 'http://a.example/feed')).toEqual({ ran: ['check http://a.example/feed'], errors: [] });
    const extra = await run('feeds', 'check', 'http://a.example/feed', 'http://b.example/feed');
    expect(extra.ran).toEqual([]);
    expect(extra.errors.join('')).toContain("too many arguments for 'check'");
  });
});

describe('closestName (commander\'s rule: at most 3 edits, more than 40% of the name kept)', () => {
  it('finds a typo, a swap and a missing letter; nothing for an unrelated word', () => {
    expect(closestName('chek', ['check'])).toBe('check');
    expect(closestName('chcek', ['check'])).toBe('check');
    expect(closestName('lsit', ['list', 'check'])).toBe('list');
    expect(closestName('zzzz', ['check'])).toBeUndefined();
    expect(closestName('c', ['check'])).toBeUndefined();
  });
});
