/**
 * Each function's bundle, built with the stack's own esbuild options
 * (lib/bundling.ts): its size, and the time to import it cold in a fresh node
 * process (the module-load part of a Lambda cold start; no handler runs):
 * `bundle.<fn>.cold_import_ms` is the median of seven fresh processes (issue
 * 15's figure: poll-feed at most 100 ms), `bundle.<fn>.import_ms` the fastest
 * of them (other processes on a shared machine only ever add time), and
 * `bundle.<fn>.import_cpu_ms` the median CPU time (user + system) of the
 * import, which moves least when the machine is loaded.
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

/** Wall and CPU (user + system) milliseconds of the import, measured inside the fresh process. */
const importTimer = (url: string) =>
  `const t = performance.now(); const c = process.cpuUsage(); await import(${JSON.stringify(url)}); const u = process.cpuUsage(c);` +
  ` process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

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
        const runs: { wall: number; cpu: number }[] = Array.from({ length: RUNS }, () =>
          JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', importTimer(pathToFileURL(outfile).href)], { encoding: 'utf8' })),
        );
        const walls = runs.map((r) => r.wall);
        figures[`bundle.${name}.cold_import_ms`] = round(median(walls));
        figures[`bundle.${name}.import_ms`] = round(Math.min(...walls));
        figures[`bundle.${name}.import_cpu_ms`] = round(median(runs.map((r) => r.cpu)));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return figures;
  },
} satisfies BenchSuite;
