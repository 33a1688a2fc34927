/**
 * Builds and sends one digest:
 *  1. list each theme's articles in the period (one Query per theme, never a Scan)
 *  2. group, rank and cap them
 *  3. render HTML and text
 *  4. hand the message to the mailer
 */
import type { Language } from '../model/article.ts';
import type { ArticleStore, ListingItem, TimeRange } from '../store/article-store.ts';
import { buildDigest, type Digest, type ThemeLabel } from './build-digest.ts';
import type { Mailer, SentMail } from './mailer.ts';
import { renderDigestHtml, renderDigestText } from './render-digest.ts';

export interface SendDigestInput {
  articles: ArticleStore;
  mailer: Mailer;
  themes: ThemeLabel[];
  period: TimeRange;
  lang: Language;
  from: string;
  to: string;
  maxItemsPerTheme?: number;
}

export async function sendDigest(input: SendDigestInput): Promise<{ digest: Digest; sent: SentMail }> {
  const listingsByTheme = new Map<string, ListingItem[]>();
  for (const theme of input.themes) listingsByTheme.set(theme.id, await input.articles.listByTheme(theme.id, input.period));
  const digest = buildDigest({
    lang: input.lang,
    period: input.period,
    themes: input.themes,
    listingsByTheme,
    maxItemsPerTheme: input.maxItemsPerTheme ?? 10,
  });
  const sent = await input.mailer.send({
    from: input.from,
    to: input.to,
    subject: digest.subject,
    html: renderDigestHtml(digest),
    text: renderDigestText(digest),
  });
  return { digest, sent };
}
