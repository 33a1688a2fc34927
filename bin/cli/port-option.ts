/** The --port options of `serve`, `demo` and `unsubscribe-server`. */
import { InvalidArgumentError } from 'commander';

/**
 * Parses a TCP port given on the command line.
 * @param value the argument as typed
 * @returns the port, 0–65535 (0: the system picks a free one)
 * @throws InvalidArgumentError (exit 2) naming --port and the valid range
 */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, not "${value}".`);
  return n;
}
