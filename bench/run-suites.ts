/**
 * Runs benchmark suites one after another so that one failing suite never
 * erases the others' figures: each suite's error is caught and kept by name.
 */
import type { BenchSuite, Figures } from './suite.ts';

export interface BenchResults {
  /** Figures of every suite that finished, keyed `suite.metric_unit`. */
  figures: Figures;
  /** One entry per failed suite: its name → the error's message. */
  errors: Record<string, string>;
}

/** Runs `suites` in order; `log` gets one progress line per suite and one per failure. */
export async function runSuites(suites: BenchSuite[], log: (message: string) => void): Promise<BenchResults> {
  const results: BenchResults = { figures: {}, errors: {} };
  for (const suite of suites) {
    log(`bench: running ${suite.name}…`);
    try {
      Object.assign(results.figures, await suite.run());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.errors[suite.name] = message;
      log(`bench: ${suite.name} FAILED: ${message}`);
    }
  }
  return results;
}

/**
 * What `npm run bench` prints on stdout and its exit status: with `json`, one
 * JSON object of the figures plus `errors` (failed suite → message, `{}` when
 * none); otherwise a table of figures followed by one FAILED line per failed
 * suite. The status is 1 when any suite failed.
 */
export function formatResults(results: BenchResults, json: boolean): { stdout: string; exitCode: number } {
  const exitCode = Object.keys(results.errors).length > 0 ? 1 : 0;
  if (json) return { stdout: `${JSON.stringify({ ...results.figures, errors: results.errors })}\n`, exitCode };
  const names = Object.keys(results.figures);
  const width = Math.max(...names.map((k) => k.length), 10);
  const lines = [`${'figure'.padEnd(width)}  value`, `${'-'.repeat(width)}  ${'-'.repeat(12)}`];
  for (const [key, value] of Object.entries(results.figures)) {
    lines.push(`${key.padEnd(width)}  ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  }
  for (const [suite, message] of Object.entries(results.errors)) {
    lines.push(`${`${suite} suite`.padEnd(width)}  FAILED: ${message}`);
  }
  return { stdout: `${lines.join('\n')}\n`, exitCode };
}
