/**
 * Turns feed bytes into text before rss-parser sees them, because
 * `Response.text()` always assumes UTF-8 and rss-parser ignores the XML
 * declaration: Peruvian outlets serving ISO-8859-1 or windows-1252 would
 * otherwise come out as mojibake with no error.
 *
 * Order: gzip bytes served without Content-Encoding are unpacked; then
 * BOM → UTF-16/32 sniffing → HTTP charset → XML (or HTML meta) declaration →
 * strict UTF-8 → windows-1252 (or UTF-8 with its stray windows-1252 bytes
 * read one by one, when the valid UTF-8 outnumbers them: see notUtf8). A declared single-byte charset loses to valid
 * multi-byte UTF-8 (feeds that declare ISO-8859-1 but send UTF-8 are common).
 * Valid UTF-8 is checked with `buffer.isUtf8` and decoded by Buffer; other
 * charsets by Node's own TextDecoder (full ICU, as Lambda's Node.js
 * runtimes have, knows the WHATWG Encoding Standard's labels), except for
 * windows-1252, which Node 20 gets wrong in 0x80–0x9F (it drops those bytes,
 * nodejs/node#56542) and which gets its own 32-entry table, and UTF-32, which
 * TextDecoder does not support.
 */
import { isUtf8 } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { WINDOWS_1252_C1 } from './windows-1252.ts';

export interface DecodedBody {
  text: string;
  /** The charset used, lower-case. */
  charset: string;
  /** How the charset was chosen. */
  from: 'bom' | 'sniff' | 'http' | 'xml' | 'utf8-valid' | 'mixed' | 'fallback';
}

export function decodeBody(raw: Buffer, contentType?: string, maxBytes = 10 * 1024 * 1024): DecodedBody {
  const body = unpackGzip(raw, maxBytes);
  const bom = charsetFromBom(body);
  if (bom) return { text: stripBom(decodeAs(body, bom)), charset: bom, from: 'bom' };

  const sniffed = sniffWideCharset(body);
  if (sniffed) return { text: decodeAs(body, sniffed), charset: sniffed, from: 'sniff' };

  const http = usableCharset(charsetFromContentType(contentType));
  if (http) return decodeDeclared(body, http, 'http');

  const declared = usableCharset(charsetFromDeclaration(body));
  if (declared) return decodeDeclared(body, declared, 'xml');

  const utf8 = tryStrictUtf8(body);
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', from: 'utf8-valid' };
  return notUtf8(body);
}

/** Some servers send a .gz file as the feed itself; unpack it (within the same cap). */
function unpackGzip(body: Buffer, maxBytes: number): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch {
    return body;
  }
}

function charsetFromBom(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0x00 && body[1] === 0x00 && body[2] === 0xfe && body[3] === 0xff) return 'utf-32be';
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0x00 && body[3] === 0x00) return 'utf-32le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** "<" (or whitespace) encoded in UTF-16/32 without a BOM, as the XML spec's appendix F describes. */
function sniffWideCharset(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  const [a, b, c, d] = body;
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function charsetFromContentType(contentType?: string): string | undefined {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1]?.toLowerCase();
}

/** The XML declaration's encoding, or an HTML page's <meta charset> (article pages). */
function charsetFromDeclaration(body: Buffer): string | undefined {
  const head = body.subarray(0, 2048).toString('latin1');
  const xml = head.match(/<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i);
  if (xml) return xml[1]!.toLowerCase();
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i);
  return meta?.[1]?.toLowerCase();
}

/** A declared charset we can decode; an unknown label is ignored rather than trusted. */
function usableCharset(label?: string): string | undefined {
  if (!label) return undefined;
  // ISO-8859-1 labels in the wild are almost always windows-1252 (as browsers treat them).
  const normalized = /^(iso[-_]?8859[-_]?1|latin-?1|l1|us-ascii|ascii|cp819)$/.test(label) ? 'windows-1252' : label;
  return canDecode(normalized) ? normalized : undefined;
}

