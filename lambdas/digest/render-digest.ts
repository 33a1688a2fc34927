/**
 * Digest HTML for mail clients: tables and inline styles only, no scripts,
 * no images; every feed-supplied string goes through escapeHtml and every
 * link through safeHref.
 */
import { formatLimaTime } from '../model/lima-time.ts';
import type { ListingItem } from '../store/article-store.ts';
import type { Digest, DigestSection } from './build-digest.ts';
import { escapeHtml, safeHref } from './html.ts';

const WORDS = {
  es: { heading: 'Resumen de Centinela', period: 'Periodo', empty: 'No hubo artículos en este periodo.', more: 'más' },
  en: { heading: 'Centinela digest', period: 'Period', empty: 'No articles in this period.', more: 'more' },
};

export function renderDigestHtml(digest: Digest): string {
  const words = WORDS[digest.lang];
  const sections = digest.sections.length
    ? digest.sections.map((s) => renderSection(s, digest)).join('\n')
    : `<tr><td style="padding:16px 0;color:#555">${words.empty}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="${digest.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(digest.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#222">
<tr><td style="padding:20px 20px 8px 20px"><h1 style="margin:0;font-size:22px">${words.heading}</h1>
<p style="margin:4px 0 0 0;color:#555">${words.period}: ${escapeHtml(periodLabel(digest))}</p></td></tr>
${sections}
</table></td></tr></table></body></html>
`;
}

function renderSection(section: DigestSection, digest: Digest): string {
  const words = WORDS[digest.lang];
  const items = section.items.map((item) => renderItem(item, digest)).join('\n');
  const more = section.total > section.items.length ? `<p style="margin:4px 0 0 0;color:#555">+${section.total - section.items.length} ${words.more}</p>` : '';
  return `<tr><td style="padding:12px 20px" data-theme="${escapeHtml(section.theme)}">
<h2 style="margin:0 0 8px 0;font-size:18px;border-bottom:2px solid #b71c1c;padding-bottom:4px">${escapeHtml(section.label)} (${section.total})</h2>
${items}${more}
</td></tr>`;
}

function renderItem(item: ListingItem, digest: Digest): string {
  const href = safeHref(item.url);
  const title = escapeHtml(item.title);
  const heading = href ? `<a href="${escapeHtml(href)}" style="color:#0b3d91;text-decoration:none">${title}</a>` : title;
  const meta = [item.feedName, formatLimaTime(item.publishedAt, digest.lang), item.regions.join(', ')].filter(Boolean);
  return `<p style="margin:0 0 10px 0;word-wrap:break-word;overflow-wrap:anywhere"><strong>${heading}</strong><br>
<span style="color:#666;font-size:13px">${escapeHtml(meta.join(' · '))}</span></p>`;
}

export function renderDigestText(digest: Digest): string {
  const words = WORDS[digest.lang];
  const lines = [words.heading, `${words.period}: ${periodLabel(digest)}`, ''];
  if (digest.sections.length === 0) lines.push(words.empty);
  for (const section of digest.sections) {
    lines.push(`== ${section.label} (${section.total}) ==`);
    for (const item of section.items) {
      lines.push(`- ${item.title}`, `  ${item.feedName} · ${formatLimaTime(item.publishedAt, digest.lang)}`);
      const href = safeHref(item.url);
      if (href) lines.push(`  ${href}`);
    }
    if (section.total > section.items.length) lines.push(`  +${section.total - section.items.length} ${words.more}`);
    lines.push('');
  }
  return lines.join('\n');
}

function periodLabel(digest: Digest): string {
  const to = new Date(Date.parse(digest.period.to) - 1).toISOString();
  return `${formatLimaTime(digest.period.from, digest.lang)} – ${formatLimaTime(to, digest.lang)}`;
}
