/**
 * Turns a built digest into a message: HTML under Gmail's clipping limit,
 * a plain-text alternative, and one-click unsubscribe headers (RFC 8058).
 */
import type { Digest } from './digest.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { renderDigestHtml, renderDigestText, type RenderOptions } from './render-digest.ts';
import { signUnsubscribeToken } from '../subscribers/unsubscribe-token.ts';

/** Gmail clips HTML past 102 KB; stay under 100 KB (bytes, UTF-8). */
export const HTML_BUDGET_BYTES = 100_000;
export const DEFAULT_STORIES_PER_THEME = 10;

export interface UnsubscribeSettings {
  /** The endpoint (Function URL or the local server); the token goes in its query string. */
  baseUrl: string;
  signingKey: string;
  /** How long a link works; long enough to click in an old digest. */
  tokenTtlDays?: number;
}

export interface DigestMailInput {
  digest: Digest;
  to: string;
  from: string;
  now: Date;
  unsubscribe?: UnsubscribeSettings;
  maxStoriesPerTheme?: number;
  moreCommand?: RenderOptions['moreCommand'];
  htmlBudgetBytes?: number;
}

export function composeDigestMail(input: DigestMailInput): OutgoingMail & { storiesPerTheme: number } {
  const unsubscribeUrl = input.unsubscribe ? unsubscribeLink(input.to, input.unsubscribe, input.now) : undefined;
  const { html, options } = renderWithinBudget(input.digest, {
    maxStoriesPerTheme: input.maxStoriesPerTheme ?? DEFAULT_STORIES_PER_THEME,
    unsubscribeUrl,
    moreCommand: input.moreCommand,
  }, input.htmlBudgetBytes ?? HTML_BUDGET_BYTES);
  return {
    from: input.from,
    to: input.to,
    subject: input.digest.subject,
    html,
    text: renderDigestText(input.digest, options),
    headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
    storiesPerTheme: options.maxStoriesPerTheme,
  };
}

/** Renders with fewer stories per theme until the HTML fits the budget; the rest become "N more". */
export function renderWithinBudget(digest: Digest, options: RenderOptions, budgetBytes: number): { html: string; options: RenderOptions } {
  for (let stories = options.maxStoriesPerTheme; ; stories = Math.floor(stories * 0.7)) {
    const attempt = { ...options, maxStoriesPerTheme: stories };
    const html = renderDigestHtml(digest, attempt);
    if (Buffer.byteLength(html, 'utf8') <= budgetBytes || stories === 0) return { html, options: attempt };
  }
}

export function unsubscribeLink(email: string, settings: UnsubscribeSettings, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + (settings.tokenTtlDays ?? 90) * 86_400;
  const url = new URL(settings.baseUrl);
  url.searchParams.set('token', signUnsubscribeToken({ email, expiresAt }, settings.signingKey));
  return url.toString();
}
