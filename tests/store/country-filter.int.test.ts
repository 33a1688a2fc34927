/** The country decision in the store's item layout and the query filter (pure), and `query --country` argument errors (spawned, no database). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseCountryOption } from '../../bin/cli/query.ts';
import { articleItem, indexItems, toArticle, toListing } from '../../lambdas/store/article-items.ts';
import { aboutAny } from '../../lambdas/store/find-listings.ts';
import { makeArticle } from './make-article.ts';

const article = makeArticle({
  url: 'https://c.example.pe/frontera',
  publishedAt: '2026-11-20T09:00:00.000Z',
  themes: { extortion: 7 },
  regions: ['tumbes'],
  countries: ['EC', 'PE'],
});

describe('article items and countries', () => {
  it('puts countries on the article item and on each index item, in the tagger\'s order', () => {
    expect(articleItem(article, 30).countries).toEqual(['EC', 'PE']);
    const index = indexItems(article, 30);
    expect(index.map((i) => i.pk)).toEqual(['THEME#extortion', 'REGION#tumbes', 'DAY#2026-11-20']);
    for (const item of index) expect(item.countries).toEqual(['EC', 'PE']);
  });

  it('reads items without the attribute (stored before it existed) as countries []', () => {
    const { countries: _a, ...oldArticle } = articleItem(article, 30);
    const { countries: _b, ...oldIndex } = indexItems(article, 30)[0]!;
    expect(toArticle(oldArticle).countries).toEqual([]);
    expect(toListing(oldIndex).countries).toEqual([]);
    expect(toArticle(articleItem(article, 30)).countries).toEqual(['EC', 'PE']);
    expect(toListing(indexItems(article, 30)[0]!).countries).toEqual(['EC', 'PE']);
  });
});

describe('the country filter on listings', () => {
  it('keeps everything when no country is asked for', () => {
    expect(aboutAny({ countries: [] }, undefined)).toBe(true);
    expect(aboutAny({ countries: ['CO'] }, [])).toBe(true);
  });

  it('keeps a listing about any asked-for country, and never one whose country is unknown', () => {
    expect(aboutAny({ countries: ['EC', 'PE'] }, ['PE'])).toBe(true);
    expect(aboutAny({ countries: ['EC'] }, ['CO', 'EC'])).toBe(true);
    expect(aboutAny({ countries: ['EC'] }, ['PE'])).toBe(false);
    expect(aboutAny({ countries: [] }, ['PE'])).toBe(false);
  });
});

describe('--country', () => {
  it('takes comma-separated codes in any case, adds repeated options, and drops duplicates', () => {
    expect(parseCountryOption('pe')).toEqual(['PE']);
    expect(parseCountryOption('EC, co')).toEqual(['EC', 'CO']);
    expect(parseCountryOption('CO,PE', parseCountryOption('EC,CO'))).toEqual(['EC', 'CO', 'PE']);
  });

  it('rejects unknown codes, naming them, the argument and the fix', () => {
    expect(() => parseCountryOption('Peru')).toThrow(InvalidArgumentError);
    expect(() => parseCountryOption('PE,XX,PER')).toThrow(
      'unknown country codes "XX", "PER" in --country "PE,XX,PER"; use ISO 3166-1 alpha-2 codes such as PE (Peru), EC (Ecuador), CO (Colombia), BO (Bolivia), CL (Chile), BR (Brazil), e.g. --country PE or --country EC,CO.',
    );
    expect(() => parseCountryOption(' , ')).toThrow(/no country code in --country " , "/);
  });
});

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/centinela.js');

describe('centinela query --country, spawned', { timeout: 60_000 }, () => {
  it.each([
    [['--country', 'XX'], /unknown country code "XX" in --country "XX"; use ISO 3166-1 alpha-2 codes such as PE \(Peru\)/],
    [['--country', 'PE', '--country', 'PER'], /unknown country code "PER" in --country "PER"/],
  ])('rejects %j with exit 2 before opening a database, naming the option and the fix', async (args, message) => {
    const result = await promisify(execFile)(process.execPath, [CLI, 'query', ...args, '--data-dir', '/nonexistent/centinela'], { timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--country <codes>'");
    expect(result.stderr).toMatch(message);
  });
});
