/**
 * `poll --feed URL` and `feeds check URL` take a feed address from the command
 * line: one that is not an absolute http(s) URL is a bad argument (UsageError,
 * exit 2) naming the option and the fix, not a "feed list" error (exit 1) for a
 * list the user never gave.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedFromArgument, loadFeedFile, selectFeeds } from '../../bin/cli/poll.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

describe('feed addresses given as arguments', () => {
  it('poll --feed "not a url" names --feed and the fix', async () => {
    const refusal = selectFeeds({ feed: ['http://127.0.0.1:18555/feed.xml', 'not a url'] });
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('--feed "not a url" must be an absolute http(s) URL; give the feed\'s address, e.g. --feed https://insightcrime.org/feed/.');
  });

  it('feeds check ftp://x names the URL argument', async () => {
    const refusal = feedFromArgument('ftp://x', '<url>');
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('<url> "ftp://x" must be an absolute http(s) URL; give the feed\'s address, e.g. <url> https://insightcrime.org/feed/.');
  });

  it('a good address becomes a feed named after its host', async () => {
    await expect(feedFromArgument('http://127.0.0.1:18555/feed.xml', '--feed')).resolves.toMatchObject({ url: 'http://127.0.0.1:18555/feed.xml', name: '127.0.0.1', lang: 'es' });
  });

  it('poll --feeds with a file that does not exist names --feeds, the path and the fix', async () => {
    const refusal = selectFeeds({ feeds: '/nonexistent/my-feeds.json' });
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      '--feeds /nonexistent/my-feeds.json: no such file; check the path (relative paths start at the current folder), or leave out --feeds to poll the default list.',
    );
  });
});

const dir = mkdtempSync(path.join(tmpdir(), 'centinela-feed-list-'));
function listFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
const entry = (id: string) => `{ "id": "${id}", "name": "El Vigía", "url": "http://127.0.0.1:18555/${id}.xml", "lang": "es" }`;

describe('a feed list file (--feeds) with a mistake is a usage error (exit 2), not an outage (exit 1)', () => {
  it('invalid JSON: names the file, the line and the column, on one line, without the file\'s text', async () => {
    const file = listFile('syntax.json', `[\n  ${entry('el-vigia')},\n  ${entry('otro')},\n]\n`);
    const refusal = loadFeedFile(file);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      `--feeds ${file} is not valid JSON: line 4, column 1: Unexpected token ']'; fix the file (its format: docs/feeds.md, "The feed list").`,
    );
    await expect(refusal).rejects.not.toThrow('\n');
  });

  it('a duplicate id names the id and how many entries use it', async () => {
    const refusal = loadFeedFile(listFile('duplicate.json', `[${entry('el-vigia')}, ${entry('el-vigia')}]`));
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('feed list: feed "el-vigia": id is used by 2 entries; ids must be unique; fix the file');
  });

  it('a bad field names the entry and the field', async () => {
    const refusal = loadFeedFile(listFile('field.json', `[${entry('el-vigia').replace('"es"', '"fr"')}]`));
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('feed list: feed #1 ("el-vigia"): lang must be "es" or "en"; fix the file');
  });

  it('an empty list says it is empty and what to do', async () => {
    for (const [name, text] of [['empty.json', '[]'], ['empty-object.json', '{ "feeds": [] }']] as const) {
      const file = listFile(name, text);
      const refusal = loadFeedFile(file);
      await expect(refusal).rejects.toBeInstanceOf(UsageError);
      await expect(refusal).rejects.toThrow(`--feeds ${file}: the list is empty, so there is nothing to poll; add feeds to it`);
    }
  });

  it('a good list loads', async () => {
    await expect(loadFeedFile(listFile('good.json', `[${entry('el-vigia')}]`))).resolves.toMatchObject([{ id: 'el-vigia', lang: 'es' }]);
  });
});
