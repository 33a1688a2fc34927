import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newsText } from '../../bench/news-text.ts';
import { seededRandom } from '../../bench/suite.ts';
import { packBody, packBodyAt, unpackBody, type BodyFields } from '../../lambdas/store/article-body.ts';
import { articleItem, MAX_STORED_TEXT, toArticle } from '../../lambdas/store/article-items.ts';
import { StoreError } from '../../lambdas/store/errors.ts';
import { itemBytes, writeUnits } from '../../lambdas/store/item-size.ts';
import { makeArticle } from './make-article.ts';

const themes = [{ theme: 'extortion', score: 7.5, hits: [{ term: 'extorsión', field: 'text' as const, count: 3, snippet: '…cobro de cupos a mototaxistas…', source: 'seed.md' }] }];
const text =
  'La Policía Nacional del Perú capturó en Trujillo a cuatro presuntos integrantes de una banda que cobraba cupos a ' +
  'mototaxistas y comerciantes del mercado La Hermelinda. Según la fiscalía, los detenidos enviaban mensajes con ' +
  'amenazas de muerte y explosivos a las víctimas que se negaban a pagar la llamada «vacuna». ';

describe('packBody and unpackBody', () => {
  it('packs summary, text and themes into one binary attribute and reads them back exactly', () => {
    const fields = { summary: 'Capturan a extorsionadores en Trujillo — «Los Pulpos»', text: text.repeat(4), themes };
    const packed = packBody(fields);
    expect(Object.keys(packed)).toEqual(['body']);
    expect(unpackBody({ id: 'a', ...packed })).toEqual(fields);
  });

  it('keeps the three as they are when packing would not make them smaller', () => {
    const fields = { summary: 'Breve', text: 'Breve', themes: [] };
    expect(packBody(fields)).toEqual(fields);
    expect(unpackBody({ id: 'a', ...fields })).toEqual(fields);
  });

  it('reads a record stored before packing (plain summary, text and themes)', () => {
    expect(unpackBody({ id: 'a', summary: 's', text: 't', themes })).toEqual({ summary: 's', text: 't', themes });
    expect(unpackBody({ id: 'a' })).toEqual({ summary: '', text: '', themes: [] });
  });

  it('a body that is not what packBody writes is a StoreError naming the article and the fix', () => {
    const notBrotli = () => unpackBody({ id: 'abc123', body: new Uint8Array([1, 2, 3]) });
    expect(notBrotli).toThrow(StoreError);
    expect(notBrotli).toThrow(/^store: article abc123: its "body" attribute is not Brotli-compressed \[summary, text, themes\] .*; store the article again$/);
    const wrongShape = () => unpackBody({ id: 'abc123', body: new Uint8Array(brotliCompressSync(Buffer.from('{"summary":"s"}'))) });
    expect(wrongShape).toThrow(expect.objectContaining({ kind: 'corrupt-body' }));
  });
});

/** Brotli of the body's JSON at `quality` and a 2^`windowBits`-byte window, as packBody writes it. */
const brotliAt = (fields: BodyFields, quality: number, windowBits = 16) =>
  brotliCompressSync(Buffer.from(JSON.stringify([fields.summary, fields.text, fields.themes]), 'utf8'), {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: windowBits },
  });
const bodyBytes = (packed: ReturnType<typeof packBody>) => ('body' in packed ? packed.body.byteLength : Infinity);
/** Write units of a record of `otherBytes` plus a `body` of `bytes`. */
const recordUnits = (otherBytes: number, bytes: number) => writeUnits(otherBytes + 'body'.length + bytes);

