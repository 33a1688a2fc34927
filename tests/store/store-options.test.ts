import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployedTableNames } from '../../bin/cli/store-options.ts';

const outputs = {
  Centinela: {
    ArticlesTable: 'Centinela-StorageArticles1A2B',
    FeedsTable: 'Centinela-StorageFeeds3C4D',
    SubscribersTable: 'Centinela-StorageSubscribers5E6F',
    UnsubscribeUrl: 'https://x.lambda-url.us-east-1.on.aws/',
  },
};

async function outputsFile(content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'centinela-outputs-')), 'cdk-outputs.json');
  await writeFile(file, content);
  return file;
}

describe('deployedTableNames (--aws)', () => {
  it('reads the table names from the environment', () => {
    const env = { CENTINELA_ARTICLES_TABLE: 'a', CENTINELA_FEEDS_TABLE: 'f', CENTINELA_SUBSCRIBERS_TABLE: 's' };
    expect(deployedTableNames(env, '/nonexistent/cdk-outputs.json')).toEqual({ articles: 'a', feeds: 'f', subscribers: 's' });
  });

  it('falls back to the stack outputs written by `cdk deploy --outputs-file`, the environment winning', async () => {
    const file = await outputsFile(JSON.stringify(outputs));
    expect(deployedTableNames({ CENTINELA_FEEDS_TABLE: 'override' }, file)).toEqual({
      articles: 'Centinela-StorageArticles1A2B',
      feeds: 'override',
      subscribers: 'Centinela-StorageSubscribers5E6F',
    });
  });

  it('says which variables or outputs are missing and how to provide them', () => {
    expect(() => deployedTableNames({ CENTINELA_ARTICLES_TABLE: 'a' }, '/nonexistent/cdk-outputs.json')).toThrow(
      /set CENTINELA_FEEDS_TABLE, CENTINELA_SUBSCRIBERS_TABLE \(the FeedsTable, SubscribersTable outputs.*--outputs-file cdk-outputs\.json/,
    );
  });

  it('names an outputs file that is not JSON', async () => {
    const file = await outputsFile('{ not json');
    expect(() => deployedTableNames({}, file)).toThrow(`${file} is not valid JSON`);
  });
});
