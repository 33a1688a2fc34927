/**
 * Digest HTML for mail clients (Gmail, Outlook, Apple Mail): table layout and
 * inline styles only, no scripts, no images, no CSS classes. Every
 * feed-supplied string goes through `text()` (control characters cleaned,
 * then escaped) and every link through safeHref.
 * Order, for a reader at 7 a.m.: top stories, what changed, each theme's
 * stories, regions, the chart (numbers on the bars), the footer.
 */
import type { Digest, DigestSection, Story } from './digest.ts';
import { countryName, PERU } from '../model/country.ts';
import { cleanText } from './clean-text.ts';
import { WORDS, decimal, delta, digestTitle, periodLabel, shortDay, storyTime } from './digest-words.ts';
import { findTerm } from './highlight.ts';
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
const LINK = 'color:#0b3d91;text-decoration:none';
const BAR_MAX_PX = 36;
const TABLE = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';

/** Feed text as HTML: one line, no control characters, escaped, at most `max` characters. */
const text = (value: string, max = 300) => escapeHtml(clip(cleanText(value), max));

export function renderDigestHtml(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const hidden = hiddenStories(digest, options);
  const body = digest.sections.length
    ? digest.sections.map((s) => renderSection(s, digest, options)).join('\n')
    : `<tr><td style="padding:16px 20px;color:#555">${words.empty}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="${digest.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(cleanText(digest.subject))}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;-webkit-text-size-adjust:100%">
<table ${TABLE} style="background:#f4f4f4"><tr><td align="center" style="padding:12px 6px">
<table ${TABLE} style="max-width:600px;width:100%;background:#ffffff;${FONT};font-size:15px;line-height:1.45;color:#222">
<tr><td style="padding:18px 20px 4px 20px"><h1 style="margin:0;font-size:21px;color:${ACCENT}">Centinela · ${digestTitle(digest.period, digest.lang)}</h1>
<p style="margin:4px 0 0 0;color:#555">${escapeHtml(periodLabel(digest.period, digest.lang))} · ${words.stories(digest.totalStories)} <span style="color:#888">(${words.previous} ${digest.previousTotal})</span></p>` +
    (hidden > 0 ? `\n<p style="margin:6px 0 0 0;font-size:13px;color:#8a4b00" data-trimmed="${hidden}">${words.trimmed(hidden)}</p>` : '') +
    `</td></tr>
${renderTop(digest)}
${renderChanges(digest)}
${body}
${renderRegion(digest, options)}
${renderRegions(digest)}
${renderChart(digest)}
${renderFooter(digest, options)}
</table></td></tr></table></body></html>
`;
}

/** Stories left out of the sections by the per-theme cap. */
export function hiddenStories(digest: Digest, options: Pick<RenderOptions, 'maxStoriesPerTheme'>): number {
  return digest.sections.reduce((n, s) => n + Math.max(0, s.stories.length - options.maxStoriesPerTheme), 0);
}

function chip(label: string, strong = false): string {
  return `<span style="display:inline-block;margin:2px 4px 0 0;padding:0 6px;border-radius:8px;font-size:12px;line-height:18px;` +
    `background:${strong ? '#fbe9e7' : '#eeeeee'};color:${strong ? ACCENT : '#444'}">${escapeHtml(label)}</span>`;
}

function storyLink(story: Story, max = 300): string {
  const href = safeHref(story.lead.url);
  const title = text(story.lead.title, max);
  return href ? `<a href="${escapeHtml(href)}" style="${LINK}">${title}</a>` : title;
}

function regionList(digest: Digest, regions: string[]): string {
  return regions.map((r) => text(digest.regionNames[r] ?? r, 60)).join(', ');
}

