/**
 * The digest's structure, read from DynamoDB Local: top stories by outlets
 * then score, each story once under its strongest theme, every count a count
 * of stories.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Digest } from '../../lambdas/digest/digest.ts';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { CATALOG, makeArticle } from './make-article.ts';

const period = periodStarting('daily', '2026-11-20'); // Lima day 20 Nov 2026

// A: one event told by three outlets (extortion, and weakly prisons).
const busA = [
  makeArticle({ title: 'Extorsionadores atacan a balazos un bus de Los Rápidos en San Juan de Lurigancho', publishedAt: '2026-11-20T14:00:00.000Z', themes: { extortion: 6, prisons: 3 }, regions: ['lima'], feedName: 'El Vigía', summary: 'Los atacantes dispararon contra el bus. Nadie resultó herido.' }),
  makeArticle({ title: 'San Juan de Lurigancho: atacan a balazos bus de Los Rápidos; extorsionadores exigían cupos', publishedAt: '2026-11-20T15:00:00.000Z', themes: { extortion: 5 }, regions: ['lima'], feedName: 'Diario del Sur' }),
  makeArticle({ title: 'Atacan a balazos bus de la empresa Los Rápidos en San Juan de Lurigancho', publishedAt: '2026-11-20T16:00:00.000Z', themes: { extortion: 4 }, regions: ['lima'], feedName: 'Radio Centro' }),
];
// B: a single outlet with the best score of the day.
const chiefB = makeArticle({ title: 'Detienen al cabecilla de Los Pulpos en Trujillo', publishedAt: '2026-11-20T18:00:00.000Z', themes: { extortion: 9 }, regions: ['la-libertad'] });
// C: one article that two feeds carried (merged sources), prisons.
const raidC: Article = {
  ...makeArticle({ title: 'Requisa en el penal de Lurigancho: decomisan 300 celulares', publishedAt: '2026-11-20T12:00:00.000Z', themes: { prisons: 5 }, regions: ['lima'], feedName: 'El Vigía' }),
};
raidC.sources = [...raidC.sources, { feedId: 'andes', feedName: 'Andes Monitor', link: 'https://andes.example.pe/lurigancho-raid' }];
// D and E: illegal mining; E also (weakly) extortion, so it is placed under mining with an extortion chip.
const dredgesD = makeArticle({ title: 'Puno: destruyen dragas de minería ilegal en el río Ramis', publishedAt: '2026-11-20T20:00:00.000Z', themes: { illegal_mining: 4 }, regions: ['puno'] });
const pataz = makeArticle({ title: 'Pataz: mineros ilegales cobran cupos a los transportistas de la zona', publishedAt: '2026-11-20T13:00:00.000Z', themes: { illegal_mining: 8, extortion: 2 }, regions: ['la-libertad'] });
// The day before: one story told by two outlets.
const before = [
  makeArticle({ title: 'Queman mototaxi en Villa El Salvador por no pagar cupos a extorsionadores', publishedAt: '2026-11-19T18:00:00.000Z', themes: { extortion: 4 }, regions: ['lima'], feedName: 'El Vigía' }),
  makeArticle({ title: 'Villa El Salvador: queman mototaxi por no pagar cupos a extorsionadores', publishedAt: '2026-11-19T19:00:00.000Z', themes: { extortion: 4 }, regions: ['lima'], feedName: 'Diario del Sur' }),
];

describe('the digest structure on DynamoDB Local', () => {
  let context: StoreContext;
  let digest: Digest;

  beforeAll(async () => {
    context = await createTestStores();
    for (const article of [...busA, chiefB, raidC, dredgesD, pataz, ...before]) await context.articles.putArticle(article);
    digest = await createDigestReader(context.articles, CATALOG).read({ themes: 'all', regions: [], lang: 'es', minScore: 0 }, period);
  });
  afterAll(() => context.close());

  const leads = (d: Digest) => d.sections.flatMap((s) => s.stories.map((story) => story.lead.articleId));

  it('puts the 3 biggest stories on top: most outlets first, then score', () => {
    expect(digest.top.map((s) => [s.lead.articleId, s.outlets])).toEqual([
      [busA[0]!.id, 3],
      [raidC.id, 2],
      [chiefB.id, 1],
    ]);
    expect(digest.top[0]!.themes).toEqual(['extortion', 'prisons']);
    expect(digest.top[0]!.regions).toEqual(['lima']);
  });

  it('shows each story once, under its strongest theme, with the other themes as chips and multi-outlet stories first', () => {
    expect(leads(digest)).toHaveLength(5);
    expect(new Set(leads(digest)).size).toBe(5);
    expect(digest.sections.map((s) => [s.theme, s.stories.map((story) => story.lead.articleId), s.elsewhere])).toEqual([
      ['extortion', [busA[0]!.id, chiefB.id], 1],
      ['illegal_mining', [pataz.id, dredgesD.id], 0],
      ['prisons', [raidC.id], 1],
    ]);
    const patazStory = digest.sections[1]!.stories[0]!;
    expect(patazStory.themes).toEqual(['illegal_mining', 'extortion']);
    expect(digest.sections[0]!.stories[0]!.alsoIn.map((a) => a.feedName)).toEqual(['Diario del Sur', 'Radio Centro']);
    expect(digest.sections[0]!.stories[0]!.lede).toBe('Los atacantes dispararon contra el bus.');
  });

  it('counts stories, not articles, in the comparison, the subject, the sections and the regions', () => {
    expect(digest.totalStories).toBe(5);
    expect(digest.previousTotal).toBe(1);
    expect(digest.counts.map((c) => [c.theme, c.count, c.previous])).toEqual([
      ['extortion', 3, 1],
      ['illegal_mining', 2, 0],
      ['prisons', 2, 0],
    ]);
    expect(digest.subject).toBe('Centinela · 20 nov. 2026: 5 noticias — Extorsión 3 (+2), Minería ilegal 2 (+2), Cárceles 2 (+2)');
    expect(digest.regions.map((r) => [r.region, r.count, r.previous])).toEqual([
      ['lima', 2, 1],
      ['la-libertad', 2, 0],
      ['puno', 1, 0],
    ]);
  });

  it('renders it that way: one entry per story, sections headed by their story counts, top lines with chips and outlets', async () => {
    const { html, text } = await composeDigestMail({ digest, to: 'ana@example.pe', from: 'digest@centinela.test', now: new Date('2026-11-21T12:00:00.000Z') });
    for (const id of leads(digest)) expect(html.match(new RegExp(`data-story="${id}"`, 'g'))).toHaveLength(1);
    expect(html).toContain('Extorsión (2) <span style="font-size:12px;font-weight:normal;color:#777">+1 en otra sección</span>');
    expect(html).toContain('Minería ilegal (2)</h2>');
    expect(html.indexOf('data-top>')).toBeLessThan(html.indexOf('data-changes>'));
    expect(html.indexOf('data-changes>')).toBeLessThan(html.indexOf('data-theme='));
    expect(html).toMatch(/data-top-story="[^"]+"><strong><a [^>]+>Extorsionadores atacan a balazos[^<]+<\/a><\/strong><br><span[^>]*>Extorsión<\/span><span[^>]*>Cárceles<\/span><span[^>]*>Lima · 3&nbsp;medios<\/span>/);
    expect(html).toContain('El Vigía · 09:00&nbsp;a.&nbsp;m. (hora de Lima) · Lima');
    expect(text).toContain('* Extorsionadores atacan a balazos un bus de Los Rápidos en San Juan de Lurigancho [Extorsión, Cárceles · Lima · 3\u00a0medios]');
  });
});
