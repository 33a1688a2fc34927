import { readFileSync } from 'node:fs';
import { decodeBody } from './lambdas/feeds/parse/decode-body.ts';
import { parseFeed } from './lambdas/feeds/parse/parse-feed.ts';
import { normalizeItem } from './lambdas/feeds/normalize/normalize-item.ts';
for (const f of ['01-atom-invalid-published-date.xml','02-atom-replies-link-before-alternate.xml','04-php-warning-before-xml-declaration.xml','06-google-news-title-suffix-and-source.xml','10-spanish-pm-dates.xml','11-cp1252-numeric-refs-into-digest.xml','12-angle-brackets-in-plain-titles.xml']) {
  const p = await parseFeed(decodeBody(readFileSync('/work/shared/field-cases/'+f)).text, 'https://x.example/feed');
  console.log('==', f, p.title, p.link, p.rejected, p.skippedJunk);
  for (const it of p.items) { const r = normalizeItem(it, {id:'t',name:'T',url:'https://x.example/feed',lang:'es',fullText:false}, p.link ?? 'https://x.example/', new Date('2026-11-30T12:00:00Z')); console.log(r.ok ? [r.draft.title, r.draft.canonicalUrl, r.draft.publishedAt, r.draft.dateSource, r.draft.summary.slice(0,90), JSON.stringify(r.draft.sources), r.unreadableDate] : r.reason); }
}