function decodeDeclared(body: Buffer, charset: string, from: 'http' | 'xml'): DecodedBody {
  const utf8 = tryStrictUtf8(body);
  if (charset === 'utf-8' || charset === 'utf8') {
    // Declared UTF-8 that isn't valid UTF-8 is usually windows-1252 mislabelled.
    return utf8 !== undefined ? { text: utf8, charset: 'utf-8', from } : notUtf8(body);
  }
  if (utf8 !== undefined && isSingleByte(charset) && /[^\p{ASCII}]/u.test(utf8)) {
    return { text: utf8, charset: 'utf-8', from: 'utf8-valid' };
  }
  return { text: decodeAs(body, charset), charset, from };
}

/**
 * A body that is UTF-8 or undeclared but not valid UTF-8. Usually it is all
 * windows-1252 (read as such). But a UTF-8 feed where one item was pasted from
 * windows-1252 text has more valid multi-byte UTF-8 sequences than stray bytes:
 * reading it all as windows-1252 would garble every other item ("Policía" →
 * "PolicÃ­a"), so each valid sequence is read as UTF-8 and each stray byte as
 * windows-1252. A windows-1252 text has few byte pairs that happen to be valid
 * UTF-8 ("Ó”" is D3 94) and many that are not, so it stays windows-1252.
 */
function notUtf8(body: Buffer): DecodedBody {
  const parts: string[] = [];
  let valid = 0;
  let run = 0;
  for (let i = 0; i < body.length; ) {
    const lead = body[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The sequence this lead byte announces, checked by WHATWG's strict UTF-8 reading (buffer.isUtf8).
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (lead >= 0xc2 && lead <= 0xf4 && isUtf8(body.subarray(i, i + length))) {
      valid++;
      i += length;
      continue;
    }
    parts.push(body.toString('utf8', run, i), decodeAs(body.subarray(i, i + 1), 'windows-1252'));
    run = ++i;
  }
  if (valid < parts.length / 2) return { text: decodeAs(body, 'windows-1252'), charset: 'windows-1252', from: 'fallback' };
  parts.push(body.toString('utf8', run));
  return { text: stripBom(parts.join('')), charset: 'utf-8', from: 'mixed' };
}

function isSingleByte(charset: string): boolean {
  return /^(windows-125\d|cp125\d|iso-?8859-\d+|latin\d?|koi8-?[ru])$/.test(charset);
}

/**
 * The text if `body` is valid UTF-8 (WHATWG's strict reading: no overlong
 * forms, surrogates or code points past U+10FFFF), else undefined. Node's
 * `buffer.isUtf8` (SIMD, ~0.4 ms for 7.5 MB) checks, then V8 decodes: as fast
 * as a strict TextDecoder on valid input, and a mislabelled windows-1252 feed
 * is told apart without an exception thrown and caught.
 */
function tryStrictUtf8(body: Buffer): string | undefined {
  return isUtf8(body) ? stripBom(body.toString('utf8')) : undefined;
}

function decodeAs(body: Buffer, charset: string): string {
  if (isUtf32(charset)) return decodeUtf32(body, charset === 'utf-32le');
  const decoder = new TextDecoder(charset);
  // "windows-1252", and the labels WHATWG maps to it (iso-8859-1, cp1252, ascii…).
  if (decoder.encoding === 'windows-1252') return body.toString('latin1').replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]! || 0xfffd));
  return decoder.decode(body);
}

function canDecode(charset: string): boolean {
  if (isUtf32(charset)) return true;
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

function isUtf32(charset: string): charset is 'utf-32le' | 'utf-32be' {
  return charset === 'utf-32le' || charset === 'utf-32be';
}

/** UTF-32 (no TextDecoder for it): one code point per 4 bytes; invalid ones become U+FFFD. */
function decodeUtf32(body: Buffer, littleEndian: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i + 4 <= body.length; i += 4) {
    const code = littleEndian ? body.readUInt32LE(i) : body.readUInt32BE(i);
    parts.push(code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd');
  }
  return parts.join('');
}
