/**
 * The story lookup item (pure: no I/O): one per story key, naming the article
 * the story is stored as, so the same story from another feed (Google News and
 * the outlet's own feed) joins that article instead of becoming a second one.
 *
 *   pk                  sk       attributes
 *   STORY#<hash>        STORY    storyOf (article id), publishedAt, expiresAt
 *
 * `<hash>` is the first 32 hex characters of the SHA-256 of the story key
 * (feeds/normalize/story-key.ts: outlet host + folded title), so the key's
 * length and characters never matter. The item is written with the article's
 * index items (after the article exists, in the same BatchWriteItem requests,
 * ~100 bytes: 1 WCU) and expires with the article. A later article with the same
 * key outside the time window overwrites it: the key leads to the newest.
 * See docs/data.md, "Story identity across feeds".
 */
import { createHash } from 'node:crypto';
import type { Article } from '../model/article.ts';
import type { StoryRef } from './article-store.ts';
import type { Item } from './article-items.ts';
import type { Key } from './batch-put.ts';

export const STORY_SK = 'STORY';
/** The attribute of a story item naming its article (an article item has `id` instead). */
export const STORY_OF = 'storyOf';
/** What findStored reads of a story item, besides `expiresAt`. */
export const STORY_PROBED = ['pk', STORY_OF, 'publishedAt'] as const;

export const storyItemKey = (storyKey: string): Key => ({ pk: `STORY#${storyHash(storyKey)}`, sk: STORY_SK });

/** The story item of a stored article, or none when the article has no story key. */
export function storyItems(article: Pick<Article, 'id' | 'storyKey' | 'publishedAt'>, articleExpiresAt: number): Item[] {
  if (!article.storyKey) return [];
  return [{ ...storyItemKey(article.storyKey), type: 'story', [STORY_OF]: article.id, publishedAt: article.publishedAt, expiresAt: articleExpiresAt }];
}

export function isStoryItem(item: Record<string, unknown>): boolean {
  return typeof item.pk === 'string' && item.pk.startsWith('STORY#');
}

/** The article a story item leads to. */
function toStoryRef(item: Record<string, unknown>): StoryRef {
  return { articleId: String(item[STORY_OF]), publishedAt: String(item.publishedAt) };
}

function storyHash(storyKey: string): string {
  return createHash('sha256').update(storyKey).digest('hex').slice(0, 32);
}

/** Story item keys → the stored articles they lead to, from a batch read's items (others ignored). */
export function storyRefsOf(storyKeys: string[], items: Record<string, unknown>[]): Map<string, StoryRef> {
  const byPk = new Map(items.filter(isStoryItem).map((item) => [String(item.pk), toStoryRef(item)]));
  const refs = new Map<string, StoryRef>();
  for (const key of storyKeys) {
    const ref = byPk.get(storyItemKey(key).pk);
    if (ref) refs.set(key, ref);
  }
  return refs;
}

/**
 * The article as it becomes when `joining` (another feed's copy of its story)
 * adds `sources` to it: an article stored from an aggregator's opaque link
 * (Google News) takes the outlet's own URL, whichever copy came first;
 * undefined when its link stays as it is.
 */
export function withOutletUrl(stored: Article, joining: Pick<Article, 'canonicalUrl' | 'aggregatorLink'>, sources: Article['sources']): Article | undefined {
  if (!stored.aggregatorLink || joining.aggregatorLink || joining.canonicalUrl === stored.canonicalUrl) return undefined;
  const { aggregatorLink: _opaque, ...rest } = stored;
  return { ...rest, canonicalUrl: joining.canonicalUrl, sources: [...stored.sources, ...sources] };
}
