/**
 * Tables print text that came from feeds. A bidirectional override (U+202E) in
 * a title must not reverse the rest of the row on the terminal (the article id
 * after it would read backwards), and control characters (ESC sequences, NUL,
 * newlines) must not reach the terminal or break the row.
 */
import { CommanderError, InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTable, reportCommandError } from '../../bin/cli/output.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

describe('formatTable', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['xyz', '1']])).toBe('a    bb\n---  --\nxyz  1');
  });

  it('drops bidirectional controls from cells, so an unclosed override does not flip the row', () => {
    const table = formatTable(['title', 'id'], [['\u202Eminería ilegal en Puno', '6f5fcc4e']]);
    expect(table.split('\n')[2]).toBe('minería ilegal en Puno  6f5fcc4e');
    expect(formatTable(['t'], [['\u2066a\u2069\u200Fb\u061C']]).split('\n')[2]).toBe('ab');
  });

  it('turns control characters into spaces: no escape sequence, NUL or line break reaches the terminal', () => {
    const table = formatTable(['title', 'id'], [['Bus\u001b[2J atacado\nen\u0000Trujillo\u009b', 'ab12']]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table.split('\n')[2]).toBe('Bus [2J atacado en Trujillo   ab12');
  });
});

describe('reportCommandError (what main.ts prints and exits with)', () => {
  afterEach(() => vi.restoreAllMocks());

  function report(error: unknown, commanderPrinted: boolean): { status: number; stderr: string } {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    const status = reportCommandError(error, commanderPrinted, (e) => e instanceof UsageError);
    vi.restoreAllMocks();
    return { status, stderr };
  }

  it('prints a commander error thrown inside an action, which commander never printed, and exits 2', () => {
    expect(report(new InvalidArgumentError('give a feed URL.'), false)).toEqual({ status: 2, stderr: 'centinela: give a feed URL.\n' });
  });

  it('does not print again what commander printed; --help and --version exit 0', () => {
    expect(report(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), true)).toEqual({ status: 2, stderr: '' });
    expect(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), false)).toEqual({ status: 0, stderr: '' });
  });

  it('prints our usage errors with exit 2 and any other failure with exit 1', () => {
    expect(report(new UsageError('--feeds x.json: the list is empty.'), false)).toEqual({ status: 2, stderr: 'centinela: --feeds x.json: the list is empty.\n' });
    expect(report(new Error('store: DynamoDB Local did not start'), false)).toEqual({ status: 1, stderr: 'centinela: store: DynamoDB Local did not start\n' });
  });
});
