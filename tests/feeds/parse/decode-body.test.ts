import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../lambdas/feeds/parse/decode-body.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const cp1252 = (text: string) => iconv.encode(text, 'win1252');

describe('decodeBody on a feed that mixes UTF-8 and windows-1252', () => {
  // A UTF-8 feed where one item was pasted from windows-1252 text: one bad item
  // must not turn every other item's "í" into "Ã­".
  const mixed = Buffer.concat([
    utf8('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Policía del Perú</title>'),
    utf8('<item><title>Capturan a cabecilla en Comas: “ya no cobrará más”, dijo la Policía</title></item>'),
    cp1252('<item><title>Fiscalía acusa a “Los Injertos” – video</title></item>'),
    utf8('<item><title>Sicarios atacan a mototaxista en San Martín de Porres</title></item></channel></rss>'),
  ]);

  it.each([
    ['declared UTF-8 in the XML declaration', mixed, undefined],
    ['declared UTF-8 in Content-Type', mixed, 'application/rss+xml; charset=utf-8'],
    ['not declared', Buffer.from(mixed.toString('latin1').replace(' encoding="utf-8"', ''), 'latin1'), undefined],
  ])('%s: the UTF-8 parts read as UTF-8 and the stray windows-1252 bytes as windows-1252', (_, body, contentType) => {
    const decoded = decodeBody(body, contentType);
    expect(decoded.text).toContain('<title>Policía del Perú</title>');
    expect(decoded.text).toContain('Capturan a cabecilla en Comas: “ya no cobrará más”, dijo la Policía');
    expect(decoded.text).toContain('Fiscalía acusa a “Los Injertos” – video');
    expect(decoded.text).toContain('San Martín de Porres');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.from).toBe('mixed');
  });

  it('a whole windows-1252 feed mislabelled UTF-8 is still read as windows-1252, even where two of its bytes look like UTF-8 ("CAMIÓN”")', () => {
    const text = '<rss><channel><title>Diario del Sur</title><item><title>Asaltan “CAMIÓN” de caudales en Ñaña; la Policía captura a tres</title></item></channel></rss>';
    const decoded = decodeBody(cp1252(text), 'text/xml; charset=utf-8');
    expect(decoded).toEqual({ text, charset: 'windows-1252', from: 'fallback' });
  });

  it('valid UTF-8 is read as UTF-8', () => {
    const text = '<rss><channel><title>Policía “ok”</title></channel></rss>';
    expect(decodeBody(utf8(text), 'text/xml; charset=utf-8')).toEqual({ text, charset: 'utf-8', from: 'http' });
  });
});
