/**
 * The page shell every page shares: language, navigation, the language
 * switch, and the feeds out of the page (as links and as <link rel=alternate>,
 * so a feed reader finds them from the page's address). Everything
 * interpolated goes through hono/html, which escapes it.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { LANGS, type Lang, type Messages } from '../i18n.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
}

export interface PageContext {
  lang: Lang;
  t: Messages;
  /** The current path and query, for the language switch to come back to. */
  here: string;
  themes: { id: string; label: { es: string; en: string } }[];
  /** A line shown under the header (the demo says which day it pretends it is). */
  notice?: string;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f23;background:#f6f7f9;line-height:1.45}
header{background:#12355b;color:#fff;padding:.6rem 1.2rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:baseline}
header a{color:#fff}header .brand{font-weight:700;font-size:1.2rem;text-decoration:none}
header nav{display:flex;gap:1rem;flex-wrap:wrap}header .lang{margin-left:auto}
main{max-width:70rem;margin:0 auto;padding:1rem 1.2rem}
.notice{background:#fff7d6;border-bottom:1px solid #e8d98a;padding:.3rem 1.2rem;font-size:.9rem}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;background:#fff;padding:.8rem;border:1px solid #dde1e6;border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#555}
ol.articles{list-style:none;padding:0}ol.articles li{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:.5rem 0;padding:.6rem .8rem}
.meta{color:#586069;font-size:.85rem}.tag{display:inline-block;background:#e7eef7;border-radius:3px;padding:0 .35rem;margin-right:.25rem;font-size:.8rem}
table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #dde1e6;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
.feeds-out a{margin-right:.6rem}.pager a{margin-right:1rem}.error{background:#fdecea;border:1px solid #f5c2bd;padding:.8rem;border-radius:6px}
svg text{font-size:10px;fill:#586069}
`;

export function layout(ctx: PageContext, title: string, body: Html, feeds?: FeedLinks): Html {
  const other = LANGS.filter((lang) => lang !== ctx.lang);
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Centinela</title>
${feeds
  ? html`<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${feeds.rss}">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${feeds.atom}">
<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${feeds.json}">`
  : ''}
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<a class="brand" href="/">${ctx.t.title}</a>
<nav>
<a href="/">${ctx.t.timeline}</a>
<a href="/themes">${ctx.t.themes}</a>
<a href="/regions">${ctx.t.regions}</a>
<a href="/feeds">${ctx.t.feedHealth}</a>
</nav>
<span class="lang">${other.map((lang) => html`<a hreflang="${lang}" href="/lang/${lang}?back=${encodeURIComponent(ctx.here)}">${lang === 'es' ? 'Español' : 'English'}</a>`)}</span>
</header>
${ctx.notice ? html`<div class="notice">${ctx.notice}</div>` : ''}
<main>
<h1>${title}</h1>
${feeds ? feedLinks(ctx, feeds) : ''}
${body}
</main>
</body>
</html>`;
}

export function feedLinks(ctx: PageContext, feeds: FeedLinks): Html {
  return html`<p class="feeds-out">${ctx.t.subscribe}: <a class="feed-rss" href="${feeds.rss}">RSS</a><a class="feed-atom" href="${feeds.atom}">Atom</a><a class="feed-json" href="${feeds.json}">JSON Feed</a></p>`;
}

export function themeLabel(ctx: PageContext, id: string): string {
  return ctx.themes.find((t) => t.id === id)?.label[ctx.lang] ?? id;
}
