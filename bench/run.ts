/**
 * `npm run bench` runs every suite in bench/suites/ and prints a table;
 * `npm run bench -- --json` prints exactly one JSON object of figures on stdout.
 * `npm run bench -- tagging store` runs only the named suites.
 * Each suite runs in a child process of its own (bench/isolated-suite.ts);
 * `--in-process` runs them in this process instead (what each child does).
 * A suite that fails is reported by name (a FAILED line, or the `errors`
 * entry of the JSON object) next to the figures of every suite that
 * finished, and the exit status is 1.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { isolatedSuite } from './isolated-suite.ts';
import { formatResults, runSuites } from './run-suites.ts';
import type { BenchSuite } from './suite.ts';

const suitesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');

async function loadSuites(only: string[]): Promise<BenchSuite[]> {
  const files = (await readdir(suitesDir)).filter((f) => f.endsWith('.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(suitesDir, file)).href)) as { default: BenchSuite };
    if (only.length === 0 || only.includes(mod.default.name)) suites.push(mod.default);
  }
  const unknown = only.filter((name) => !suites.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`bench: unknown suite ${unknown.join(', ')}; available: ${files.map((f) => f.replace(/\.ts$/, '')).join(', ')}`);
  }
  return suites;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const inProcess = args.includes('--in-process');
  const only = args.filter((a) => !a.startsWith('--'));
  const log = json ? (msg: string) => process.stderr.write(`${msg}\n`) : (msg: string) => console.log(msg);
  // Suites may log progress with console.log; in --json mode stdout holds the JSON object only.
  if (json) console.log = (...parts: unknown[]) => process.stderr.write(`${parts.join(' ')}\n`);

  const suites = await loadSuites(only);
  const script = fileURLToPath(import.meta.url);
  // A child's failures come back to the parent in its JSON, which logs them once.
  const results = inProcess
    ? await runSuites(suites, () => undefined)
    : await runSuites(
        suites.map((suite) => isolatedSuite(suite.name, script)),
        log,
      );
  const { stdout, exitCode } = formatResults(results, json);
  process.stdout.write(stdout);
  return exitCode;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
