/** Shared CLI output helpers: one way to print failures and tables. */
import { CommanderError } from 'commander';

export function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`centinela: ${message}\n`);
  if (process.env.CENTINELA_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

/**
 * What bin/cli/main.ts does with the error that ended a command: print it
 * (unless commander already printed it) and choose the exit status.
 * Commander prints the errors it raises while parsing (unknown option, missing
 * argument) before throwing; a CommanderError thrown inside an action (an
 * InvalidArgumentError, say) reaches here unprinted, and used to exit 2 silently.
 * @param commanderPrinted whether commander wrote anything to stderr during this run
 * @param isUsage errors of ours that are bad arguments (UsageError, …)
 * @returns 0 after --help or --version, 2 for a bad argument, 1 for any other failure
 */
export function reportCommandError(error: unknown, commanderPrinted: boolean, isUsage: (error: unknown) => boolean): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    if (!commanderPrinted) reportFailure(error);
    return 2;
  }
  reportFailure(error);
  return isUsage(error) ? 2 : 1;
}

/** Bidirectional formatting characters (Unicode UAX #9: ALM, LRM, RLM, the embeddings, overrides and isolates). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 control characters and DEL: escape sequences, NUL, tabs and line breaks. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A cell as the terminal may show it: bidirectional controls dropped (an unclosed
 * U+202E would reverse the rest of the row), control characters turned into spaces
 * (no escape sequence reaches the terminal, no line break splits the row).
 * For tables only: JSON and CSV output keep the text as stored.
 */
export function terminalText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(CONTROL_CHARACTERS, ' ');
}

/** A plain text table: columns padded to the widest cell; cells go through {@link terminalText}. */
export function formatTable(header: string[], rawRows: string[][]): string {
  const rows = rawRows.map((row) => row.map(terminalText));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Ends the process quietly when the reader of `stream` (stdout) goes away:
 * `centinela digest | head -2` closes the pipe after two lines, and Node then
 * emits EPIPE on stdout, which, unhandled, prints a stack trace and exits 1.
 * The exit status is the command's own when it has set one (`process.exitCode`), else 0.
 * Other stream errors are rethrown. `exit` is `process.exit` (injected for tests).
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WritableStream, exit: (code: number) => void = process.exit): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return exit(ownExitCode());
    throw error;
  });
}

/**
 * Lets the command run on when the reader of `stream` (stderr) goes away:
 * `centinela query … 2>&1 | head -1` may close the pipe stderr writes to, and
 * the EPIPE, unhandled, ended the command with status 1 whatever it was doing.
 * Only its messages are lost: it finishes and exits with its own status (0,
 * or 2 for a bad argument). Other stream errors are rethrown.
 */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    throw error;
  });
}

function ownExitCode(): number {
  const code = Number(process.exitCode ?? 0);
  return Number.isInteger(code) ? code : 0;
}