function renderTop(digest: Digest): string {
  if (digest.top.length === 0) return '';
  const rows = digest.top
    .map((story) => {
      const chips = story.themes.map((t, i) => chip(digest.themeLabels[t] ?? t, i === 0)).join('');
      const meta = [regionList(digest, story.regions), WORDS[digest.lang].outlets(story.outlets).replace(/\u00a0/g, '&nbsp;')].filter(Boolean).join(' · ');
      return `<tr><td style="padding:6px 0;border-bottom:1px solid #eee;${WRAP}" data-top-story="${escapeHtml(story.lead.articleId)}">` +
        `<strong>${storyLink(story, 200)}</strong><br>${chips}<span style="font-size:12px;color:#666">${meta}</span></td></tr>`;
    })
    .join('\n');
  return `<tr><td style="padding:12px 20px 4px 20px" data-top>
<h2 style="margin:0 0 2px 0;font-size:17px;color:${ACCENT}">${WORDS[digest.lang].top}</h2>
<table ${TABLE}>${rows}</table></td></tr>`;
}

function renderChanges(digest: Digest): string {
  const words = WORDS[digest.lang];
  const changed = digest.counts.filter((c) => c.count !== c.previous || c.spike);
  const same = digest.counts.filter((c) => !changed.includes(c));
  const rows = changed
    .map((c) => `<tr><td style="padding:2px 0;${WRAP}">${escapeHtml(c.label)}${c.spike ? ` <span style="font-size:11px;font-weight:bold;color:#fff;background:${ACCENT};padding:0 4px;border-radius:3px" data-spike="${escapeHtml(c.theme)}" title="${escapeHtml(words.spikeWhy(c.spike.count, decimal(c.spike.mean, digest.lang)))}">▲ ${words.spike}</span>` : ''}</td>` +
      `<td align="right" style="padding:2px 0 2px 8px;font-weight:bold">${c.count}</td>` +
      `<td align="right" style="padding:2px 0 2px 8px;color:#666;white-space:nowrap">${delta(c.count, c.previous)} <span style="font-size:12px">(${words.previous} ${c.previous})</span></td></tr>`)
    .join('');
  const regional = digest.spikes.filter((s) => s.region);
  const regionalLine = regional.length
    ? `<p style="margin:6px 0 0 0;font-size:13px;${WRAP}" data-spike-regions><strong style="color:${ACCENT}">▲ ${words.spikeRegions}:</strong> ` +
      regional.map((s) => `${escapeHtml(s.label)} · ${text(s.regionName ?? s.region ?? '', 60)} ${s.check.count} (${escapeHtml(words.spikeWhy(s.check.count, decimal(s.check.mean, digest.lang)).split(';')[1]!.trim())})`).join('; ') + '</p>'
    : '';
  const sameLine = same.length
    ? `<p style="margin:6px 0 0 0;font-size:13px;color:#666;${WRAP}" data-unchanged>${words.unchanged}: ${same.map((c) => `${escapeHtml(c.label)} ${c.count}`).join(', ')}</p>`
    : '';
  return `<tr><td style="padding:12px 20px 4px 20px" data-changes>
<h2 style="margin:0 0 4px 0;font-size:15px">${words.changesHeading}</h2>
${rows ? `<table ${TABLE} style="font-size:14px">${rows}</table>` : `<p style="margin:0;font-size:13px;color:#666">${words.noChanges}</p>`}${regionalLine}${sameLine}</td></tr>`;
}

function renderSection(section: DigestSection, digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const shown = section.stories.slice(0, options.maxStoriesPerTheme);
  const hidden = section.stories.length - shown.length;
  const more = hidden > 0
    ? `<p style="margin:4px 0 0 0;color:#555;font-size:13px;${WRAP}" data-more="${hidden}">${words.more(hidden)}${options.moreCommand ? ` — <code style="font-size:12px">${escapeHtml(options.moreCommand(section.theme))}</code> ${words.seeAll}` : ''}</p>`
    : '';
  const elsewhere = section.elsewhere > 0 ? ` <span style="font-size:12px;font-weight:normal;color:#777">${words.elsewhere(section.elsewhere)}</span>` : '';
  return `<tr><td style="padding:14px 20px 4px 20px" data-theme="${escapeHtml(section.theme)}">
<h2 style="margin:0 0 8px 0;font-size:17px;border-bottom:2px solid ${ACCENT};padding-bottom:4px">${escapeHtml(section.label)} (${section.stories.length})${elsewhere}</h2>
${shown.map((story) => renderStory(story, digest, options)).join('\n')}${more}
</td></tr>`;
}

