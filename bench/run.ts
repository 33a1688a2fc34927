/**
 * `npm run bench` runs every suite in bench/suites/ and prints a table;
 * `npm run bench -- --json` prints exactly one JSON object of figures on stdout.
 * `npm run bench -- tagging store` runs only the named suites.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { BenchSuite, Figures } from './suite.ts';

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

function printTable(figures: Figures): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 10);
  console.log(`${'figure'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [key, value] of Object.entries(figures)) {
    console.log(`${key.padEnd(width)}  ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args.filter((a) => !a.startsWith('--'));
  const log = json ? (msg: string) => process.stderr.write(`${msg}\n`) : (msg: string) => console.log(msg);
  // Suites may log progress with console.log; in --json mode stdout holds the JSON object only.
  if (json) console.log = (...parts: unknown[]) => process.stderr.write(`${parts.join(' ')}\n`);

  const figures: Figures = {};
  for (const suite of await loadSuites(only)) {
    log(`bench: running ${suite.name}…`);
    Object.assign(figures, await suite.run());
  }
  if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else printTable(figures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
