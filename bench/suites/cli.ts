/**
 * `centinela` as a user runs it, a new Node process each time:
 *  - cli.version_ms: `centinela --version`, the start-up alone (tsx and the
 *    command declarations; no command runs) (median of 5);
 *  - cli.query_cold_ms: no server running, so the command starts its own
 *    DynamoDB Local (Java) on the data folder and stops it (best of 2);
 *  - cli.query_with_serve_ms: `centinela serve` runs on the same folder, so
 *    the command finds serve.json and uses its database (median of 5).
 * The folder holds the demo's articles, polled through the running server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDemoPipeline } from '../../bin/local/demo-pipeline.ts';
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { findRunningServe } from '../../bin/local/serve-state.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { elapsedMs, type BenchSuite } from '../suite.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/centinela.js');
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default {
  name: 'cli',
  async run() {
    // Before serve starts: its Java start-up would compete for the cores.
    const version: number[] = [];
    for (let i = 0; i < 5; i++) version.push(await timeVersion());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-bench-cli-'));
    const feedList = path.join(dataDir, 'feeds.json');
    // One feed on a closed loopback port: the server's first poll fails at once and leaves the machine alone.
    await writeFile(feedList, JSON.stringify([{ id: 'closed', name: 'Closed', url: 'http://127.0.0.1:9/feed.xml', lang: 'es' }]));
    const serve = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--feeds', feedList, '--outbox', path.join(dataDir, 'outbox')], {
      env: ENV,
      stdio: 'ignore',
    });
    try {
      const state = await waitForServe(dataDir, serve);
      const stores = await connectStores(localClient(state.endpoint), tableNamesWithPrefix('centinela'));
      await runDemoPipeline(stores, { outboxDir: path.join(dataDir, 'outbox'), lang: 'es' });
      await stores.close();
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push(await timeQuery(dataDir));
      await stopProcess(serve);
      const cold = [await timeQuery(dataDir), await timeQuery(dataDir)];
      return {
        'cli.version_ms': version.sort((a, b) => a - b)[2]!,
        'cli.query_cold_ms': Math.min(...cold),
        'cli.query_with_serve_ms': warm.sort((a, b) => a - b)[2]!,
      };
    } finally {
      await stopProcess(serve);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
} satisfies BenchSuite;

/** Wall time of one `centinela query` process, from spawn to exit; fails if it does. */
async function timeQuery(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'query', '--data-dir', dataDir, '--since', '2026-10-01', '--until', '2026-11-30'], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = elapsedMs(started);
  if (code !== 0 || !/\d+ article\(s\)/.test(output)) throw new Error(`bench cli: query exited ${code}:\n${output}`);
  return ms;
}

/** Wall time of one `centinela --version` process; fails unless it prints a version and exits 0. */
async function timeVersion(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, '--version'], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = elapsedMs(started);
  if (code !== 0 || !/^\d+\.\d+\.\d+\n$/.test(output)) throw new Error(`bench cli: --version exited ${code}: ${output}`);
  return ms;
}

async function waitForServe(dataDir: string, serve: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (serve.exitCode !== null) throw new Error(`bench cli: serve exited with ${serve.exitCode}`);
    const state = await findRunningServe(dataDir);
    if (state) return state;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('bench cli: serve did not start within 120 s');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
