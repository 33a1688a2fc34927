/**
 * Story identity across feeds (issue 14, kind 3): an article's identity is
 * its canonical URL, but a Google News item's link is opaque (it can't be
 * resolved without fetching Google), so the Google News copy of a story and
 * the outlet's own copy would be two articles. They share a story key
 * (normalize/story-key.ts: outlet host + folded title), and the store keeps
 * one lookup item per key (store/story-items.ts) read in the poll's one batch
 * read. Here, pure: a draft whose own article is not stored joins the article
 * its key leads to, if that article was published within STORY_WINDOW_MS of
 * it. Either order works: whichever copy came first is the article; the
 * second adds its source (and, if the first was Google News, its URL:
 * store/story-items.ts withOutletUrl).
 */
import type { ArticleDraft } from '../model/article.ts';
import { missingSources, type StoredLookup } from '../store/article-store.ts';

/**
 * Copies published further apart than this are different stories with the
 * same headline (a standing title such as "Resumen policial de la semana").
 * Google News dates a story when it indexed it, usually within hours of the
 * outlet; three days leaves room for late indexing.
 */
export const STORY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

export interface JoinedStories {
  /** The drafts, those that join a stored story carrying that article's id. */
  drafts: ArticleDraft[];
  /** One sentence per draft that joined a stored story and adds a source to it (for the poll report). */
  merged: string[];
}

/** The story keys worth looking up for `drafts` (distinct; drafts without one left out). */
export function storyKeysOf(drafts: ArticleDraft[]): string[] {
  return [...new Set(drafts.flatMap((draft) => (draft.storyKey ? [draft.storyKey] : [])))];
}

/** Which drafts are a story stored already under another id; see the module comment. */
export function joinStories(drafts: ArticleDraft[], stored: StoredLookup): JoinedStories {
  const merged: string[] = [];
  const joined = drafts.map((draft) => {
    if (stored.has(draft.id) || !draft.storyKey) return draft;
    const ref = stored.stories.get(draft.storyKey);
    const target = ref ? stored.get(ref.articleId) : undefined;
    if (!ref || !target || ref.articleId === draft.id) return draft;
    if (Math.abs(Date.parse(ref.publishedAt) - Date.parse(draft.publishedAt)) > STORY_WINDOW_MS) return draft;
    const copy = { ...draft, id: ref.articleId };
    if (missingSources(target, copy).length > 0) {
      const outlet = draft.storyKey.slice(0, draft.storyKey.indexOf('|'));
      merged.push(`"${draft.title.slice(0, 80)}" (${draft.sources[0]!.link}) is a story already stored from another feed (same outlet ${outlet}, same title): merged into article ${ref.articleId}`);
    }
    return copy;
  });
  return { drafts: joined, merged };
}
