/**
 * Live-blog posts across polls (issue 14, kind 2). Items that share one page
 * URL and differ by #fragment and GUID are distinct articles; read-feed.ts
 * decides that within one document, where it sees them side by side. A post
 * alone in its document is stored under its page URL, so when the next poll
 * brings another post of the same page, the decision needs what is stored:
 *  - a draft under the page URL whose stored article is another post (a
 *    source with another fragment and, where both are known, another GUID)
 *    is a new post: it gets its own id, the page URL with its fragment;
 *  - a draft under the page URL whose post was stored with its fragment (it
 *    was kept apart earlier) is that post;
 *  - a draft kept apart by fragment whose post is not stored, while the page
 *    URL's article is this very post (a source with the same link), is that
 *    article.
 * Pure: the poll asks the store for both ids of every item whose link has a
 * fragment (alternateIds) in its one batch read, then calls separatePosts.
 */
import type { ArticleDraft, ArticleSource } from '../model/article.ts';
import type { StoredArticle } from '../store/article-store.ts';
import { articleId, canonicalUrl } from './normalize/canonical-url.ts';

interface PostForms {
  page: string;
  post: string;
  pageId: string;
  postId: string;
  fragment: string;
}

/** For each draft whose link has a #fragment, the id of its other form (page ↔ post): looked up with the draft's own. */
export function alternateIds(drafts: ArticleDraft[]): string[] {
  return drafts.flatMap((draft) => {
    const forms = formsOf(draft);
    return forms ? [draft.id === forms.pageId ? forms.postId : forms.pageId] : [];
  });
}

/** The drafts with live-blog posts told apart from what is stored, and one sentence per post kept apart. */
export function separatePosts(drafts: ArticleDraft[], stored: ReadonlyMap<string, StoredArticle>): { drafts: ArticleDraft[]; split: string[] } {
  const split: string[] = [];
  const separated = drafts.map((draft) => {
    const forms = formsOf(draft);
    if (!forms) return draft;
    const own = draft.sources[0]!;
    const pageArticle = stored.get(forms.pageId);
    const asPost = { ...draft, id: forms.postId, canonicalUrl: forms.post };
    if (draft.id === forms.pageId && !pageArticle) return stored.has(forms.postId) ? asPost : draft;
    if (draft.id === forms.pageId && pageArticle && !pageArticle.sources.some((s) => samePost(s, own, forms))) {
      const other = pageArticle.sources.find((s) => otherPost(s, own, forms));
      if (!other) return draft;
      if (!stored.has(forms.postId)) split.push(`"${draft.title.slice(0, 80)}" (${own.link}) shares its page with a post stored earlier (${other.link}): kept apart`);
      return asPost;
    }
    if (draft.id === forms.postId && !stored.has(forms.postId) && pageArticle?.sources.some((s) => samePost(s, own, forms))) {
      return { ...draft, id: forms.pageId, canonicalUrl: forms.page };
    }
    return draft;
  });
  return { drafts: separated, split };
}

function formsOf(draft: ArticleDraft): PostForms | undefined {
  const link = draft.sources[0]?.link;
  const fragment = link ? fragmentOf(link) : '';
  const page = fragment ? canonicalUrl(link!) : undefined;
  if (!page) return undefined;
  const forms = { page, post: `${page}${fragment}`, pageId: articleId(page), postId: articleId(`${page}${fragment}`), fragment };
  return draft.id === forms.pageId || draft.id === forms.postId ? forms : undefined;
}

/** The same post: the same link, or the same GUID on the same page. */
function samePost(source: ArticleSource, own: ArticleSource, forms: PostForms): boolean {
  return source.link === own.link || (Boolean(own.guid) && source.guid === own.guid && canonicalUrl(source.link) === forms.page);
}

/** Another post of the same page: another fragment, and another GUID where both are known. */
function otherPost(source: ArticleSource, own: ArticleSource, forms: PostForms): boolean {
  const fragment = fragmentOf(source.link);
  if (!fragment || fragment === forms.fragment || canonicalUrl(source.link) !== forms.page) return false;
  return !(source.guid && own.guid && source.guid === own.guid);
}

function fragmentOf(link: string): string {
  try {
    const hash = new URL(link).hash;
    return hash.length > 1 ? hash : '';
  } catch {
    return '';
  }
}
