import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../../../lambdas/feeds/feed-source.ts';
import { googleNewsArticleId } from '../../../lambdas/feeds/normalize/google-news.ts';
import { normalizeItem } from '../../../lambdas/feeds/normalize/normalize-item.ts';
import { outletHost, storyKey } from '../../../lambdas/feeds/normalize/story-key.ts';
import { parseFeed } from '../../../lambdas/feeds/parse/parse-feed.ts';

const NOW = new Date('2026-11-22T18:00:00.000Z');
const feed = (id: string, name: string): FeedSource => ({ id, name, url: `https://feeds.example/${id}`, lang: 'es', fullText: false });

/** The story keys of a feed's items, as the poll computes them. */
async function keysOf(xml: string, source: FeedSource): Promise<(string | undefined)[]> {
  const parsed = await parseFeed(xml, source.url);
  return parsed.items.map((item) => {
    const result = normalizeItem(item, source, source.url, NOW);
    if (!result.ok) throw new Error(result.reason);
    return result.draft.storyKey;
  });
}

const rss = (items: string) => `<rss version="2.0"><channel><title>t</title><link>https://feeds.example/</link>${items}</channel></rss>`;
const gnItem = (title: string, outlet: string, url?: string) =>
  `<item><title>${title} - ${outlet}</title><link>https://news.google.com/rss/articles/CBMi${outlet.length}x?oc=5</link>` +
  `<pubDate>Sun, 22 Nov 2026 15:00:00 GMT</pubDate>${url ? `<source url="${url}">${outlet}</source>` : ''}</item>`;
const ownItem = (title: string, link: string) => `<item><title>${title}</title><link>${link}</link><pubDate>Sun, 22 Nov 2026 14:00:00 GMT</pubDate></item>`;

describe('storyKey', () => {
  it('folds the title as the tagger does: case, accents, punctuation and spacing ignored', () => {
    expect(storyKey('correo.pe', '  EXTORSIÓN en Trujillo:   capturan a “Los Pulpos” ')).toBe('correo.pe|extorsion en trujillo capturan a los pulpos');
    expect(storyKey('correo.pe', 'Extorsion en Trujillo — capturan a Los Pulpos')).toBe(storyKey('correo.pe', 'extorsión en TRUJILLO: capturan a los pulpos.'));
  });

  it('keeps ñ apart from n, as the tagger does ("año" is not "ano")', () => {
    expect(storyKey('a.pe', 'Cinco muertos en un año de extorsión')).not.toBe(storyKey('a.pe', 'Cinco muertos en un ano de extorsion'));
  });

  it('has no key for a title of fewer than four words, or an unknown outlet', () => {
    expect(storyKey('a.pe', 'Minuto a minuto')).toBeUndefined();
    expect(storyKey(undefined, 'Capturan a cabecilla de Los Pulpos')).toBeUndefined();
  });
});

describe('outletHost', () => {
  it('is the host in lower case without "www." or a trailing dot', () => {
    expect(outletHost('https://WWW.DiarioCorreo.pe/edicion/lima/nota/')).toBe('diariocorreo.pe');
    expect(outletHost('https://diariocorreo.pe.')).toBe('diariocorreo.pe');
    expect(outletHost('https://m.diariocorreo.pe/x')).toBe('m.diariocorreo.pe');
    expect(outletHost('not a url')).toBeUndefined();
    expect(outletHost('javascript:alert(1)')).toBeUndefined();
  });
});

describe('story keys of feed items', () => {
  const title = 'Capturan a tres extorsionadores de mototaxistas en Chiclayo';

  it('a Google News item (suffix dropped, outlet from <source url>) and the outlet’s own item have the same key', async () => {
    const [gn] = await keysOf(rss(gnItem(title, 'Diario Correo', 'https://diariocorreo.pe')), feed('gn', 'Google News'));
    const [own] = await keysOf(rss(ownItem(title, 'https://www.diariocorreo.pe/edicion/lambayeque/capturan-noticia/?utm_source=rss')), feed('correo', 'Correo'));
    expect(gn).toBe('diariocorreo.pe|capturan a tres extorsionadores de mototaxistas en chiclayo');
    expect(own).toBe(gn);
  });

  it('an outlet name with a hyphen is stripped whole: "… - La República - Perú" ends at the outlet <source> names', async () => {
    const [gn] = await keysOf(rss(gnItem(title, 'La República - Perú', 'https://larepublica.pe')), feed('gn', 'Google News'));
    expect(gn).toBe('larepublica.pe|capturan a tres extorsionadores de mototaxistas en chiclayo');
  });

  it('the same headline from two outlets has two keys', async () => {
    const keys = await keysOf(
      rss(gnItem(title, 'Diario Correo', 'https://diariocorreo.pe') + gnItem(title, 'La República', 'https://larepublica.pe')),
      feed('gn', 'Google News'),
    );
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.map((k) => k?.split('|')[0])).toEqual(['diariocorreo.pe', 'larepublica.pe']);
  });

  it('a near miss (one number differs) is another story', async () => {
    const keys = await keysOf(
      rss(ownItem(title, 'https://diariocorreo.pe/a/') + ownItem(title.replace('tres', 'cuatro'), 'https://diariocorreo.pe/b/')),
      feed('correo', 'Correo'),
    );
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('a Google News item with no <source url> has no key (its outlet’s host is unknown) but a stable id', async () => {
    const [key] = await keysOf(rss(gnItem(title, 'Radio Sur')), feed('gn', 'Google News'));
    expect(key).toBeUndefined();
    expect(googleNewsArticleId({ title, outlet: 'Radio Sur' })).toBe(googleNewsArticleId({ title: title.toUpperCase(), outlet: 'RADIO SUR' }));
  });

  it('Google News article ids are the ones stories were first stored under (stored articles keep their ids)', () => {
    // Values computed with the formula as first released (main at eeaeca7).
    expect(googleNewsArticleId({ title: 'Asaltan a cambistas en el Cercado de Lima', outlet: 'Diario Huaraz Hoy', outletUrl: 'https://huarazhoy.example' })).toBe(
      '6b7ab981d589915f1665fe04b6452cfd',
    );
    expect(googleNewsArticleId({ title: 'Año de extorsión: ¡Ñandú!', outlet: 'Radio Sur' })).toBe('40d5bc561057832e4c7fdff60ba3c76b');
  });
});