describe('how packBody packs: quickly, and tighter only where the bill drops', () => {
  // Varied news-like text of a real article's length (bench/news-text.ts), where quality 5 packs ~8% tighter than quality 1.
  const fields = { summary: '', text: newsText(seededRandom(7), 1_600), themes };
  const fast = brotliAt(fields, 1).length;
  const tight = brotliAt(fields, 5).length;

  it('quality 5 packs this text tighter than quality 1 (what the cases below rely on)', () => {
    expect(tight).toBeLessThan(fast - 40);
  });

  it('keeps quality 1 where the record stays within the same KB whatever the packing', () => {
    const otherBytes = 2048 - 'body'.length - fast - 400;
    expect(bodyBytes(packBody(fields, otherBytes))).toBe(fast);
  });

  it('packs again at quality 5 when that starts one KB fewer of the record', () => {
    const otherBytes = 2048 - 'body'.length - tight; // at quality 5 the record is exactly 2 KB, at quality 1 it is more
    const packed = packBody(fields, otherBytes);
    expect(bodyBytes(packed)).toBe(tight);
    expect(recordUnits(otherBytes, bodyBytes(packed))).toBe(2);
    expect(recordUnits(otherBytes, fast)).toBe(3);
  });

  it('never costs a record more write units than quality 5 would, wherever the rest of the record puts the KB boundaries', () => {
    for (let otherBytes = 0; otherBytes <= 4096; otherBytes += 5) {
      expect(recordUnits(otherBytes, bodyBytes(packBody(fields, otherBytes))), `rest of the record ${otherBytes} bytes`).toBe(recordUnits(otherBytes, tight));
    }
  });

  it('packBodyAt packs at the one quality asked, with packBody\'s window, and leaves a short body plain', () => {
    expect(bodyBytes(packBodyAt(fields, 1))).toBe(fast);
    expect(bodyBytes(packBodyAt(fields, 5))).toBe(tight);
    expect(unpackBody({ id: 'a', ...packBodyAt(fields, 3) })).toEqual(fields);
    const short = { summary: 'Breve', text: 'Breve', themes: [] };
    expect(packBodyAt(short, 5)).toEqual(short);
  });

  it('reads back bodies packed at other qualities and windows: quality 5 with a 64 KB window and quality 4 with the default window (records stored until 2026-11-30), quality 11', () => {
    for (const [quality, windowBits] of [[5, 16], [4, 22], [11, 24]] as const) {
      expect(unpackBody({ id: 'a', body: new Uint8Array(brotliAt(fields, quality, windowBits)) })).toEqual(fields);
    }
  });
});

describe('the article record', () => {
  it('carries the extra attributes it is given (the write’s id), and its body is packed for the record as a whole', () => {
    const article = { ...makeArticle({ publishedAt: '2026-11-20T14:30:00.000Z', themes: { extortion: 7.5 } }), text: newsText(seededRandom(3), 1_800) };
    const item = articleItem(article, 400, { writeId: '2b0f6c1e-4d7a-4d3e-9b1a-1f0e2d3c4b5a' });
    expect(item.writeId).toBe('2b0f6c1e-4d7a-4d3e-9b1a-1f0e2d3c4b5a');
    expect(toArticle(item)).toEqual(article);
    const { body, ...rest } = item;
    const atQuality5 = brotliAt({ summary: article.summary, text: article.text, themes: article.themes }, 5).length;
    expect(recordUnits(itemBytes(rest), (body as Uint8Array).byteLength)).toBe(recordUnits(itemBytes(rest), atQuality5));
  });

  it('carries body instead of summary, text and themes, and toArticle gives back the article', () => {
    const article = { ...makeArticle({ publishedAt: '2026-11-20T14:30:00.000Z', themes: { extortion: 7.5 } }), text: text.repeat(10) };
    const item = articleItem(article, 400);
    expect(item).toHaveProperty('body');
    for (const name of ['summary', 'text', 'themes']) expect(item).not.toHaveProperty(name);
    expect(toArticle(item)).toEqual(article);
    // 2 KB of Spanish prose (repeated here, so far smaller than real text gets: about half).
    expect((item.body as Uint8Array).byteLength).toBeLessThan(article.text.length / 4);
  });

  it('caps the text before packing and marks it truncated', () => {
    const article = { ...makeArticle({ publishedAt: '2026-11-20T14:30:00.000Z' }), text: 'ñ'.repeat(MAX_STORED_TEXT + 10) };
    const item = articleItem(article, 400);
    expect(item.textTruncated).toBe(true);
    expect(toArticle(item).text).toHaveLength(MAX_STORED_TEXT);
  });
});
