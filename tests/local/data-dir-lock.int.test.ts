/**
 * Two commands on one data folder without `centinela serve`: the second is
 * refused at once, before starting Java, with a message naming the folder,
 * the first command, its pid and the fix, and the first keeps working; a
 * stale lock (its process is gone) does not stop anyone.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, dataDirLockPath, readDataDirLock } from '../../bin/local/data-dir-lock.ts';
import { startDynamoDbLocal } from '../../bin/local/dynamodb-local.ts';
import { localClient } from '../../bin/local/local-context.ts';
import { startLocalService } from '../../bin/local/local-service.ts';
import { systemClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { centinela } from '../cli/run-cli.ts';

describe('a data folder used by two commands at once', () => {
  it('refuses the second command at once with the holder and the fix, and the first keeps working', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-busy-'));
    const first = await startDynamoDbLocal({ dataDir, command: 'centinela poll --data-dir busy' });
    try {
      const since = readDataDirLock(dataDir)!.startedAt;
      const started = Date.now();
      const second = await centinela(['subscribers', 'list', '--data-dir', dataDir]);
      const elapsedMs = Date.now() - started;

      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `centinela: the data folder ${dataDir} is in use by \`centinela poll --data-dir busy\` (pid ${process.pid}, since ${since}): ` +
          "its DynamoDB Local has the folder's database open, and a second one would lock it. " +
          'Wait for that command to finish, or run `centinela serve` on this folder (other commands then share its database), or pass another --data-dir.\n',
      );
      expect(elapsedMs).toBeLessThan(15_000); // no Java start-up, no 30 s readiness wait
      expect(readDataDirLock(dataDir)?.pid).toBe(process.pid); // the refused command left the lock alone

      const client = localClient(first.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: 'still-mine',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      expect((await client.send(new ListTablesCommand({}))).TableNames).toContain('still-mine');
      client.destroy();
    } finally {
      await first.stop();
    }
    expect(existsSync(dataDirLockPath(dataDir))).toBe(false);
  }, 120_000);

  it('`centinela serve` on a folder a poll holds is refused the same way, before starting Java', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-busy-serve-'));
    const poll = acquireDataDirLock(dataDir, 'centinela poll --data-dir busy');
    try {
      const refused = await startLocalService({ dataDir, port: 0, feeds: async () => [], tagger: loadTagger(), clock: systemClock, log: () => undefined }).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as Error).message).toContain(`the data folder ${dataDir} is in use by \`centinela poll --data-dir busy\` (pid ${process.pid}`);
      expect(existsSync(path.join(dataDir, 'shared-local-instance.db'))).toBe(false); // no DynamoDB Local started on it
    } finally {
      poll.release();
    }
  }, 60_000);

  it('a data folder the system will not create (under /proc) fails at once naming it, instead of hanging', async () => {
    const started = Date.now();
    const result = await centinela(['query', '--data-dir', '/proc/centinela-no-such-folder']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^centinela: cannot create the data folder \/proc\/centinela-no-such-folder \(.+\); pass another with --data-dir or CENTINELA_DATA_DIR\.\n$/);
  }, 60_000);

  it('a command whose lock holder died (SIGKILL) takes the folder over', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-stale-lock-'));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(dataDirLockPath(dataDir), JSON.stringify({ pid: dead.pid, command: 'centinela poll', startedAt: '2026-11-30T23:00:00.000Z' }));

    const result = await centinela(['subscribers', 'list', '--data-dir', dataDir]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(dataDirLockPath(dataDir))).toBe(false); // taken over, then released on exit
  }, 120_000);
});
