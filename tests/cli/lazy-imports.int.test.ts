/**
 * `centinela` loads only what the command it runs uses (bin/cli/main.ts): the
 * command declarations are cheap, each action imports its implementation.
 * This is what keeps `--version`, `--help` and `query` (with `serve` running)
 * near a second; one static import of the store, the tagger or the web app
 * in a command module loads its whole tree for every command again.
 * Each test spawns the real CLI with tests/support/record-modules.mjs and
 * reads the list of modules the process loaded.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmptyDynamoDb, type EmptyDynamoDb } from '../support/empty-dynamodb.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECORDER = path.join(ROOT, 'tests/support/record-modules.mjs');

/** What no command needs before its action runs, and `query` never needs. */
const HEAVY = {
  'the tagger': /\/lambdas\/tagging\/tagger\.ts$/,
  'the feed parser': /\/lambdas\/feeds\/parse\/(read-feed|parse-feed)\.ts$|\/node_modules\/rss-parser\//,
  'the web app': /\/lambdas\/web\/|\/node_modules\/(hono|@hono\/node-server)\//,
  'the scheduler': /\/bin\/local\/local-service\.ts$|\/node_modules\/croner\//,
  cheerio: /\/node_modules\/cheerio\//,
  'chrono-node': /\/node_modules\/chrono-node\//,
  zod: /\/node_modules\/zod\//,
  nodemailer: /\/node_modules\/nodemailer\//,
  'the SES client': /\/node_modules\/@aws-sdk\/client-sesv2\//,
};
const DYNAMODB_CLIENT = /\/node_modules\/@aws-sdk\/client-dynamodb\//;

async function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ modules: string[]; stdout: string; stderr: string }> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'centinela-modules-')), 'modules.txt');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', RECORDER, path.join(ROOT, 'bin/centinela.js'), ...args],
    { env: { ...process.env, ...env, CENTINELA_MODULES_FILE: file }, timeout: 60_000 },
  );
  return { modules: (await readFile(file, 'utf8')).split('\n').filter(Boolean), stdout, stderr };
}

function heavyIn(modules: string[]): string[] {
  return Object.entries(HEAVY).flatMap(([name, pattern]) => {
    const found = modules.find((module) => pattern.test(module));
    return found ? [`${name} (${found})`] : [];
  });
}

describe('what a command loads', { timeout: 120_000 }, () => {
  it('--help loads every command declaration and none of their implementations, nor the AWS SDK', async () => {
    const { modules, stdout } = await loadedBy(['--help']);
    expect(stdout).toContain('query [options]');
    // The recorder saw the declarations: the list is not empty by accident.
    for (const declaration of ['query', 'serve', 'digest', 'rules', 'feeds', 'alerts']) {
      expect(modules).toContain(`file://${ROOT}/bin/cli/${declaration}.ts`);
    }
    expect(heavyIn(modules)).toEqual([]);
    expect(modules.filter((module) => /\/node_modules\/@(aws-sdk|smithy)\//.test(module))).toEqual([]);
  });

  describe('query', () => {
    let dynamodb: EmptyDynamoDb;
    beforeAll(async () => (dynamodb = await startEmptyDynamoDb()));
    afterAll(() => dynamodb?.close());

    it('loads the DynamoDB client and the store, not the tagger, the parser, the web app or the mailers', async () => {
      const { modules, stderr } = await loadedBy(['query', '--aws', '--since', '1d'], dynamodb.env);
      expect(stderr).toContain('0 article(s), newest first.');
      expect(dynamodb.targets.length).toBeGreaterThan(0);
      expect(new Set(dynamodb.targets)).toEqual(new Set(['DynamoDB_20120810.Query']));
      expect(modules.some((module) => DYNAMODB_CLIENT.test(module))).toBe(true);
      expect(modules).toContain(`file://${ROOT}/lambdas/store/find-listings.ts`);
      expect(heavyIn(modules)).toEqual([]);
    });
  });
});
