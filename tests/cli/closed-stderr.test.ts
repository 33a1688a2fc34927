/**
 * `centinela query … 2>&1 | head -1`: the reader may close the pipe that
 * stderr writes to. A write to it then fails with EPIPE; unhandled, that
 * turned the command's exit status into 1. A closed stderr only loses the
 * messages: the command runs on and exits with its own status (0 after a
 * query, 2 after a bad argument).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmptyDynamoDb, type EmptyDynamoDb } from '../support/empty-dynamodb.ts';

const CLI = path.resolve(import.meta.dirname, '../../bin/centinela.js');

/**
 * Runs the CLI with its stderr on a pipe whose reader has already closed its
 * end (as `head` does once it has its lines), so every write to stderr fails
 * with EPIPE. Resolves with the exit status and what went to stdout.
 */
async function centinelaWithClosedStderr(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string }> {
  const reader = spawn(process.execPath, ['-e', "require('fs').closeSync(0); console.log('closed'); setTimeout(() => {}, 30000)"], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  try {
    await once(reader.stdout, 'data');
    const cli = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', reader.stdin],
      env: { ...process.env, CENTINELA_UNSUBSCRIBE_KEY: 'cli-test-key-0123456789abcdef', ...env },
    });
    let stdout = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code] = (await once(cli, 'exit')) as [number | null];
    return { code, stdout };
  } finally {
    reader.kill();
  }
}

describe('a closed stderr', () => {
  let dynamodb: EmptyDynamoDb;
  beforeAll(async () => (dynamodb = await startEmptyDynamoDb()));
  afterAll(() => dynamodb?.close());
  const aws = () => dynamodb.env;

  it('keeps a query that writes its count to stderr and ends well at exit 0, its stdout intact', async () => {
    // Table output writes "0 article(s), newest first." to stderr, then the process ends on its own.
    const result = await centinelaWithClosedStderr(['query', '--aws', '--since', '1d'], aws());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('title');
  }, 60_000);

  it('keeps a note on stderr followed by more work at the command’s own status', async () => {
    // --since before the retention writes a note to stderr, then queries: the status is the query's, 0.
    const result = await centinelaWithClosedStderr(['query', '--aws', '--since', '4000d', '--format', 'json'], aws());
    expect(result).toEqual({ code: 0, stdout: '[]\n' });
  }, 60_000);

  it('keeps a bad argument at exit 2', async () => {
    expect((await centinelaWithClosedStderr(['query', '--theme', 'nope'])).code).toBe(2);
    expect((await centinelaWithClosedStderr(['demo', '--port', '9000', '--exit'])).code).toBe(2);
  }, 60_000);
});
