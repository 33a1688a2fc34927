/**
 * The bundle options' aliases (lib/bundling.ts) keep Lambda's behaviour: code
 * built with them, run in a fresh node process, reads credentials from the
 * environment as the SDK's default chain does in Lambda, and decodes HTML
 * entities in feeds exactly as the source does. Pure: esbuild and node only,
 * no AWS (the credentials are only resolved, never sent).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, projectRoot } from '../../lib/bundling.ts';
import { parseFeed } from '../../lambdas/feeds/parse/parse-feed.ts';
import { parseFeedList } from '../../lambdas/feeds/feed-list.ts';
import { parseEnv, positiveInt, tableName } from '../../lambdas/handlers/env.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'centinela-bundling-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Bundles `source` with the stack's options and runs it in a fresh node with exactly `env` (plus PATH); returns its JSON output. */
async function runBundled(name: string, source: string, env: Record<string, string> = {}): Promise<unknown> {
  const outfile = path.join(dir, `${name}.mjs`);
  // Resolved from the project root, as a handler's imports are.
  const stdin = { contents: source, resolveDir: projectRoot, loader: 'ts' as const };
  await build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], stdin, outfile, logLevel: 'silent' });
  const stdout = execFileSync(process.execPath, [outfile], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  return JSON.parse(stdout);
}

const resolveCredentials = `
  import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
  const client = new DynamoDBClient({ region: 'us-east-1' });
  try {
    const { accessKeyId, secretAccessKey, sessionToken } = await client.config.credentials();
    process.stdout.write(JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error.message }));
  }`;

describe('Lambda bundles', () => {
  it('take the SDK credentials from the environment, as the Lambda runtime provides them', async () => {
    const out = await runBundled('credentials-env', resolveCredentials, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      AWS_SESSION_TOKEN: 'session-token',
    });
    expect(out).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'session-token' });
  }, 60_000);

  it('say that only environment credentials are read when there are none (no profile, SSO or instance-role lookup)', async () => {
    const out = await runBundled('credentials-none', resolveCredentials, { AWS_PROFILE: 'analyst' });
    expect(out).toEqual({ error: expect.stringMatching(/^credentials: this bundle reads AWS credentials from the environment only \(AWS_ACCESS_KEY_ID/) });
  }, 60_000);

  it('decode HTML entities in feed items as the source does (one copy of entities for rss-parser and the normaliser)', async () => {
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Caf&amp;eacute; &amp;amp; t&amp;eacute; &amp;#8220;x&amp;#8221;</title>' +
      '<link>https://e.pe/1</link><description>&lt;p&gt;Extorsi&amp;oacute;n en &amp;Ntilde;a&amp;ntilde;a &amp;copy2026 &amp;notit; &amp;#128;&lt;/p&gt;</description></item></channel></rss>';
    const parseModule = JSON.stringify(path.join(projectRoot, 'lambdas/feeds/parse/parse-feed.ts'));
    const out = await runBundled(
      'entities',
      `import { parseFeed } from ${parseModule};
       const feed = await parseFeed(${JSON.stringify(feed)}, 'https://e.pe/feed');
       process.stdout.write(JSON.stringify(feed.items.map(({ title, contentSnippet }) => ({ title, contentSnippet }))));`,
    );
    const fromSource = (await parseFeed(feed, 'https://e.pe/feed')).items.map(({ title, contentSnippet }) => ({ title, contentSnippet }));
    expect(out).toEqual(fromSource);
    expect(out).toEqual([{ title: expect.any(String), contentSnippet: 'Extorsión en Ñaña ©2026 ¬it; €' }]);
  }, 60_000);

  it("word validation errors as the source does, in zod's English, with no classic zod in the bundle", async () => {
    const env = { ARTICLES_TABLE: 'ab', RETENTION_DAYS: '1.5' };
    const feeds = [{ id: 'Bad Id', name: ' ', url: 'ftp://x', lang: 'pt', fullText: 'yes', extra: 1 }, { id: 'ok', name: 'OK', url: 'https://e.pe/rss' }];
    const errorOf = (run: () => unknown) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const module = (file: string) => JSON.stringify(path.join(projectRoot, file));
    const out = await runBundled(
      'zod-messages',
      `import { parseEnv, positiveInt, tableName } from ${module('lambdas/handlers/env.ts')};
       import { parseFeedList } from ${module('lambdas/feeds/feed-list.ts')};
       const errorOf = ${errorOf.toString()};
       process.stdout.write(JSON.stringify([
         errorOf(() => parseEnv({ ARTICLES_TABLE: tableName, RETENTION_DAYS: positiveInt, FEEDS_TABLE: tableName }, ${JSON.stringify(env)})),
         errorOf(() => parseFeedList(${JSON.stringify(feeds)})),
       ]));`,
    );
    const fromSource = [
      errorOf(() => parseEnv({ ARTICLES_TABLE: tableName, RETENTION_DAYS: positiveInt, FEEDS_TABLE: tableName }, env)),
      errorOf(() => parseFeedList(feeds)),
    ];
    expect(out).toEqual(fromSource);
    expect((out as string[])[0]).toContain('RETENTION_DAYS Invalid input: expected int, received number (got "1.5")');
    expect((out as string[])[1]).toContain('feed #2 ("ok"): lang is missing');
  }, 60_000);
});
