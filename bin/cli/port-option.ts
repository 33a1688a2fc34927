/** The port options of `serve`, `demo` (--port, --feeds-port, --unsubscribe-port) and `unsubscribe-server`. */
import { InvalidArgumentError } from 'commander';
import { UsageError } from './usage-error.ts';

/**
 * Reads a TCP port given on the command line, for a port option read after commander
 * has parsed (in an action).
 * @param value the argument as typed
 * @param flag the option it came from, named in the error (`--port`, `--feeds-port` …)
 * @returns the port, 0–65535 (0: the system picks a free one)
 * @throws UsageError (exit 2) naming the option and the valid range
 */
export function portArgument(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${flag} must be a whole number from 0 to 65535, not "${value}".`);
  return n;
}

/**
 * {@link portArgument} for `--port` as a commander option parser.
 * @throws InvalidArgumentError (exit 2) naming --port and the valid range
 */
export function parsePort(value: string): number {
  try {
    return portArgument(value, '--port');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
