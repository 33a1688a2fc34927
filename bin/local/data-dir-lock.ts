/**
 * The data folder's lock: whoever starts DynamoDB Local on a data folder
 * (`-dbPath`) first writes `dynamodb-local.lock` there, saying which process
 * and command hold the folder's database, and removes it when DynamoDB Local
 * stops or the process exits. DynamoDB Local keeps one SQLite file per folder,
 * and SQLite locks it: a second engine on the same folder makes the first one's
 * writes fail ("database is locked") or never becomes ready itself. So a second
 * command refuses at once, before starting Java, naming the holder and the fix.
 *
 * `centinela serve` takes the lock like any other command, and also writes
 * `serve.json` (serve-state.ts) so that other commands share its database
 * instead of asking for the lock.
 *
 * The lock is taken with an exclusive create (a hard link of a fully written
 * temporary file: `link` fails with EEXIST when the lock exists, and a reader
 * never sees half a file), so two commands started at the same instant cannot
 * both take it. A lock whose pid is no longer alive (the holder was killed
 * with SIGKILL, the machine rebooted) is stale and is taken over; so is an
 * unreadable one. Known limit: a stale lock whose pid was reused by an
 * unrelated live process counts as held; the message names the pid to check.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './serve-state.ts';
import { LocalDatabaseError } from './errors.ts';

export const DATA_DIR_LOCK_FILE = 'dynamodb-local.lock';

export interface DataDirLockHolder {
  /** The process holding the folder's database. */
  pid: number;
  /** The command it runs, as typed, e.g. `centinela poll --data-dir D`. */
  command: string;
  /** ISO instant it took the lock. */
  startedAt: string;
}

/** The data folder is in use by another live process that started DynamoDB Local on it. */
export class DataDirInUseError extends LocalDatabaseError {
  override name = 'DataDirInUseError';
  readonly kind = 'data-dir-in-use';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockHolder,
  ) {
    super(dataDirInUseMessage(dataDir, holder));
  }
}

/**
 * The message for a folder in use: the folder, the holder's command and pid,
 * and what to do. When the holder is `centinela serve` (still starting: its
 * serve.json is written once it is ready), running the command again shares it.
 */
export function dataDirInUseMessage(dataDir: string, holder: DataDirLockHolder): string {
  const by = `\`${holder.command}\` (pid ${holder.pid}, since ${holder.startedAt})`;
  if (/^centinela serve\b/.test(holder.command)) {
    return (
      `the data folder ${dataDir} is in use by ${by}, which is still starting; ` +
      'run the command again in a few seconds to use its database, or pass another --data-dir.'
    );
  }
  return (
    `the data folder ${dataDir} is in use by ${by}: its DynamoDB Local has the folder's database open, and a second one would lock it. ` +
    'Wait for that command to finish, or run `centinela serve` on this folder (other commands then share its database), or pass another --data-dir.'
  );
}

export function dataDirLockPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), DATA_DIR_LOCK_FILE);
}

/** This process's command line as a user would type it: `centinela <args>` when it is the CLI. */
export function currentCommand(argv: readonly string[] = process.argv): string {
  const script = argv[1] ? path.basename(argv[1]) : '';
  const args = argv.slice(2).join(' ');
  const command = /^(centinela(\.js)?|main\.ts)$/.test(script) ? `centinela ${args}` : `${path.basename(argv[0] ?? 'node')} ${argv.slice(1).join(' ')}`;
  return command.trim().slice(0, 300);
}

/**
 * Takes the data folder's lock for this process, or throws DataDirInUseError
 * naming the live holder. Stale locks (dead pid, unreadable file) are taken
 * over. Returns `release`, which removes the lock if it is still ours
 * (synchronous: it also runs in exit handlers; calling it twice is harmless).
 * The folder must exist. Other filesystem errors (read-only folder…) are
 * thrown as LocalDatabaseError naming the folder.
 */
export function acquireDataDirLock(dataDir: string, command = currentCommand()): { release(): void } {
  const folder = path.resolve(dataDir);
  const file = dataDirLockPath(folder);
  const mine: DataDirLockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(mine, null, 2)}\n`;
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, text);
  } catch (error) {
    throw new LocalDatabaseError(
      `cannot write in the data folder ${folder} (${(error as Error).message}); pass another with --data-dir or CENTINELA_DATA_DIR.`,
      { cause: error },
    );
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, file);
        return { release: () => releaseIfMine(file, text) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new LocalDatabaseError(`cannot lock the data folder ${folder} (${(error as Error).message}); pass another with --data-dir.`, { cause: error });
        }
      }
      const held = readLock(file);
      if (held === undefined) continue; // removed between our link and read: try again
      const holder = parseHolder(held);
      if (holder && isAlive(holder.pid)) throw new DataDirInUseError(folder, holder);
      removeStale(file, held);
    }
    const holder = parseHolder(readLock(file) ?? '');
    if (holder) throw new DataDirInUseError(folder, holder);
    throw new LocalDatabaseError(`cannot lock the data folder ${folder}: ${file} keeps changing; try again.`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The holder a lock file names, or undefined when absent, unreadable or not a lock (such a file counts as stale). */
export function readDataDirLock(dataDir: string): DataDirLockHolder | undefined {
  return parseHolder(readLock(dataDirLockPath(dataDir)) ?? '');
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): DataDirLockHolder | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const holder = parsed as Partial<DataDirLockHolder> | null;
  if (!holder || typeof holder.pid !== 'number' || !Number.isInteger(holder.pid) || holder.pid <= 0) return undefined;
  return { pid: holder.pid, command: typeof holder.command === 'string' ? holder.command : 'another command', startedAt: String(holder.startedAt ?? 'an unknown time') };
}

/**
 * Removes a stale lock without removing a fresh one another process took
 * meanwhile: the file is first moved aside (atomic; of two processes taking
 * over, only one moves it), then compared with the stale text we judged; a
 * fresh lock moved by mistake is put back with an exclusive link.
 */
function removeStale(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return; // another process moved or removed it first
  }
  try {
    if (readLock(aside) !== staleText) linkSync(aside, file);
  } catch {
    // the lock was taken again meanwhile: the next attempt reads its holder
  } finally {
    rmSync(aside, { force: true });
  }
}

function releaseIfMine(file: string, text: string): void {
  if (readLock(file) === text) rmSync(file, { force: true });
}
