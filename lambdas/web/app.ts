/**
 * The web app: read-only, server-rendered, one Hono app for both homes —
 * `centinela serve` on Node (@hono/node-server) and the web Lambda behind a
 * Function URL (hono/aws-lambda). Routes:
 *   GET /                    timeline, newest first: theme, region, country, feed (outlet), period, q (text), page, limit
 *   GET /article/:id         one article with why it was tagged (what `centinela show` prints)
 *   GET /themes, /regions    indexes; GET /theme/:id, /region/:id: 12-week series and the period's top stories
 *   GET /feeds               feed health (what `centinela feeds` shows)
 *   GET /feed/:format        rss | atom | json of any filtered timeline (same parameters as /)
 *   GET /lang/:lang          sets the language cookie and goes back
 *   GET|POST /sign-in        only when an access key is configured (AWS)
 * Reads are Queries and GetItems only (tests/web/no-scan.int.test.ts).
 * Bad input gets 400 naming the parameter and listing the valid values.
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { FeedSource } from '../feeds/feed-source.ts';
import { feedHealth } from '../feeds/state/feed-health.ts';
import type { FeedStateStore } from '../feeds/state/feed-state.ts';
import type { Clock } from '../model/clock.ts';
import type { ArticleBrowser, ArticleStore } from '../store/article-store.ts';
import { requireAccessKey, signIn } from './access-key.ts';
import { FEED_CONTENT_TYPES, FEED_FORMATS, renderFeed, type FeedFormat } from './feeds-out.ts';
import { FilterError, filterParams, unknownValue, parseTimelineFilter, PERIODS, type PeriodId, type TimelineFilter } from './filters.ts';
import { LANG_COOKIE, MESSAGES, pickLanguage, type Lang } from './i18n.ts';
import { DEFAULT_SEARCH_BUDGET_MS, getItemBrowser, readSeries, readTimeline } from './read-timeline.ts';
import { layout, type FeedLinks, type Html, type PageContext } from './views/layout.ts';
import { articleBody, errorBody, feedHealthBody, signInBody, timelineBody, topicBody, topicIndexBody } from './views/pages.ts';

export interface WebCatalog {
  themes: { id: string; label: { es: string; en: string }; description?: { es: string; en: string } }[];
  regions: { id: string; name: string }[];
}

export interface WebDeps {
  articles: Pick<ArticleStore, 'getArticle' | 'listByTheme' | 'listByRegion'> & Pick<ArticleBrowser, 'listPage'>;
  feedStates: Pick<FeedStateStore, 'list'>;
  /** The feed list (outlet filter values and the feed health rows). */
  feeds: () => Promise<FeedSource[]>;
  catalog: WebCatalog;
  clock: Clock;
  /** When set (AWS), every page needs the sign-in and every feed URL the key. */
  accessKey?: () => Promise<string>;
  /** A line under the header on every page (the demo's "as of" date). */
  notice?: (lang: Lang) => string;
  /** How long a timeline search may read, in ms (default 3000). */
  searchBudgetMs?: number;
  /** Monotonic ms for the budget (default performance.now). */
  elapsed?: () => number;
  /** Where unexpected errors are reported (default console.error). */
  logError?: (error: unknown) => void;
}

