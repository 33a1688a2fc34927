import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createDigestReader, type DigestProfile } from '../../lambdas/digest/load-digest.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { CATALOG, makeArticle } from './make-article.ts';

// The daily digest for Lima day 20 Nov 2026: [2026-11-20T05:00Z, 2026-11-21T05:00Z).
const period = periodStarting('daily', '2026-11-20');
const everything: DigestProfile = { themes: 'all', regions: [], lang: 'es', minScore: 0 };

const busAttack = makeArticle({
  title: 'Extorsionadores atacan a balazos un bus de la empresa Los Rápidos en San Juan de Lurigancho',
  publishedAt: '2026-11-20T15:00:00.000Z',
  themes: { extortion: 8 },
  regions: ['lima'],
  feedName: 'El Vigía',
  snippet: 'los choferes pagaban un cupo diario a la banda',
});
const sameAttackElsewhere = makeArticle({
  title: 'San Juan de Lurigancho: atacan a balazos bus de Los Rápidos; extorsionadores exigían cupos',
  publishedAt: '2026-11-20T17:30:00.000Z',
  themes: { extortion: 6 },
  regions: ['lima'],
  feedName: 'Diario del Sur',
});
const shoemakers = makeArticle({
  title: 'Trujillo: zapateros de El Porvenir trabajan a puerta cerrada por el cobro de cupos',
  publishedAt: '2026-11-20T12:00:00.000Z',
  themes: { extortion: 5 },
  regions: ['la-libertad'],
});
const weakMention = makeArticle({ title: 'Comerciantes de Gamarra piden más patrullaje', publishedAt: '2026-11-20T13:00:00.000Z', themes: { extortion: 2 }, regions: ['lima'] });
const utcMidnight = makeArticle({ title: 'Balean fachada de una bodega en Comas', publishedAt: '2026-11-21T00:00:00.000Z', themes: { extortion: 5 }, regions: ['lima'] });
const limaMidnightNextDay = makeArticle({ title: 'Detienen a cabecilla de Los Pulpos', publishedAt: '2026-11-21T05:00:00.000Z', themes: { extortion: 9 } });
const lastSecondOfDayBefore = makeArticle({ title: 'Queman mototaxi en Villa El Salvador', publishedAt: '2026-11-20T04:59:59.000Z', themes: { extortion: 4 } });
const dayBefore = makeArticle({ title: 'Cobran cupos a colegios de Ate', publishedAt: '2026-11-19T18:00:00.000Z', themes: { extortion: 4 } });
const tenDaysBefore = makeArticle({ title: 'Extorsión a transportistas de Carabayllo', publishedAt: '2026-11-10T18:00:00.000Z', themes: { extortion: 4 } });
const dredges = makeArticle({
  title: 'Puno: destruyen dragas de minería ilegal en el río Ramis',
  publishedAt: '2026-11-20T20:00:00.000Z',
  themes: { illegal_mining: 7 },
  regions: ['puno'],
});

