/**
 * A bad command-line argument: main.ts prints `centinela: <message>` and exits
 * with status 2, as for the arguments commander itself refuses. The message
 * names the argument and says how to fix it.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly kind = 'usage';
}
