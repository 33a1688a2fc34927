/**
 * Each function's bundle, built with the stack's own esbuild options
 * (lib/bundling.ts): its size, and the time to import it cold in a fresh node
 * process (the module-load part of a Lambda cold start; no handler runs):
 * `bundle.<fn>.cold_import_ms` is the median of seven fresh processes (issue
 * 15's figure: poll-feed at most 100 ms), `bundle.<fn>.import_ms` the fastest
 * of them (other processes on a shared machine only ever add time, so it
 * moves least under load).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, handlerEntry, type FunctionName } from '../../lib/bundling.ts';
import type { BenchSuite, Figures } from '../suite.ts';

const FUNCTIONS: FunctionName[] = ['dispatch', 'poll-feed', 'send-digests', 'unsubscribe', 'ses-events', 'web', 'check-alerts'];
const RUNS = 7;

const importTimer = (url: string) =>
  `const t = performance.now(); await import(${JSON.stringify(url)}); process.stdout.write(String(performance.now() - t));`;

export default {
  name: 'bundle',
  async run() {
    const dir = await mkdtemp(path.join(tmpdir(), 'centinela-bundle-'));
    const figures: Figures = {};
    try {
      for (const name of FUNCTIONS) {
        const outfile = path.join(dir, name, 'index.mjs');
        await build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], entryPoints: [handlerEntry(name)], outfile, logLevel: 'silent' });
        figures[`bundle.${name}.kb`] = Math.round((await stat(outfile)).size / 1024);
        const times = Array.from({ length: RUNS }, () =>
          Number(execFileSync(process.execPath, ['--input-type=module', '-e', importTimer(pathToFileURL(outfile).href)], { encoding: 'utf8' })),
        ).sort((a, b) => a - b);
        figures[`bundle.${name}.cold_import_ms`] = Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10;
        figures[`bundle.${name}.import_ms`] = Math.round(times[0]! * 10) / 10;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return figures;
  },
} satisfies BenchSuite;
