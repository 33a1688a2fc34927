/**
 * Digest HTML for mail clients (Gmail, Outlook, Apple Mail): table layout and
 * inline styles only, no scripts, no images, no CSS classes. Every
 * feed-supplied string goes through escapeHtml and every link through
 * safeHref. The bar chart is nested tables with cell heights.
 */
import type { Digest, DigestSection, Story } from './digest.ts';
import { countryName, PERU } from '../model/country.ts';
import { formatLimaTime } from '../model/lima-time.ts';
import { WORDS, dayOfMonth, delta, digestTitle, periodLabel } from './digest-words.ts';
import { clip, escapeHtml, safeHref } from './html.ts';

export interface RenderOptions {
  maxStoriesPerTheme: number;
  maxAlsoIn?: number;
  unsubscribeUrl?: string;
  /** The command that lists a theme's stories beyond the cap, shown after "N more". */
  moreCommand?: (theme: string) => string;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const WRAP = 'word-wrap:break-word;overflow-wrap:anywhere;word-break:break-word';
const ACCENT = '#b71c1c';
const BAR_MAX_PX = 28;

export function renderDigestHtml(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const body = digest.sections.length
    ? digest.sections.map((s) => renderSection(s, digest, options)).join('\n')
    : `<tr><td style="padding:16px 20px;color:#555">${words.empty}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="${digest.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(digest.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;-webkit-text-size-adjust:100%">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4"><tr><td align="center" style="padding:12px 6px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background:#ffffff;${FONT};font-size:15px;line-height:1.45;color:#222">
<tr><td style="padding:20px 20px 4px 20px"><h1 style="margin:0;font-size:22px;color:${ACCENT}">Centinela · ${digestTitle(digest.period, digest.lang)}</h1>
<p style="margin:4px 0 0 0;color:#555">${escapeHtml(periodLabel(digest.period, digest.lang))} · ${words.articles(digest.totalArticles)}</p></td></tr>
${renderCounts(digest)}
${renderChart(digest)}
${body}
${renderRegion(digest, options)}
${renderFooter(digest, options)}
</table></td></tr></table></body></html>
`;
}

function renderCounts(digest: Digest): string {
  const words = WORDS[digest.lang];
  const rows = digest.counts
    .map(
      (c) => `<tr><td style="padding:3px 0;${WRAP}">${escapeHtml(c.label)}</td><td align="right" style="padding:3px 0 3px 8px;font-weight:bold">${c.count}</td>` +
        `<td align="right" style="padding:3px 0 3px 8px;color:#666;white-space:nowrap">${delta(c.count, c.previous)} <span style="font-size:12px">(${words.previous} ${c.previous})</span></td></tr>`,
    )
    .join('');
  return `<tr><td style="padding:12px 20px 4px 20px" data-counts>
<h2 style="margin:0 0 6px 0;font-size:16px">${words.countsHeading}</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="font-size:14px">${rows}</table></td></tr>`;
}

function renderChart(digest: Digest): string {
  const max = Math.max(1, ...digest.chart.rows.flatMap((r) => r.counts));
  const days = digest.chart.days;
  const rows = digest.chart.rows
    .map((row) => {
      const bars = row.counts
        .map((n, i) => {
          const height = n === 0 ? 1 : Math.max(3, Math.round((n / max) * BAR_MAX_PX));
          const color = n === 0 ? '#dddddd' : ACCENT;
          return `<td valign="bottom" width="7%" style="padding:0 1px" title="${days[i]}: ${n}"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td height="${height}" style="height:${height}px;background:${color};font-size:0;line-height:0">&nbsp;</td></tr></table></td>`;
        })
        .join('');
      return `<tr><td width="34%" style="padding:4px 6px 4px 0;font-size:12px;${WRAP}">${escapeHtml(row.label)}</td>` +
        `<td width="66%" valign="bottom" style="padding:4px 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed"><tr style="height:${BAR_MAX_PX}px">${bars}</tr></table></td></tr>`;
    })
    .join('\n');
  const axis = `<tr><td></td><td style="font-size:11px;color:#777"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td align="left">${dayOfMonth(days[0]!)}/${days[0]!.slice(5, 7)}</td><td align="right">${dayOfMonth(days[days.length - 1]!)}/${days[days.length - 1]!.slice(5, 7)}</td></tr></table></td></tr>`;
  return `<tr><td style="padding:12px 20px 4px 20px" data-chart>
<h2 style="margin:0 0 6px 0;font-size:16px">${WORDS[digest.lang].chartHeading}</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${rows}${axis}</table></td></tr>`;
}

function renderSection(section: DigestSection, digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const shown = section.stories.slice(0, options.maxStoriesPerTheme);
  const hidden = section.stories.length - shown.length;
  const more = hidden > 0
    ? `<p style="margin:4px 0 0 0;color:#555;font-size:13px;${WRAP}">${words.more(hidden)}${options.moreCommand ? ` — <code style="font-size:12px">${escapeHtml(options.moreCommand(section.theme))}</code> ${words.seeAll}` : ''}</p>`
    : '';
  return `<tr><td style="padding:14px 20px 4px 20px" data-theme="${escapeHtml(section.theme)}">
<h2 style="margin:0 0 8px 0;font-size:18px;border-bottom:2px solid ${ACCENT};padding-bottom:4px">${escapeHtml(section.label)} (${section.articleCount})</h2>
${shown.map((story) => renderStory(story, digest, options)).join('\n')}${more}
</td></tr>`;
}

/** The short section of stories about the subscriber's other countries (region-section.ts); nothing when there is none. */
function renderRegion(digest: Digest, options: RenderOptions): string {
  const region = digest.region;
  if (!region) return '';
  return `<tr><td style="padding:14px 20px 4px 20px" data-region>
<h2 style="margin:0 0 8px 0;font-size:18px;border-bottom:2px solid #777;padding-bottom:4px">${escapeHtml(region.label)} (${region.articleCount})</h2>
${region.stories.map((story) => renderStory(story, digest, options)).join('\n')}
</td></tr>`;
}

/** The countries of a story not about Peru, by name ("Ecuador, Colombia"); empty for Peru's and unknown ones. */
function foreignCountries(lead: Story['lead'], digest: Digest): string {
  return lead.countries.includes(PERU) ? '' : lead.countries.map((code) => countryName(code, digest.lang)).join(', ');
}

function renderStory(story: Story, digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const { lead } = story;
  const title = escapeHtml(clip(lead.title, 300));
  const href = safeHref(lead.url);
  const heading = href ? `<a href="${escapeHtml(href)}" style="color:#0b3d91;text-decoration:none">${title}</a>` : title;
  const regions = lead.regions.map((r) => digest.regionNames[r] ?? r).join(', ');
  const meta = [lead.feedName, formatLimaTime(lead.publishedAt, digest.lang), regions, foreignCountries(lead, digest)].filter(Boolean).map((m) => escapeHtml(clip(m, 120)));
  const also = story.alsoIn.slice(0, options.maxAlsoIn ?? 5).map((o) => {
    const link = safeHref(o.url);
    const name = escapeHtml(clip(o.feedName, 80));
    return link ? `<a href="${escapeHtml(link)}" style="color:#0b3d91">${name}</a>` : name;
  });
  return `<p style="margin:0 0 12px 0;${WRAP}"><strong>${heading}</strong><br>
<span style="color:#666;font-size:13px">${meta.join(' · ')}</span>` +
    (also.length ? `<br><span style="font-size:13px;color:#444">${words.alsoIn}: ${also.join(', ')}</span>` : '') +
    (story.snippet ? `<br><span style="font-size:13px;color:#555;font-style:italic">${words.why}: “${escapeHtml(clip(story.snippet, 240))}”</span>` : '') +
    '</p>';
}

function renderFooter(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const link = options.unsubscribeUrl ? safeHref(options.unsubscribeUrl) : undefined;
  return `<tr><td style="padding:16px 20px 20px 20px;border-top:1px solid #eee;font-size:12px;color:#777;${WRAP}">${words.footer}` +
    (link ? ` <a href="${escapeHtml(link)}" style="color:#777">${words.unsubscribe}</a>` : '') + '</td></tr>';
}

export function renderDigestText(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const lines = [`Centinela · ${digestTitle(digest.period, digest.lang)}`, `${periodLabel(digest.period, digest.lang)} · ${words.articles(digest.totalArticles)}`, ''];
  lines.push(`${words.countsHeading}:`);
  for (const c of digest.counts) lines.push(`  ${c.label}: ${c.count} (${delta(c.count, c.previous)}; ${words.previous} ${c.previous})`);
  lines.push('');
  if (digest.sections.length === 0) lines.push(words.empty, '');
  for (const section of digest.sections) {
    lines.push(`== ${section.label} (${section.articleCount}) ==`);
    const shown = section.stories.slice(0, options.maxStoriesPerTheme);
    for (const story of shown) lines.push(...storyText(story, digest, options));
    const hidden = section.stories.length - shown.length;
    if (hidden > 0) lines.push(`  ${words.more(hidden)}${options.moreCommand ? `: ${options.moreCommand(section.theme)}` : ''}`);
    lines.push('');
  }
  if (digest.region) {
    lines.push(`== ${digest.region.label} (${digest.region.articleCount}) ==`);
    for (const story of digest.region.stories) lines.push(...storyText(story, digest, options));
    lines.push('');
  }
  lines.push('--', words.footer);
  if (options.unsubscribeUrl && safeHref(options.unsubscribeUrl)) lines.push(`${words.unsubscribe}: ${safeHref(options.unsubscribeUrl)}`);
  return `${lines.join('\n')}\n`;
}

function storyText({ lead, alsoIn, snippet }: Story, digest: Digest, options: RenderOptions): string[] {
  const words = WORDS[digest.lang];
  const lines = [`- ${oneLine(clip(lead.title, 300))}`];
  const regions = lead.regions.map((r) => digest.regionNames[r] ?? r).join(', ');
  lines.push(`  ${[oneLine(lead.feedName), formatLimaTime(lead.publishedAt, digest.lang), regions, foreignCountries(lead, digest)].filter(Boolean).join(' · ')}`);
  const href = safeHref(lead.url);
  if (href) lines.push(`  ${href}`);
  if (alsoIn.length) lines.push(`  ${words.alsoIn}: ${alsoIn.slice(0, options.maxAlsoIn ?? 5).map((o) => oneLine(o.feedName)).join(', ')}`);
  if (snippet) lines.push(`  ${words.why}: “${oneLine(clip(snippet, 240))}”`);
  return lines;
}

/** Feed text on one line: no line breaks or control characters can fake extra lines in the text part. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim(); // Cc: U+0000–001F and U+007F–009F
}