const ARTICLE_ID = /^[0-9a-f]{32}$/;

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  const browser = getItemBrowser(deps.articles);
  const budget = { ms: deps.searchBudgetMs ?? DEFAULT_SEARCH_BUDGET_MS, elapsed: deps.elapsed ?? (() => performance.now()) };

  const pageContext = (c: Context): PageContext => {
    const lang = pickLanguage(getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
    const url = new URL(c.req.url);
    return { lang, t: MESSAGES[lang], here: `${url.pathname}${url.search}`, themes: deps.catalog.themes, notice: deps.notice?.(lang) };
  };
  const feedKey = async () => (deps.accessKey ? await deps.accessKey() : undefined);
  const feedUrls = async (c: Context, params: URLSearchParams): Promise<FeedLinks> => {
    const key = await feedKey();
    const query = new URLSearchParams(params);
    if (key) query.set('key', key);
    const origin = new URL(c.req.url).origin;
    const url = (format: FeedFormat) => `${origin}/feed/${format}${query.size ? `?${query}` : ''}`;
    return { rss: url('rss'), atom: url('atom'), json: url('json') };
  };
  const render = (c: Context, ctx: PageContext, title: string, body: Html, feeds?: FeedLinks, status: 200 | 400 | 404 = 200) =>
    c.html(layout(ctx, title, body, feeds), status, { 'content-language': ctx.lang });
  const catalogForFilters = async () => ({ ...deps.catalog, feeds: await deps.feeds() });
  const names = async () => ({ regions: deps.catalog.regions, feeds: await deps.feeds() });

  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }
  });

  if (deps.accessKey) {
    const key = deps.accessKey;
    app.use('*', requireAccessKey(key));
    app.get('/sign-in', (c) => {
      const ctx = pageContext(c);
      return render(c, ctx, ctx.t.signIn, signInBody(ctx));
    });
    app.post('/sign-in', async (c) => signIn(c, await key()));
  }

  app.get('/', async (c) => {
    const ctx = pageContext(c);
    const filter = parseTimelineFilter(c.req.queries(), await catalogForFilters());
    const page = await readTimeline(browser, filter, deps.clock.now(), budget);
    return render(c, ctx, ctx.t.timeline, timelineBody(ctx, await names(), filter, page), await feedUrls(c, filterParams({ ...filter, page: 1 })));
  });

  app.get('/feed/:format', async (c) => {
    const format = c.req.param('format');
    if (!(FEED_FORMATS as readonly string[]).includes(format)) {
      return c.text(`unknown feed format "${format}". Valid formats: ${FEED_FORMATS.join(', ')}.`, 404);
    }
    const ctx = pageContext(c);
    const filter: TimelineFilter = { ...parseTimelineFilter(c.req.queries(), await catalogForFilters()), page: 1 };
    const page = await readTimeline(browser, filter, deps.clock.now(), budget);
    const origin = new URL(c.req.url).origin;
    const params = filterParams(filter);
    const body = renderFeed(format as FeedFormat, {
      title: `Centinela — ${describeFilter(ctx, filter)}`,
      description: ctx.t.tagline,
      lang: ctx.lang,
      pageUrl: `${origin}/${params.size ? `?${params}` : ''}`,
      selfUrls: await feedUrls(c, params),
      origin,
      items: page.items,
      now: deps.clock.now(),
    });
    return c.body(body, 200, { 'content-type': FEED_CONTENT_TYPES[format as FeedFormat] });
  });

  app.get('/article/:id', async (c) => {
    const ctx = pageContext(c);
    const id = c.req.param('id').toLowerCase();
    if (!ARTICLE_ID.test(id)) {
      throw new FilterError({
        en: `"${c.req.param('id')}" is not an article id (32 hex characters, as in the timeline's links).`,
        es: `"${c.req.param('id')}" no es un identificador de artículo (32 caracteres hexadecimales, como en los enlaces de la lista).`,
      });
    }
    const article = await deps.articles.getArticle(id);
    if (!article) {
      const missing = { en: `no stored article has id ${id} (it may have expired).`, es: `ningún artículo guardado tiene el identificador ${id} (puede haber expirado).` };
      return render(c, ctx, ctx.t.notFound, errorBody(missing[ctx.lang]), undefined, 404);
    }
    return render(c, ctx, article.title, articleBody(ctx, await names(), article));
  });

  app.get('/themes', (c) => {
    const ctx = pageContext(c);
    return render(c, ctx, ctx.t.themes, topicIndexBody(deps.catalog.themes.map((t) => ({ href: `/theme/${t.id}`, text: t.label[ctx.lang] }))));
  });
  app.get('/regions', (c) => {
    const ctx = pageContext(c);
    return render(c, ctx, ctx.t.regions, topicIndexBody(deps.catalog.regions.map((r) => ({ href: `/region/${r.id}`, text: r.name }))));
  });

  const topicPage = (kind: 'theme' | 'region') => async (c: Context) => {
    const ctx = pageContext(c);
    const id = c.req.param('id') ?? '';
    const known = kind === 'theme' ? deps.catalog.themes.map((t) => t.id) : deps.catalog.regions.map((r) => r.id);
    if (!known.includes(id)) {
      return render(c, ctx, ctx.t.notFound, errorBody(unknownValue(kind, id, known.join(', '))[ctx.lang]), undefined, 404);
    }
    const period = c.req.query('period') ?? '7d';
    if (!(PERIODS as readonly string[]).includes(period)) throw new FilterError(unknownValue('period', period, PERIODS.join(', ')));
    const list = kind === 'theme' ? (range: Parameters<typeof deps.articles.listByTheme>[1]) => deps.articles.listByTheme(id, range) : (range: Parameters<typeof deps.articles.listByRegion>[1]) => deps.articles.listByRegion(id, range);
    const series = await readSeries(list, period as PeriodId, deps.clock.now());
    const params = new URLSearchParams({ [kind]: id });
    const title = kind === 'theme' ? (deps.catalog.themes.find((t) => t.id === id)?.label[ctx.lang] ?? id) : (deps.catalog.regions.find((r) => r.id === id)?.name ?? id);
    return render(c, ctx, title, topicBody(ctx, await names(), series, `/?${params}`), await feedUrls(c, params));
  };
  app.get('/theme/:id', topicPage('theme'));
  app.get('/region/:id', topicPage('region'));

  app.get('/feeds', async (c) => {
    const ctx = pageContext(c);
    const rows = feedHealth(await deps.feeds(), await deps.feedStates.list(), deps.clock.now());
    return render(c, ctx, ctx.t.feedHealth, feedHealthBody(ctx, rows));
  });

  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    const back = c.req.query('back') ?? '/';
    const target = /^\/(?![/\\])/.test(back) ? back : '/';
    if (lang !== 'es' && lang !== 'en') throw new FilterError(unknownValue('language', lang, 'es, en'));
    setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' });
    return c.redirect(target, 303);
  });

  app.notFound((c) => {
    const ctx = pageContext(c);
    const path = new URL(c.req.url).pathname;
    return render(c, ctx, ctx.t.notFound, errorBody({ en: `${path}: no such page.`, es: `${path}: no existe esta página.` }[ctx.lang]), undefined, 404);
  });

  app.onError((error, c) => {
    if (error instanceof FilterError) {
      if (new URL(c.req.url).pathname.startsWith('/feed/')) return c.text(error.message, 400);
      const ctx = pageContext(c);
      return render(c, ctx, ctx.t.badRequest, errorBody(error.in(ctx.lang)), undefined, 400);
    }
    (deps.logError ?? console.error)(error);
    return c.text('web: internal error; the details are in the server log.', 500);
  });

  return app;
}

function describeFilter(ctx: PageContext, filter: TimelineFilter): string {
  const parts = [
    filter.theme ? (ctx.themes.find((t) => t.id === filter.theme)?.label[ctx.lang] ?? filter.theme) : undefined,
    filter.region,
    filter.country,
    filter.feed,
    filter.text ? `"${filter.text}"` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : ctx.t.timeline;
}
