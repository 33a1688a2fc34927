/**
 * `centinela show ID|URL`: one stored article, with why it was tagged — each
 * theme's score and the terms that fired (field, count, snippet, seed document).
 * A URL is canonicalized and hashed the way the poller does, so "have I stored
 * this URL already?" is one GetItem.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { articleId, canonicalUrl } from '../../lambdas/feeds/normalize/canonical-url.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { countryName } from '../../lambdas/model/country.ts';
import { formatLimaTime } from '../../lambdas/model/lima-time.ts';
import type { StoreContext } from '../local/local-context.ts';
import { formatTable, terminalText } from './output.ts';
import { browserFor, loadCatalog, type Catalog } from './query.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';

export class ArticleNotFoundError extends Error {
  override name = 'ArticleNotFoundError';
}

export function registerShowCommand(program: Command, catalog: () => Promise<Catalog> = loadCatalog): void {
  const command = program
    .command('show')
    .description('Print one stored article and why it was tagged (themes, scores, the terms that fired).')
    .argument('<id-or-url>', 'the article id (32 hex characters, as `query` prints) or the article URL', articleRef)
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  centinela show 3f0c…e1\n  centinela show "https://larepublica.pe/sociedad/2026/11/20/nota?utm_source=x"');
  addStoreOptions(command).action(async (ref: ArticleRef, options: StoreOptions & { format: 'text' | 'json' }) => {
    const article = await withStore(options, (store) => findArticle(store, ref));
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(article, null, 2)}\n` : formatArticle(article, await catalog()));
  });
}

/** What `show` was given: an article id, or a URL with its canonical form and that form's id. */
export interface ArticleRef {
  id: string;
  url?: { given: string; canonical: string };
}

/** An id as is, or the id of a URL's canonical form. */
export function parseArticleRef(value: string): string {
  return articleRef(value).id;
}

/**
 * The `<id-or-url>` argument: 32 hex characters, or an http(s) URL canonicalized
 * and hashed as the poller does (feeds/normalize/canonical-url.ts).
 * @throws InvalidArgumentError (exit 2) for anything else
 */
export function articleRef(value: string): ArticleRef {
  const text = value.trim();
  if (/^[0-9a-f]{32}$/i.test(text)) return { id: text.toLowerCase() };
  const canonical = canonicalUrl(text);
  if (canonical) return { id: articleId(canonical), url: { given: text, canonical } };
  throw new InvalidArgumentError(`"${value}" is neither an article id (32 hex characters, from \`centinela query\`) nor an http(s) URL.`);
}

/**
 * The stored article `ref` names (one GetItem).
 * @throws ArticleNotFoundError naming the URL given (and its canonical form, when it differs) or the id
 */
export async function findArticle(store: Pick<StoreContext, 'doc' | 'tableNames'>, ref: string | ArticleRef): Promise<Article> {
  const { id, url } = typeof ref === 'string' ? { id: ref, url: undefined } : ref;
  const article = await (await browserFor(store)).getArticle(id);
  if (article) return article;
  if (!url) throw new ArticleNotFoundError(`no stored article has id ${id} (it may never have been seen, or have expired).`);
  const canonical = url.canonical === url.given ? '' : `canonical URL ${url.canonical}, `;
  throw new ArticleNotFoundError(
    `no stored article has the URL ${url.given} (${canonical}id ${id}): it may never have been seen in a feed, or have expired; \`centinela query --text WORDS\` finds an article by its title.`,
  );
}

export function formatArticle(article: Article, catalog: Catalog): string {
  const label = (theme: string) => catalog.themes.find((t) => t.id === theme)?.label.en ?? theme;
  const regionName = (id: string) => catalog.regions.find((r) => r.id === id)?.name ?? id;
  // Feed text goes through terminalText: no bidirectional override or escape sequence reaches the terminal.
  const field = (name: string, value: string) => `${name.padEnd(11)} ${terminalText(value)}`;
  const lines = [
    terminalText(article.title),
    '',
    field('id', article.id),
    field('published', `${formatLimaTime(article.publishedAt, 'en')} Lima (${article.dateSource === 'feed' ? 'date from the feed' : 'no usable feed date (missing, unreadable or in the future): first seen'})`),
    field('first seen', formatLimaTime(article.firstSeenAt, 'en')),
    field('url', article.canonicalUrl),
    field('language', article.lang),
    field('feed', article.feedId),
    ...article.sources.map((s, i) => field(i === 0 ? 'sources' : '', `${s.feedName} (${s.feedId})  ${s.link}`)),
    field('regions', article.regions.length ? article.regions.map(regionName).join(', ') : '(none)'),
    field('countries', article.countries.length ? article.countries.map((c) => `${countryName(c, 'en')} (${c})`).join(', ') : '(unknown)'),
    field('summary', article.summary),
    '',
  ];
  if (article.themes.length === 0) {
    lines.push('Not tagged with any theme: no rule reached its threshold.');
  } else {
    lines.push('Why it was tagged:');
    for (const tag of [...article.themes].sort((a, b) => b.score - a.score)) {
      lines.push('', `  ${label(tag.theme)} (${tag.theme}), score ${tag.score}`);
      const table = formatTable(
        ['term', 'field', 'hits', 'seed', 'snippet'],
        tag.hits.map((h) => [h.term, h.field, String(h.count), h.source, h.snippet.replace(/\s+/g, ' ')]),
      );
      lines.push(...table.split('\n').map((line) => `    ${line}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
