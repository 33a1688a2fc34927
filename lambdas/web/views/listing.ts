/** One article in a list: title to its page, outlet, Lima date, themes and regions as links. */
import { html } from 'hono/html';
import { countryName } from '../../model/country.ts';
import { formatLimaTime } from '../../model/lima-time.ts';
import type { ListingItem } from '../../store/article-store.ts';
import { themeLabel, type Html, type PageContext } from './layout.ts';

export function articleList(ctx: PageContext, items: ListingItem[], regionName: (id: string) => string): Html {
  if (items.length === 0) return html`<p class="empty">${ctx.t.noArticles}</p>`;
  return html`<ol class="articles">${items.map(
    (item) => html`<li class="article">
<a class="title" href="/article/${item.articleId}">${item.title}</a>
<div class="meta">${item.feedName} · ${formatLimaTime(item.publishedAt, ctx.lang)} (${ctx.t.limaTime}) · <a href="${safeHref(item.url)}" rel="noopener noreferrer nofollow">${hostOf(item.url)}</a></div>
<div>${item.themes.map((theme) => html`<a class="tag theme" href="/theme/${theme}">${themeLabel(ctx, theme)}</a>`)}${item.regions.map(
      (region) => html`<a class="tag region" href="/region/${region}">${regionName(region)}</a>`,
    )}${item.countries.map((country) => html`<a class="tag country" href="/?country=${country}" title="${countryName(country, ctx.lang)}">${country}</a>`)}</div>
</li>`,
  )}</ol>`;
}

/** Only http(s) links are followed; anything else (javascript:, data:) becomes a harmless "#". */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 40);
  }
}
