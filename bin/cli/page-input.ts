/**
 * What `centinela rules explain --file/--url` tags: the title and main text of
 * an HTML page (cheerio, through the full-text extractor), or a plain text as is.
 * Its own module so that `rules` imports cheerio only when a page is read.
 */
import { extractArticleText } from '../../lambdas/feeds/full-text/extract-article-text.ts';
import type { TagInput } from '../../lambdas/tagging/tagger.ts';

/** Title and main text of an HTML page, or a plain text as is. */
export function pageInput(content: string, title = ''): TagInput {
  if (!content.trimStart().startsWith('<')) return { title, summary: '', text: content };
  const pageTitle = /<title[^>]*>([^<]*)<\/title>/i.exec(content)?.[1]?.trim() ?? '';
  return { title: title || decodeEntities(pageTitle), summary: '', text: extractArticleText(content) };
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
