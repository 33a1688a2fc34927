/**
 * The bodies of the web app's pages. Each takes plain data and the page
 * context and returns escaped HTML; nothing here reads the store.
 */
import { html } from 'hono/html';
import type { Article } from '../../model/article.ts';
import { countryName } from '../../model/country.ts';
import { formatLimaTime } from '../../model/lima-time.ts';
import type { ListingItem } from '../../store/article-store.ts';
import type { FeedHealth } from '../../feeds/state/feed-health.ts';
import { PERIODS, filterParams, type TimelineFilter } from '../filters.ts';
import type { Series, TimelinePage } from '../read-timeline.ts';
import { themeLabel, type Html, type PageContext } from './layout.ts';
import { articleList, safeHref } from './listing.ts';

export interface Names {
  regions: { id: string; name: string }[];
  feeds: { id: string; name: string }[];
}

export function timelineBody(ctx: PageContext, names: Names, filter: TimelineFilter, page: TimelinePage): Html {
  const regionName = nameOf(names.regions);
  const select = (name: string, label: string, options: { id: string; text: string }[], selected?: string) => html`<label>${label}
<select name="${name}" id="filter-${name}"><option value="">${ctx.t.any}</option>${options.map(
    (o) => html`<option value="${o.id}"${o.id === selected ? ' selected' : ''}>${o.text}</option>`,
  )}</select></label>`;
  const pageLink = (n: number) => `/?${filterParams(filter, { page: n === 1 ? undefined : n })}`;
  return html`<form class="filters" method="get" action="/">
${select('theme', ctx.t.themes, ctx.themes.map((t) => ({ id: t.id, text: t.label[ctx.lang] })), filter.theme)}
${select('region', ctx.t.regions, names.regions.map((r) => ({ id: r.id, text: r.name })), filter.region)}
<label>${ctx.t.country}<input name="country" id="filter-country" size="3" maxlength="2" placeholder="PE" value="${filter.country ?? ''}"></label>
${select('feed', ctx.t.outlet, names.feeds.map((f) => ({ id: f.id, text: f.name })), filter.feed)}
<label>${ctx.t.period}<select name="period" id="filter-period">${PERIODS.map(
    (p) => html`<option value="${p}"${p === filter.period ? ' selected' : ''}>${ctx.t.periods[p]}</option>`,
  )}</select></label>
<label>${ctx.t.text}<input name="q" id="filter-q" maxlength="100" value="${filter.text ?? ''}"></label>
<button type="submit" id="filter-submit">${ctx.t.filter}</button>
</form>
${page.stoppedAfterMs !== undefined ? html`<p class="error">${ctx.t.searchStopped.replace('{s}', (page.stoppedAfterMs / 1000).toFixed(1))}</p>` : ''}
<p class="meta">${ctx.t.page} ${filter.page} · ${ctx.t.newestFirst}</p>
${articleList(ctx, page.items, regionName)}
<p class="pager">${filter.page > 1 ? html`<a rel="prev" href="${pageLink(filter.page - 1)}">${ctx.t.previous}</a>` : ''}${page.hasMore ? html`<a rel="next" href="${pageLink(filter.page + 1)}">${ctx.t.next}</a>` : ''}</p>`;
}

/** Everything `centinela show` prints, as a page. */
export function articleBody(ctx: PageContext, names: Names, article: Article): Html {
  const regionName = nameOf(names.regions);
  const row = (label: string, value: Html | string) => html`<tr><th>${label}</th><td>${value}</td></tr>`;
  const themes = [...article.themes].sort((a, b) => b.score - a.score);
  return html`<table class="facts">
${row('id', article.id)}
${row(ctx.t.published, `${formatLimaTime(article.publishedAt, ctx.lang)} ${ctx.t.limaTime} (${article.dateSource === 'feed' ? ctx.t.dateFromFeed : ctx.t.noFeedDate})`)}
${row(ctx.t.firstSeen, `${formatLimaTime(article.firstSeenAt, ctx.lang)} ${ctx.t.limaTime}`)}
${row(ctx.t.url, html`<a href="${safeHref(article.canonicalUrl)}" rel="noopener noreferrer nofollow">${article.canonicalUrl}</a>`)}
${row(ctx.t.language, article.lang)}
${row(ctx.t.feed, article.feedId)}
${row(ctx.t.sources, html`<ul>${article.sources.map((s) => html`<li>${s.feedName} (${s.feedId}) <a href="${safeHref(s.link)}" rel="noopener noreferrer nofollow">${s.link}</a></li>`)}</ul>`)}
${row(ctx.t.regions, article.regions.length ? html`${article.regions.map((r) => html`<a class="tag region" href="/region/${r}">${regionName(r)}</a>`)}` : ctx.t.none)}
${row(ctx.t.countries, article.countries.map((c) => `${countryName(c, ctx.lang)} (${c})`).join(', ') || ctx.t.none)}
${row(ctx.t.summary, article.summary)}
</table>
<h2 id="why">${ctx.t.whyTagged}</h2>
${themes.length === 0
    ? html`<p>${ctx.t.notTagged}</p>`
    : themes.map(
        (tag) => html`<section class="explanation">
<h3><a href="/theme/${tag.theme}">${themeLabel(ctx, tag.theme)}</a> (${tag.theme}), ${ctx.t.score} ${tag.score}</h3>
<table><thead><tr><th>${ctx.t.term}</th><th>${ctx.t.field}</th><th>${ctx.t.hits}</th><th>${ctx.t.seed}</th><th>${ctx.t.snippet}</th></tr></thead>
<tbody>${tag.hits.map((h) => html`<tr><td>${h.term}</td><td>${h.field}</td><td>${h.count}</td><td>${h.source}</td><td>${h.snippet}</td></tr>`)}</tbody></table>
</section>`,
      )}`;
}