describe('reading a digest from the article store', () => {
  let context: StoreContext;

  beforeAll(async () => {
    context = await createTestStores();
    for (const article of [busAttack, sameAttackElsewhere, shoemakers, weakMention, utcMidnight, limaMidnightNextDay, lastSecondOfDayBefore, dayBefore, tenDaysBefore, dredges]) {
      await context.articles.putArticle(article);
    }
  });
  afterAll(() => context.close());

  const read = (profile: Partial<DigestProfile> = {}) => createDigestReader(context.articles, CATALOG).read({ ...everything, ...profile }, period);
  const titles = (digest: Awaited<ReturnType<typeof read>>, theme: string) =>
    digest.sections.find((s) => s.theme === theme)?.stories.map((s) => s.lead.title) ?? [];

  it('keeps the articles published in the Lima day: a UTC-midnight article is the evening before in Lima', async () => {
    const digest = await read();
    const extortion = titles(digest, 'extortion');
    expect(extortion).toContain(utcMidnight.title);
    expect(extortion).not.toContain(limaMidnightNextDay.title);
    expect(extortion).not.toContain(lastSecondOfDayBefore.title);
  });

  it('folds the same story from two outlets into one entry that names the other outlet', async () => {
    const story = (await read()).sections.find((s) => s.theme === 'extortion')!.stories.find((s) => s.lead.articleId === busAttack.id)!;
    expect(story.alsoIn).toEqual([{ feedName: 'Diario del Sur', url: sameAttackElsewhere.canonicalUrl }]);
    expect(story.outlets).toBe(2);
    expect(titles(await read(), 'extortion')).not.toContain(sameAttackElsewhere.title);
  });

  it('ranks stories by number of outlets, then score, newer first among equal scores', async () => {
    expect(titles(await read(), 'extortion')).toEqual([busAttack.title, utcMidnight.title, shoemakers.title, weakMention.title]);
  });

  it('counts stories (not articles) per theme this period against the previous day, on the same filters', async () => {
    const digest = await read();
    expect(digest.counts).toEqual([
      // 4 stories against a 28-day baseline of one story in all (the 10th): a spike.
      { theme: 'extortion', label: 'Extorsión', count: 4, previous: 2, spike: expect.objectContaining({ count: 4, spike: true, mean: 3 / 28 }) },
      { theme: 'illegal_mining', label: 'Minería ilegal', count: 1, previous: 0 },
      { theme: 'prisons', label: 'Cárceles', count: 0, previous: 0 },
    ]);
    expect(digest.totalStories).toBe(5);
    expect(digest.previousTotal).toBe(2);
    expect(digest.subject).toBe('Centinela · 20 nov. 2026: 5 noticias — Extorsión 4 (+2), Minería ilegal 1 (+1)');
  });

  it('draws 14 Lima days ending with the period in the chart, counting stories', async () => {
    const { chart } = await read();
    const days = chart.buckets.map((b) => b.day);
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-11-07');
    expect(days.at(-1)).toBe('2026-11-20');
    const extortion = chart.rows.find((r) => r.theme === 'extortion')!.counts;
    expect(extortion[days.indexOf('2026-11-20')]).toBe(4);
    expect(extortion[days.indexOf('2026-11-19')]).toBe(2);
    expect(extortion[days.indexOf('2026-11-10')]).toBe(1);
    expect(extortion.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('shows why each story was tagged with the snippet of the strongest hit outside the title', async () => {
    const story = (await read()).sections[0]!.stories[0]!;
    expect(story.why).toEqual({ snippet: 'los choferes pagaban un cupo diario a la banda', term: 'extortion' });
  });

  it('applies the subscriber filters: themes, regions and minimum score', async () => {
    expect((await read({ themes: ['illegal_mining'] })).sections.map((s) => s.theme)).toEqual(['illegal_mining']);
    expect(titles(await read({ regions: ['la-libertad'] }), 'extortion')).toEqual([shoemakers.title]);
    expect(titles(await read({ minScore: 3 }), 'extortion')).not.toContain(weakMention.title);
    expect((await read({ minScore: 3 })).counts[0]).toMatchObject({ theme: 'extortion', count: 3 });
  });

  it('gives an empty digest when nothing matches, still with counts and chart', async () => {
    const digest = await read({ themes: ['prisons'] });
    expect(digest.sections).toEqual([]);
    expect(digest.totalStories).toBe(0);
    expect(digest.counts).toEqual([{ theme: 'prisons', label: 'Cárceles', count: 0, previous: 0 }]);
    expect(digest.subject).toBe('Centinela · 20 nov. 2026: sin noticias');
  });

  it('reads with Query and BatchGetItem only: one Query per theme and each shown article once, in batches of at most 100, for every subscriber of the run', async () => {
    const recorder = recordCommands(context.client);
    const reader = createDigestReader(context.articles, CATALOG);
    const first = await reader.read(everything, period);
    await reader.read({ ...everything, regions: ['lima'], lang: 'en' }, period);
    recorder.stop();
    const operations = recorder.operations();
    expect(new Set(operations)).toEqual(new Set(['Query', 'BatchGetItem']));
    expect(operations.filter((o) => o === 'Query')).toHaveLength(CATALOG.themes.length);
    const batches = recorder.commands.filter((c) => c.operation === 'BatchGetItem');
    const keys = batches.map((c) => (c.input.RequestItems as Record<string, { Keys: { pk: { S: string } }[] }>)[context.tableNames.articles]!.Keys);
    for (const batch of keys) expect(batch.length).toBeLessThanOrEqual(100);
    const read = keys.flat().map((key) => key.pk.S);
    expect(new Set(read).size).toBe(read.length);
    const shown = first.sections.flatMap((section) => section.stories.map((story) => `ARTICLE#${story.lead.articleId}`));
    expect(shown.length).toBeGreaterThan(0);
    expect(read).toEqual(expect.arrayContaining(shown));
  });
});
