/**
 * The article's long attributes, compressed on the article record (pure: no I/O).
 *
 * DynamoDB bills a write by the item's size, 1 WCU per started KB (DynamoDB
 * developer guide, "Read/write capacity mode"), and an article's `summary`,
 * `text` and `themes` (with every term hit and its snippet) are most of its
 * record. They are stored together as one Binary attribute `body`: Brotli
 * (RFC 7932, Node's zlib, 64 KB window) of the JSON array `[summary, text,
 * themes]`, packed quickly (quality 1) and packed again tighter (quality 5)
 * only when that could start one KB fewer of the record (see packBody). On
 * the team's real articles (shared/tagging-dev, 242 articles, tagged by the
 * bundled rules, each with its text's first 300 characters as summary) the
 * record drops from 3.8 to 2.01 WCU on average, the same as quality 5
 * alone, for a third to 40% less CPU (figures below); reading it back takes
 * ~0.02 ms.
 * Nothing queries these attributes (listings carry the theme names); every
 * read of a whole article goes through `toArticle`, which unpacks them.
 *
 * Records written before this (or too small to gain) keep plain `summary`,
 * `text` and `themes`; `unpackBody` reads both forms, and a body packed at
 * any quality and window (quality 4 and 5 until 2026-11-30) decodes alike.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { ThemeTag } from '../model/article.ts';
import { StoreError } from './errors.ts';
import { writeUnits } from './item-size.ts';

/** The attribute holding the compressed summary and text. */
export const BODY = 'body';

/**
 * Measured with `npx tsx bench/body-packing.ts` (2026-11-30 22:00, load
 * average 8 on 2 cores, so read the ratios): 242 real articles and 2,000 of
 * the bench's synthetic ones; CPU per article to pack (JSON and Brotli) with
 * the cache warm, and cold as in a poll, where the SDK and DynamoDB Local run
 * between two articles; average write units of the whole record, real and
 * synthetic (3.81 and 3.66 unpacked):
 *
 *   packing     CPU ms real, warm / cold   record WCU real / synthetic
 *   quality 0   0.049 / 0.103              2.149 / 2.135
 *   quality 1   0.056 / 0.113              2.112 / 2.062
 *   quality 3   0.073 / 0.131              2.037 / 2.018
 *   quality 4   0.113 / 0.198              2.025 / 2.014
 *   quality 5   0.134 / 0.205              2.012 / 2.005
 *   packBody    0.081 / 0.139              2.012 / 2.005
 *
 * Every quality under 5 alone raises the bill (quality 4: three more of the
 * 242 records need 3 WCU), so packBody packs at quality 1 and packs again at
 * quality 5 only the records near a KB boundary (12% of the real ones, 6% of
 * the synthetic ones): the bill of quality 5 for a third to 40% less CPU. Quality 6
 * packs the same as 5 at this window, 11 reaches 2.00 WCU for ~30× the CPU.
 * The window hardly changes the bytes on texts of ~2,000 characters (4 KB to
 * 4 MB alike); 64 KB is quality 5's quickest (against 128 KB, 256 KB and 4 MB, warm
 * and cold) and fits the JSON of a 16,000-character text.
 */
const FAST_QUALITY = 1;
const TIGHT_QUALITY = 5;
const WINDOW_BITS = 16;
/**
 * More than quality 5 saves over quality 1, as a share of quality 1's bytes:
 * at most 0.217 on the real articles, 0.122 on the synthetic ones and 0.156
 * on real texts joined up to 16,000 characters (bench/body-packing.ts). A
 * record whose body could shrink by this share without starting one KB fewer
 * is not packed again.
 */
const MAX_TIGHT_GAIN = 0.25;

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
 * the JSON of the three, else the three unchanged. `otherBytes` is the size
 * of the rest of the record the body goes on (lambdas/store/item-size.ts;
 * 0 when unknown): the body is packed at quality 1, and packed again at
 * quality 5 only when a body MAX_TIGHT_GAIN smaller would start one KB fewer
 * of the record; the smaller of the two is kept. So the record costs the
 * write units quality 5 would give it (on the articles measured) for about
 * half the CPU.
 */
export function packBody(fields: BodyFields, otherBytes = 0): { body: Uint8Array } | BodyFields {
  const plain = bodyJson(fields);
  if (plain.length < MIN_PACKED_BYTES) return fields;
  let packed = brotli(plain, FAST_QUALITY);
  const units = (bodyBytes: number) => writeUnits(otherBytes + BODY.length + bodyBytes);
  if (units(packed.length) > units(Math.floor(packed.length * (1 - MAX_TIGHT_GAIN)))) {
    const tighter = brotli(plain, TIGHT_QUALITY);
    if (tighter.length < packed.length) packed = tighter;
  }
  return packed.length < plain.length ? { body: new Uint8Array(packed) } : fields;
}

/**
 * The body packed at one Brotli `quality` (0–11) with the store's window, or
 * the three unchanged as packBody would leave them; packBody chooses between
 * two qualities, bench/body-packing.ts measures each.
 */
export function packBodyAt(fields: BodyFields, quality: number): { body: Uint8Array } | BodyFields {
  const plain = bodyJson(fields);
  if (plain.length < MIN_PACKED_BYTES) return fields;
  const packed = brotli(plain, quality);
  return packed.length < plain.length ? { body: new Uint8Array(packed) } : fields;
}

/** `[summary, text, themes]` as the UTF-8 JSON that `body` holds compressed. */
function bodyJson(fields: BodyFields): Buffer {
  return Buffer.from(JSON.stringify([fields.summary, fields.text, fields.themes]), 'utf8');
}

function brotli(plain: Buffer, quality: number): Buffer {
  return brotliCompressSync(plain, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
    },
  });
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
