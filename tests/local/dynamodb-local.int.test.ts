import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDatabaseError, startDynamoDbLocal } from '../../bin/local/dynamodb-local.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Runs a script that starts DynamoDB Local, prints java's pid, then dies the way `ending` says. */
async function javaPidAfter(ending: 'throw' | 'sigkill'): Promise<number> {
  const script = `
    import { startDynamoDbLocal } from './bin/local/dynamodb-local.ts';
    const db = await startDynamoDbLocal();
    console.log('PID', db.pid);
    ${ending === 'throw' ? "throw new Error('crash on purpose');" : 'setInterval(() => {}, 1000);'}
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/PID (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`script exited before printing a pid: ${out}`)));
  });
  if (ending === 'sigkill') child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

describe('startDynamoDbLocal', () => {
  it('answers on a loopback endpoint and stops its java process', async () => {
    const db = await startDynamoDbLocal();
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(isAlive(db.pid)).toBe(true);
    await db.stop();
    expect(await waitUntilGone(db.pid)).toBe(true);
  });

  it('says how to install Java when java is missing', async () => {
    const error = await startDynamoDbLocal({ javaCommand: 'centinela-no-such-java' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalDatabaseError);
    expect((error as Error).message).toContain('`centinela-no-such-java` was not found');
    expect((error as Error).message).toContain('apt-get install -y openjdk-17-jre-headless');
  });

  it('reports what java printed when DynamoDB Local cannot start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'centinela-java-'));
    const fakeJava = path.join(dir, 'java');
    await writeFile(fakeJava, '#!/bin/sh\necho "Unsupported class file major version 61" >&2\nexit 1\n');
    await chmod(fakeJava, 0o755);
    const error = await startDynamoDbLocal({ javaCommand: fakeJava }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('exited (code 1) before it was ready');
    expect((error as Error).message).toContain('Unsupported class file major version 61');
  });

  it('names JAVA_TOOL_OPTIONS, not the Java version, when the real java refuses the options set there', async () => {
    const before = process.env.JAVA_TOOL_OPTIONS;
    process.env.JAVA_TOOL_OPTIONS = '-XX:+CentinelaNoSuchOption';
    try {
      const error = await startDynamoDbLocal().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalDatabaseError);
      expect((error as Error).message).toContain('Java refused the options in JAVA_TOOL_OPTIONS ("-XX:+CentinelaNoSuchOption")');
      expect((error as Error).message).toContain("Unrecognized VM option 'CentinelaNoSuchOption'");
      expect((error as Error).message).not.toContain('apt-get');
    } finally {
      if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
      else process.env.JAVA_TOOL_OPTIONS = before;
    }
  });

  it('leaves no java process behind when the Node process crashes with an exception', async () => {
    const pid = await javaPidAfter('throw');
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('leaves no java process behind when the Node process is killed outright', async () => {
    const pid = await javaPidAfter('sigkill');
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('keeps data in the data folder across restarts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-data-'));
    const { localClient } = await import('../../bin/local/local-context.ts');
    const { CreateTableCommand, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const first = await startDynamoDbLocal({ dataDir });
    const client = localClient(first.endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: 'kept-table',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    client.destroy();
    await first.stop();
    const second = await startDynamoDbLocal({ dataDir });
    const again = localClient(second.endpoint);
    const { TableNames } = await again.send(new ListTablesCommand({}));
    again.destroy();
    await second.stop();
    expect(TableNames).toContain('kept-table');
  });
});
