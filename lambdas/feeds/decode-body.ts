/**
 * Turns feed bytes into text before rss-parser sees them, because
 * `Response.text()` always assumes UTF-8 and rss-parser ignores the XML
 * declaration: Peruvian outlets serving ISO-8859-1 or windows-1252 would
 * otherwise come out as mojibake with no error.
 *
 * Order: BOM → HTTP charset → XML declaration → strict UTF-8 → windows-1252.
 * iconv-lite does the decoding (Node 20's TextDecoder gets windows-1252's
 * 0x80–0x9F range wrong, nodejs/node#56542).
 */
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** The charset used, lower-case. */
  charset: string;
  /** How the charset was chosen. */
  from: 'bom' | 'http' | 'xml' | 'utf8-valid' | 'fallback';
}

export function decodeBody(body: Buffer, contentType?: string): DecodedBody {
  const bom = charsetFromBom(body);
  if (bom) return { text: iconv.decode(body, bom), charset: bom, from: 'bom' };

  const http = usableCharset(charsetFromContentType(contentType));
  if (http) return { text: decodeAs(body, http), charset: http, from: 'http' };

  const declared = usableCharset(charsetFromXmlDeclaration(body));
  if (declared) return { text: decodeAs(body, declared), charset: declared, from: 'xml' };

  const utf8 = tryStrictUtf8(body);
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', from: 'utf8-valid' };
  return { text: iconv.decode(body, 'windows-1252'), charset: 'windows-1252', from: 'fallback' };
}

function charsetFromBom(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function charsetFromContentType(contentType?: string): string | undefined {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1]?.toLowerCase();
}

function charsetFromXmlDeclaration(body: Buffer): string | undefined {
  const head = body.subarray(0, 200).toString('latin1');
  const match = head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i);
  return match?.[1]?.toLowerCase();
}

/** A declared charset we can decode; an unknown label is ignored rather than trusted. */
function usableCharset(label?: string): string | undefined {
  if (!label) return undefined;
  // ISO-8859-1 labels in the wild are almost always windows-1252 (as browsers treat them).
  const normalized = /^(iso-?8859-1|latin-?1|us-ascii|ascii)$/.test(label) ? 'windows-1252' : label;
  return iconv.encodingExists(normalized) ? normalized : undefined;
}

/** Declared UTF-8 that isn't valid UTF-8 is usually windows-1252 mislabelled. */
function decodeAs(body: Buffer, charset: string): string {
  if (charset === 'utf-8' || charset === 'utf8') return tryStrictUtf8(body) ?? iconv.decode(body, 'windows-1252');
  return iconv.decode(body, charset);
}

function tryStrictUtf8(body: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}