/** The short section of stories about the subscriber's other countries (region-section.ts); nothing when there is none. */
function renderRegion(digest: Digest, options: RenderOptions): string {
  const region = digest.region;
  if (!region) return '';
  return `<tr><td style="padding:14px 20px 4px 20px" data-region>
<h2 style="margin:0 0 8px 0;font-size:17px;border-bottom:2px solid #777;padding-bottom:4px">${escapeHtml(region.label)} (${region.articleCount})</h2>
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
  const when = escapeHtml(storyTime(lead.publishedAt, digest.lang, digest.period.days.length > 1)).replace(/\u00a0/g, '&nbsp;');
  const meta = [text(lead.feedName, 120), when, regionList(digest, story.regions), text(foreignCountries(lead, digest), 120)].filter(Boolean).join(' · ');
  const chips = story.themes.slice(1).map((t) => chip(digest.themeLabels[t] ?? t)).join('');
  const outlets = story.outlets > 1 ? ` <strong style="font-size:12px;color:#444">· ${words.outlets(story.outlets).replace(/\u00a0/g, '&nbsp;')}</strong>` : '';
  const also = story.alsoIn.slice(0, options.maxAlsoIn ?? 5).map((o) => {
    const link = safeHref(o.url);
    const name = text(o.feedName, 80);
    return link ? `<a href="${escapeHtml(link)}" style="color:#0b3d91">${name}</a>` : name;
  });
  return `<p style="margin:0 0 12px 0;${WRAP}" data-story="${escapeHtml(lead.articleId)}"><strong>${storyLink(story)}</strong><br>
<span style="color:#666;font-size:13px">${meta}</span>${outlets}${chips ? `<br>${chips}` : ''}` +
    (story.lede ? `<br><span style="font-size:14px;color:#333">${text(story.lede, 280)}</span>` : '') +
    (also.length ? `<br><span style="font-size:13px;color:#444">${words.alsoIn}: ${also.join(', ')}</span>` : '') +
    (story.why ? `<br><span style="font-size:13px;color:#555;font-style:italic">${words.why}: “${whyHtml(story.why)}”</span>` : '') +
    '</p>';
}

/** The snippet with the rule term in bold. */
function whyHtml(why: NonNullable<Story['why']>): string {
  const snippet = clip(cleanText(why.snippet), 240);
  const at = findTerm(snippet, why.term);
  if (!at) return escapeHtml(snippet);
  return `${escapeHtml(snippet.slice(0, at[0]))}<strong style="font-style:normal">${escapeHtml(snippet.slice(at[0], at[1]))}</strong>${escapeHtml(snippet.slice(at[1]))}`;
}

function renderRegions(digest: Digest): string {
  const words = WORDS[digest.lang];
  const top = digest.regions.slice(0, 8);
  if (top.length === 0) return '';
  const rows = top
    .map((r) => `<tr><td style="padding:2px 0;${WRAP}">${text(r.name, 60)}</td><td align="right" style="padding:2px 0 2px 8px;font-weight:bold">${r.count}</td>` +
      `<td align="right" style="padding:2px 0 2px 8px;color:#666;white-space:nowrap">${delta(r.count, r.previous)} <span style="font-size:12px">(${words.previous} ${r.previous})</span></td></tr>`)
    .join('');
  return `<tr><td style="padding:14px 20px 4px 20px" data-regions>
<h2 style="margin:0 0 4px 0;font-size:15px">${words.regionsHeading}</h2>
<table ${TABLE} style="font-size:14px">${rows}</table></td></tr>`;
}

/** One row of bars per theme with stories in the chart's span; each bar carries its number, dates every week. */
function renderChart(digest: Digest): string {
  const words = WORDS[digest.lang];
  const { buckets } = digest.chart;
  const rows = digest.chart.rows.filter((r) => r.counts.some((n) => n > 0));
  if (rows.length === 0) return '';
  const max = Math.max(1, ...rows.flatMap((r) => r.counts));
  const weekly = buckets[0]!.days === 7;
  const bars = (counts: number[]) =>
    counts
      .map((n, i) => {
        const height = Math.max(3, Math.round((n / max) * BAR_MAX_PX));
        // Kept short: twelve themes × fourteen bars add up against the size budget.
        return n === 0
          ? `<td data-bar="${buckets[i]!.day}:0" style="border-bottom:1px solid #ccc;font-size:0">&nbsp;</td>`
          : `<td data-bar="${buckets[i]!.day}:${n}" align="center" style="padding:0 1px;font-size:10px;line-height:12px">${n}<div style="height:${height}px;background:${ACCENT}"></div></td>`;
      })
      .join('');
  // A date every week: under each weekly bar, or once per seven daily bars (left-aligned over the week it starts).
  const step = weekly ? 1 : 7;
  const axis = buckets
    .filter((_, i) => i % step === 0)
    .map((b, i) => `<td colspan="${Math.min(step, buckets.length - i * step)}" align="${weekly ? 'center' : 'left'}" style="font-size:9px;color:#777;padding-top:2px">${shortDay(b.day)}</td>`)
    .join('');
  const body = rows
    .map((row) => `<tr><td style="padding:6px 0 0 0;font-size:12px;color:#333;${WRAP}">${escapeHtml(row.label)} <span style="color:#888">· ${words.chartMax(Math.max(...row.counts))}</span></td></tr>` +
      `<tr><td><table ${TABLE} style="table-layout:fixed"><tr valign="bottom">${bars(row.counts)}</tr></table></td></tr>`)
    .join('\n');
  return `<tr><td style="padding:14px 20px 4px 20px" data-chart>
<h2 style="margin:0 0 2px 0;font-size:15px">${words.chartHeading(weekly)}</h2>
<table ${TABLE}>${body}
<tr><td><table ${TABLE} style="table-layout:fixed"><tr>${axis}</tr></table></td></tr></table></td></tr>`;
}

function renderFooter(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const link = options.unsubscribeUrl ? safeHref(options.unsubscribeUrl) : undefined;
  return `<tr><td style="padding:16px 20px 20px 20px;border-top:1px solid #eee;font-size:12px;color:#777;${WRAP}" data-footer>${words.footer}` +
    (link ? ` <a href="${escapeHtml(link)}" style="color:#777">${words.unsubscribe}</a>` : '') + '</td></tr>';
}

/** The plain-text alternative: same order and the same cap, one line per fact. */
export function renderDigestText(digest: Digest, options: RenderOptions): string {
  const words = WORDS[digest.lang];
  const line = (value: string, max = 300) => clip(cleanText(value), max);
  const hidden = hiddenStories(digest, options);
  const lines = [
    `Centinela · ${digestTitle(digest.period, digest.lang)}`,
    `${periodLabel(digest.period, digest.lang)} · ${words.stories(digest.totalStories)} (${words.previous} ${digest.previousTotal})`,
  ];
  if (hidden > 0) lines.push(words.trimmed(hidden));
  lines.push('');
  if (digest.top.length) {
    lines.push(`${words.top}:`);
    for (const story of digest.top) {
      const themes = story.themes.map((t) => digest.themeLabels[t] ?? t).join(', ');
      const regions = story.regions.map((r) => digest.regionNames[r] ?? r).join(', ');
      lines.push(`* ${line(story.lead.title)} [${[themes, line(regions), words.outlets(story.outlets)].filter(Boolean).join(' · ')}]`);
    }
    lines.push('');
  }
  lines.push(`${words.changesHeading}:`);
  const changed = digest.counts.filter((c) => c.count !== c.previous || c.spike);
  for (const c of changed) lines.push(`  ${c.label}: ${c.count} (${delta(c.count, c.previous)}; ${words.previous} ${c.previous})${c.spike ? ` ▲ ${words.spike}: ${words.spikeWhy(c.spike.count, decimal(c.spike.mean, digest.lang))}` : ''}`);
  if (changed.length === 0) lines.push(`  ${words.noChanges}`);
  for (const s of digest.spikes.filter((m) => m.region)) lines.push(`  ▲ ${s.label} · ${line(s.regionName ?? s.region!)}: ${words.spikeWhy(s.check.count, decimal(s.check.mean, digest.lang))}`);
  const same = digest.counts.filter((c) => !changed.includes(c));
  if (same.length) lines.push(`  ${words.unchanged}: ${same.map((c) => `${c.label} ${c.count}`).join(', ')}`);
  lines.push('');
  if (digest.sections.length === 0) lines.push(words.empty, '');
  for (const section of digest.sections) {
    lines.push(`== ${section.label} (${section.stories.length})${section.elsewhere ? ` ${words.elsewhere(section.elsewhere)}` : ''} ==`);
    const shown = section.stories.slice(0, options.maxStoriesPerTheme);
    for (const story of shown) lines.push(...storyText(story, digest, options));
    const more = section.stories.length - shown.length;
    if (more > 0) lines.push(`  ${words.more(more)}${options.moreCommand ? `: ${options.moreCommand(section.theme)}` : ''}`);
    lines.push('');
  }
  if (digest.region) {
    lines.push(`== ${digest.region.label} (${digest.region.articleCount}) ==`);
    for (const story of digest.region.stories) lines.push(...storyText(story, digest, options));
    lines.push('');
  }
  if (digest.regions.length) {
    lines.push(`${words.regionsHeading}:`);
    for (const r of digest.regions.slice(0, 8)) lines.push(`  ${line(r.name, 60)}: ${r.count} (${delta(r.count, r.previous)}; ${words.previous} ${r.previous})`);
    lines.push('');
  }
  lines.push('--', words.footer);
  if (options.unsubscribeUrl && safeHref(options.unsubscribeUrl)) lines.push(`${words.unsubscribe}: ${safeHref(options.unsubscribeUrl)}`);
  return `${lines.join('\n')}\n`;
}

/** One story in the plain-text part: title, facts, lede, link, other outlets, why. */
function storyText(story: Story, digest: Digest, options: RenderOptions): string[] {
  const words = WORDS[digest.lang];
  const line = (value: string, max = 300) => clip(cleanText(value), max);
  const { lead } = story;
  const lines = [`- ${line(lead.title)}`];
  const regions = story.regions.map((r) => digest.regionNames[r] ?? r).join(', ');
  const others = story.themes.slice(1).map((t) => digest.themeLabels[t] ?? t).join(', ');
  lines.push(`  ${[line(lead.feedName), storyTime(lead.publishedAt, digest.lang, digest.period.days.length > 1), line(regions), line(foreignCountries(lead, digest)), story.outlets > 1 ? words.outlets(story.outlets) : '', others].filter(Boolean).join(' · ')}`);
  if (story.lede) lines.push(`  ${line(story.lede, 280)}`);
  const href = safeHref(lead.url);
  if (href) lines.push(`  ${href}`);
  if (story.alsoIn.length) lines.push(`  ${words.alsoIn}: ${story.alsoIn.slice(0, options.maxAlsoIn ?? 5).map((o) => line(o.feedName, 80)).join(', ')}`);
  if (story.why) lines.push(`  ${words.why}: “${line(story.why.snippet, 240)}”`);
  return lines;
}
