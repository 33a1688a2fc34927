import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packBody, unpackBody } from '../../lambdas/store/article-body.ts';
import { articleItem, MAX_STORED_TEXT, toArticle } from '../../lambdas/store/article-items.ts';
import { StoreError } from '../../lambdas/store/errors.ts';
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

describe('the article record', () => {
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
