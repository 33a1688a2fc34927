/**
 * The shared-database state file: while `centinela serve` runs on a data
 * folder, it writes `serve.json` there saying where its DynamoDB Local listens
 * and which process owns it. Other commands on the same folder read it and use
 * that database instead of starting a second Java process on the same files
 * (DynamoDB Local keeps one SQLite file per folder; two engines on it corrupt
 * nothing but block each other).
 *
 * A state file is trusted only when both hold: its pid is a live process, and
 * its endpoint answers a ListTables within a short timeout. Anything else (the
 * server was SIGKILLed, the machine rebooted, the pid was reused by an
 * unrelated process) is stale and ignored.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export const SERVE_STATE_FILE = 'serve.json';

export interface ServeState {
  /** DynamoDB Local's endpoint, e.g. http://127.0.0.1:41234. */
  endpoint: string;
  /** The `centinela serve` process. */
  pid: number;
  /** The web app's address, e.g. http://127.0.0.1:8080. */
  webUrl?: string;
  /** ISO instant the server started. */
  startedAt: string;
}

export function serveStatePath(dataDir: string): string {
  return path.join(path.resolve(dataDir), SERVE_STATE_FILE);
}

/** Writes the state file atomically (temp file + rename), so a reader never sees half of it. */
export function writeServeState(dataDir: string, state: ServeState): void {
  const file = serveStatePath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}

/** Removes the state file if it is still ours (another serve may have replaced it). Synchronous: it runs in exit handlers. */
export function removeServeState(dataDir: string, pid = process.pid): void {
  const state = readServeStateFile(dataDir);
  if (state && state.pid !== pid) return;
  rmSync(serveStatePath(dataDir), { force: true });
}

/** The state file as written, or undefined when absent or unreadable (a torn or hand-edited file counts as absent). */
export function readServeStateFile(dataDir: string): ServeState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(serveStatePath(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  const state = parsed as Partial<ServeState> | null;
  if (!state || typeof state.endpoint !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(state.endpoint)) return undefined;
  if (typeof state.pid !== 'number' || !Number.isInteger(state.pid) || state.pid <= 0) return undefined;
  return state as ServeState;
}

/**
 * The running server's state, or undefined when there is none or the file is
 * stale (dead pid, or an endpoint that refuses connections or does not answer
 * within `timeoutMs`). A refused connection answers at once; the timeout is
 * generous because a live server on a loaded machine can take seconds, and
 * starting a second DynamoDB Local on the same folder is worse than waiting.
 */
export async function findRunningServe(dataDir: string, timeoutMs = 5000): Promise<ServeState | undefined> {
  const state = readServeStateFile(dataDir);
  if (!state || !isAlive(state.pid)) return undefined;
  return (await answers(state.endpoint, timeoutMs)) ? state : undefined;
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(endpoint: string, timeoutMs: number): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}
