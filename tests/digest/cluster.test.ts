import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusterStories, contentWords, sameTitle } from '../../lambdas/digest/cluster.ts';

const at = (hours: number) => new Date(Date.parse('2026-11-20T12:00:00Z') + hours * 3_600_000).toISOString();
const item = (articleId: string, title: string, hours = 0, text?: string) => ({ articleId, title, publishedAt: at(hours), text });
const ids = (groups: { articleId: string }[][]) => groups.map((g) => g.map((i) => i.articleId));

describe('clusterStories', () => {
  it('folds two Spanish outlets reporting the same prison break, worded differently', () => {
    const groups = clusterStories([
      item('vigia', 'INPE destituye al director del penal de Piura tras la fuga de un interno'),
      item('sur', 'Fuga en el penal de Piura: relevan a la dirección y detienen a cinco agentes del INPE', 5),
    ]);
    expect(ids(groups)).toEqual([['vigia', 'sur']]);
  });

  it('folds two English outlets reporting the same seizure', () => {
    const groups = clusterStories([
      item('monitor', 'Police seize two tonnes of cocaine hidden in a banana shipment at Callao port'),
      item('wire', 'Two tonnes of cocaine found in banana shipment at Callao port, police say', 3),
    ]);
    expect(ids(groups)).toEqual([['monitor', 'wire']]);
  });

  it('folds an English and a Spanish report of the same attack: there is no language check, only shared names, numbers and stems', () => {
    const groups = clusterStories([
      item('es', 'Extorsionadores atacan un bus de la empresa El Rápido en San Juan de Lurigancho'),
      item('en', 'Extortionists attack El Rápido bus in San Juan de Lurigancho', 4),
    ]);
    expect(ids(groups)).toEqual([['es', 'en']]);
  });

  it('keeps apart an English and a Spanish title that share too few names', () => {
    const groups = clusterStories([
      item('es', 'Capturan a extorsionadores en Trujillo'),
      item('en', 'Police raid a prison in Trujillo', 4),
    ]);
    expect(ids(groups)).toEqual([['es'], ['en']]);
  });

  it('folds near-identical texts even when the titles differ', () => {
    const text =
      'Brigadas de erradicación retiraron más de 1.200 hectáreas de coca ilegal en el Alto Huallaga este año. ' +
      'Los agricultores que se pasaron al cacao y al café reclaman caminos y compradores.';
    const groups = clusterStories([
      item('a', 'Huallaga: la erradicación de coca avanza', 0, text),
      item('b', 'Productores piden mercados para su cacao', 2, `Vía Diario del Sur. ${text}`),
    ]);
    expect(ids(groups)).toEqual([['a', 'b']]);
  });

  it('keeps apart different stories of the same theme and place', () => {
    const groups = clusterStories([
      item('bus', 'Extorsionadores atacan bus en Trujillo'),
      item('shop', 'Extorsionadores atacan bodega en Trujillo', 1),
      item('mine', 'El oro en precios récord dispara la minería ilegal en Arequipa y Puno', 2),
    ]);
    expect(ids(groups)).toEqual([['bus'], ['shop'], ['mine']]);
  });

  it('keeps apart the same words a week apart (a new event, not a retelling)', () => {
    const title = 'Fuga en el penal de Piura: relevan a la dirección del establecimiento';
    expect(ids(clusterStories([item('now', title), item('earlier', title, -7 * 24)]))).toEqual([['now'], ['earlier']]);
  });

  it('leads each cluster with the first (best-ranked) article it was given', () => {
    const groups = clusterStories([
      item('best', 'Fuga en el penal de Piura: relevan a la dirección y detienen a cinco agentes del INPE'),
      item('other', 'Capturan a un interno fugado del penal de Lurigancho', 1),
      item('copy', 'INPE destituye al director del penal de Piura tras la fuga de un interno', 2),
    ]);
    expect(ids(groups)).toEqual([['best', 'copy'], ['other']]);
  });
});

describe('clusterStories against the pairwise definition', () => {
  // The definition without the word index or the time buckets: each article joins the cluster of the first
  // earlier article (in rank order) published within 48 hours whose title it shares (sameTitle).
  const pairwise = (items: { articleId: string; title: string; publishedAt: string }[]) => {
    const homes: number[] = [];
    const clusters: string[][] = [];
    items.forEach((it, i) => {
      const at = Date.parse(it.publishedAt);
      const words = contentWords(it.title);
      const j = items.findIndex(
        (other, k) => k < i && Math.abs(Date.parse(other.publishedAt) - at) <= 48 * 3_600_000 && sameTitle(contentWords(other.title), words),
      );
      homes[i] = j === -1 ? clusters.push([]) - 1 : homes[j]!;
      clusters[homes[i]!]!.push(it.articleId);
    });
    return clusters;
  };
  const vocabulary = 'penal fuga interno Piura Trujillo policía extorsionadores bus ataque coca 12 Pataz oro mineros juez soborno'.split(' ');
  const title = fc.array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 9 }).map((w) => w.join(' '));
  const hours = fc.integer({ min: 0, max: 60 * 24 });

  it('gives the same clusters for titles spread over up to 60 days', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(title, hours), { maxLength: 80 }), (rows) => {
        const items = rows.map(([t, h], k) => item(`a${k}`, t, h));
        expect(ids(clusterStories(items))).toEqual(pairwise(items));
      }),
      { numRuns: 400 },
    );
  });
});
