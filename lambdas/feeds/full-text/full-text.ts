/** Full text for one article: fetch its page (same limits as feeds) and extract the story. */
import type { ArticleDraft } from '../../model/article.ts';
import { decodeBody } from '../parse/decode-body.ts';
import { extractArticleText } from './extract-article-text.ts';
import type { FeedFetcher } from '../fetch/feed-fetcher.ts';

export type FullTextResult = { ok: true; draft: ArticleDraft } | { ok: false; draft: ArticleDraft; error: string };

/** Pages whose extracted text is shorter than this are treated as "no story found". */
const MIN_TEXT = 200;

/** On any failure the draft keeps the feed's text and summary, and the reason is returned. */
export async function withFullText(draft: ArticleDraft, fetcher: FeedFetcher): Promise<FullTextResult> {
  try {
    const page = await fetcher.fetch(draft.canonicalUrl, {}, 'page');
    if (page.status !== 'ok') return { ok: false, draft, error: `full text: ${draft.canonicalUrl} answered 304 to an unconditional request` };
    if (page.contentType && !/html|xml|text\/plain/i.test(page.contentType)) {
      return { ok: false, draft, error: `full text: ${draft.canonicalUrl} is ${page.contentType.split(';')[0]}, not an HTML page` };
    }
    const text = extractArticleText(decodeBody(page.body, page.contentType).text);
    if (text.length < MIN_TEXT || text.length < draft.text.length / 2) {
      return { ok: false, draft, error: `full text: no article text found on ${draft.canonicalUrl}; kept the feed's text` };
    }
    return { ok: true, draft: { ...draft, text } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, draft, error: `full text: ${message}; kept the feed's text` };
  }
}
