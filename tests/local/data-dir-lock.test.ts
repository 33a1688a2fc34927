/**
 * The data folder's lock, without Java: one holder at a time, its message,
 * stale locks taken over, release only of one's own lock, and two processes
 * racing for it at the same instant.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  currentCommand,
  DataDirInUseError,
  dataDirLockPath,
  readDataDirLock,
} from '../../bin/local/data-dir-lock.ts';
import { makeFolder } from '../../bin/local/dynamodb-local.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const newFolder = () => mkdtemp(path.join(tmpdir(), 'centinela-lock-'));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('acquireDataDirLock', () => {
  it('writes the holder (pid, command, start) in dynamodb-local.lock, and release removes it', async () => {
    const folder = await newFolder();
    const lock = acquireDataDirLock(folder, 'centinela poll --data-dir x');
    expect(readDataDirLock(folder)).toMatchObject({ pid: process.pid, command: 'centinela poll --data-dir x' });
    lock.release();
    expect(existsSync(dataDirLockPath(folder))).toBe(false);
    lock.release(); // twice is harmless
  });

  it('refuses a second holder while the first is alive, naming the folder, the command, its pid and the fix', async () => {
    const folder = await newFolder();
    const first = acquireDataDirLock(folder, 'centinela poll --data-dir x');
    const error = (() => {
      try {
        acquireDataDirLock(folder, 'centinela query');
      } catch (caught) {
        return caught;
      }
    })() as DataDirInUseError;
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect(error.kind).toBe('data-dir-in-use');
    const since = readDataDirLock(folder)!.startedAt;
    expect(error.message).toBe(
      `the data folder ${folder} is in use by \`centinela poll --data-dir x\` (pid ${process.pid}, since ${since}): ` +
        "its DynamoDB Local has the folder's database open, and a second one would lock it. " +
        'Wait for that command to finish, or run `centinela serve` on this folder (other commands then share its database), or pass another --data-dir.',
    );
    first.release();
    acquireDataDirLock(folder, 'centinela query').release();
  });

  it('tells a command that finds `centinela serve` still starting to run again and share its database', async () => {
    const folder = await newFolder();
    const serve = acquireDataDirLock(folder, 'centinela serve --port 0');
    expect(() => acquireDataDirLock(folder, 'centinela query')).toThrow(/is still starting; run the command again in a few seconds to use its database/);
    serve.release();
  });

  it('takes over a stale lock (its pid is gone) and an unreadable one', async () => {
    const folder = await newFolder();
    const pid = await deadPid();
    await writeFile(dataDirLockPath(folder), JSON.stringify({ pid, command: 'centinela poll', startedAt: '2026-11-30T00:00:00.000Z' }));
    const lock = acquireDataDirLock(folder, 'centinela query');
    expect(readDataDirLock(folder)).toMatchObject({ pid: process.pid, command: 'centinela query' });
    lock.release();
    await writeFile(dataDirLockPath(folder), '{"pid": ');
    acquireDataDirLock(folder, 'centinela show').release();
    expect(existsSync(dataDirLockPath(folder))).toBe(false);
  });

  it('release leaves alone a lock another process holds now', async () => {
    const folder = await newFolder();
    const lock = acquireDataDirLock(folder, 'centinela poll');
    const other = JSON.stringify({ pid: process.ppid, command: 'centinela serve', startedAt: '2026-12-01T00:00:00.000Z' });
    await writeFile(dataDirLockPath(folder), other);
    lock.release();
    expect(await readFile(dataDirLockPath(folder), 'utf8')).toBe(other);
  });

  it('of processes racing for the lock at the same instant, exactly one gets it', async () => {
    const folder = await newFolder();
    const script = `
      import { acquireDataDirLock } from './bin/local/data-dir-lock.ts';
      while (Date.now() < ${Date.now() + 4000}) {} // start together
      try { acquireDataDirLock(${JSON.stringify(folder)}, 'racer'); console.log('GOT'); setTimeout(() => {}, 4000); }
      catch (error) { console.log(error.kind); }
    `;
    const outputs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        await new Promise((resolve) => child.once('exit', resolve));
        return out.trim();
      }),
    );
    expect(outputs.filter((out) => out === 'GOT')).toHaveLength(1);
    expect(outputs.filter((out) => out === 'data-dir-in-use')).toHaveLength(3);
  }, 30_000);
});

describe('currentCommand', () => {
  it('names the CLI as a user types it', () => {
    expect(currentCommand(['/usr/bin/node', '/p/bin/centinela.js', 'poll', '--data-dir', 'D'])).toBe('centinela poll --data-dir D');
    expect(currentCommand(['/usr/bin/node', '/p/bench/run.ts', 'store'])).toBe('node /p/bench/run.ts store');
  });
});

describe('makeFolder', () => {
  it('creates missing parents, accepts an existing folder, and refuses a path under a file', async () => {
    const folder = await newFolder();
    makeFolder(path.join(folder, 'a', 'b', 'c'));
    expect(existsSync(path.join(folder, 'a', 'b', 'c'))).toBe(true);
    makeFolder(path.join(folder, 'a'));
    await writeFile(path.join(folder, 'file'), '');
    expect(() => makeFolder(path.join(folder, 'file', 'x'))).toThrow(/ENOTDIR/);
  });

  it('fails at once where the system refuses new folders under an existing one (/proc: Node 20\'s recursive mkdir loops forever there)', () => {
    // In a child process with a time limit: the old code hung in a synchronous loop no test timeout could stop.
    const script = `
      import { makeFolder } from './bin/local/dynamodb-local.ts';
      try { makeFolder('/proc/centinela-no-such-folder/data'); console.log('CREATED'); } catch (error) { console.log('REFUSED', error.code); }
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, timeout: 20_000, encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.stdout).toMatch(/^REFUSED E[A-Z]+/);
  }, 30_000);
});
