/** The real `centinela` commands, spawned as a user runs them, on a local data folder. Few on purpose: each spawn starts DynamoDB Local. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLocalContext } from '../../bin/local/local-context.ts';
import { centinela } from '../cli/run-cli.ts';
import { makeArticle } from './make-article.ts';
import { csvRecords } from './parse-csv.ts';

const articles = [
  makeArticle({ url: 'https://e2e.example.pe/1', title: 'Extorsión a mototaxistas en Comas', publishedAt: '2026-11-18T13:00:00.000Z', themes: { extortion: 8 }, regions: ['lima'] }),
  makeArticle({ url: 'https://e2e.example.pe/2', title: 'Cobro de cupos, "otra vez"', publishedAt: '2026-11-19T13:00:00.000Z', themes: { extortion: 6, corruption: 4 }, regions: ['lima', 'callao'] }),
  makeArticle({ url: 'https://e2e.example.pe/3', title: 'Dragas en Madre de Dios', publishedAt: '2026-11-19T15:00:00.000Z', themes: { illegal_mining: 9 }, regions: ['madre-de-dios'] }),
];

describe('centinela query and export, spawned', { timeout: 90_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-e2e-'));
    const local = await openLocalContext({ dataDir });
    try {
      for (const article of articles) await local.articles.putArticle(article);
    } finally {
      await local.close();
    }
  });

  it('query --theme --format csv prints the theme\'s articles, newest first, from the local data folder', async () => {
    const result = await centinela(['query', '--data-dir', dataDir, '--theme', 'extortion', '--since', '2026-11-01', '--until', '2026-11-21', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(csvRecords(result.stdout).map((r) => r.title)).toEqual(['Cobro de cupos, "otra vez"', 'Extorsión a mototaxistas en Comas']);
  });

  it('export --format csv writes a spreadsheet file with a BOM, one row per article', async () => {
    const out = path.join(dataDir, 'export.csv');
    const result = await centinela(['export', '--data-dir', dataDir, '--since', '2026-11-01', '--until', '2026-11-21', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Wrote 3 article(s) to ${out}`);
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRecords(bytes.toString('utf8').slice(1));
    expect(rows.map((r) => r.title)).toEqual(['Dragas en Madre de Dios', 'Cobro de cupos, "otra vez"', 'Extorsión a mototaxistas en Comas']);
    expect(rows[1]).toMatchObject({ themes: 'extortion; corruption', regions: 'lima; callao' });
  });

  it('a feed id that is neither listed nor polled exits with code 2 and lists the known feeds, and writes no file', async () => {
    const out = path.join(dataDir, 'typo.csv');
    const result = await centinela(['export', '--data-dir', dataDir, '--feed', 'la-republica-sociedd', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--feed "la-republica-sociedd" is neither in the feed list nor a feed this store has polled\. Known feeds: .*la-republica-sociedad/);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('an unknown theme exits with code 2 and lists the valid themes', async () => {
    const result = await centinela(['query', '--data-dir', dataDir, '--theme', 'extorsiones']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--theme <id>.*unknown theme "extorsiones"\. Valid themes: extortion \(Extortion\), illegal_mining/);
    expect(result.stdout).toBe('');
  });

  it('query --since 99999d reads back only as far as the retention, says so, and lists what is stored', async () => {
    const started = performance.now();
    const result = await centinela(['query', '--data-dir', dataDir, '--since', '99999d', '--format', 'json']);
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^centinela: --since 99999d starts before anything is kept: articles are kept 400 days after they are first seen \(docs\/data\.md, "Retention"\), so the period starts 400 days ago, on \d{4}-\d\d-\d\d\.\n$/,
    );
    expect((JSON.parse(result.stdout) as { title: string }[]).map((item) => item.title)).toEqual([
      'Dragas en Madre de Dios',
      'Cobro de cupos, "otra vez"',
      'Extorsión a mototaxistas en Comas',
    ]);
    // Before: one Query per Lima day of 99999 days, for minutes. Now at most ~400 days of Queries.
    expect(seconds).toBeLessThan(60);
  });
});