/** A theme's or region's page: the weekly series as bars, the period's top stories. */
export function topicBody(ctx: PageContext, names: Names, series: Series, timelineLink: string): Html {
  return html`<h2>${ctx.t.weeklySeries}</h2>
${weeklyChart(ctx, series)}
<h2>${ctx.t.topStories}</h2>
${articleList(ctx, series.top, nameOf(names.regions))}
<p><a href="${timelineLink}">${ctx.t.allArticles}</a></p>`;
}

function weeklyChart(ctx: PageContext, series: Series): Html {
  const max = Math.max(1, ...series.weeks.map((w) => w.count));
  const barWidth = 40;
  const height = 120;
  return html`<svg class="series" role="img" width="${series.weeks.length * barWidth + 10}" height="${height + 30}" aria-label="${ctx.t.weeklySeries}">
${series.weeks.map((week, i) => {
  const h = Math.round((week.count / max) * height);
  return html`<g><title>${ctx.t.weekOf} ${week.weekStart}: ${week.count}</title><rect x="${i * barWidth + 5}" y="${height - h + 12}" width="${barWidth - 8}" height="${h}" fill="#2f6db3"></rect>
<text x="${i * barWidth + 5}" y="${height - h + 10}">${week.count}</text><text x="${i * barWidth + 5}" y="${height + 26}">${week.weekStart.slice(5)}</text></g>`;
})}
</svg>
<table class="series-table"><tr>${series.weeks.map((w) => html`<th>${w.weekStart.slice(5)}</th>`)}</tr><tr>${series.weeks.map((w) => html`<td>${w.count}</td>`)}</tr></table>`;
}

export function topicIndexBody(entries: { href: string; text: string }[]): Html {
  return html`<ul class="topics">${entries.map((e) => html`<li><a href="${e.href}">${e.text}</a></li>`)}</ul>`;
}

/** What `centinela feeds` shows. */
export function feedHealthBody(ctx: PageContext, rows: FeedHealth[]): Html {
  const when = (iso?: string) => (iso ? formatLimaTime(iso, ctx.lang) : '-');
  return html`<table class="feed-health"><thead><tr><th>${ctx.t.feed}</th><th>${ctx.t.health}</th><th>${ctx.t.lastSuccess}</th><th>${ctx.t.http}</th><th>${ctx.t.fails}</th><th>${ctx.t.items}</th><th>${ctx.t.new}</th><th>${ctx.t.nextAttempt}</th></tr></thead>
<tbody>${rows.map(
    ({ id, name, health, listed, state }) => html`<tr class="health-${health.replace(' ', '-')}">
<td><a href="/?feed=${id}">${name}</a> ${listed ? '' : ctx.t.notInList}</td><td>${ctx.t.healthWords[health] ?? health}</td><td>${when(state?.lastSuccessAt)}</td>
<td>${state?.httpStatus ?? '-'}</td><td>${state?.consecutiveFailures ?? 0}</td><td>${state?.itemsSeen ?? '-'}</td><td>${state?.itemsNew ?? '-'}</td>
<td>${state?.lastError ? `${health === 'backoff' ? `${when(state.nextAttemptAt)}: ` : ''}${state.lastError}` : ''}</td></tr>`,
  )}</tbody></table>
<p class="meta">${ctx.t.limaTime}</p>`;
}

export function signInBody(ctx: PageContext): Html {
  return html`<p>${ctx.t.signInHelp}</p>
<form method="post" action="/sign-in"><label>${ctx.t.accessKey} <input type="password" name="key" autocomplete="current-password" required></label>
<button type="submit">${ctx.t.signIn}</button></form>`;
}

export function errorBody(message: string): Html {
  return html`<p class="error">${message}</p>`;
}

function nameOf(list: { id: string; name: string }[]): (id: string) => string {
  const names = new Map(list.map((entry) => [entry.id, entry.name]));
  return (id) => names.get(id) ?? id;
}

export type { ListingItem };
