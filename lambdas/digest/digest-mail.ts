/**
 * Turns a built digest into a message: HTML under Gmail's clipping limit as
 * sent (measured on the encoded MIME part), a plain-text alternative, and
 * one-click unsubscribe headers (RFC 8058).
 */
import type { Digest } from './build-digest.ts';
import { composeMime } from '../mail/compose-mime.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { encodedHtmlBytes } from '../mail/mime-size.ts';
import { hiddenStories, renderDigestHtml, renderDigestText, type RenderOptions } from './render-digest.ts';
import { signUnsubscribeToken } from '../subscribers/unsubscribe-token.ts';

/**
 * Gmail clips a message whose HTML passes ~102 KB (Google's "[Message clipped]";
 * email-bugs and Litmus measure it on the encoded part): the text/html part,
 * after transfer encoding, stays at or under 100,000 bytes.
 */
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
  /** Budget for the encoded text/html part, bytes. */
  htmlBudgetBytes?: number;
}

export interface DigestMail extends OutgoingMail {
  storiesPerTheme: number;
  /** Stories left out by the cap (each section says how many and how to see them). */
  hiddenStories: number;
  /** Size of the text/html part as encoded in the message (mailers compose the same part again), bytes. */
  encodedHtmlBytes: number;
}

export async function composeDigestMail(input: DigestMailInput): Promise<DigestMail> {
  const unsubscribeUrl = input.unsubscribe ? unsubscribeLink(input.to, input.unsubscribe, input.now) : undefined;
  const budget = input.htmlBudgetBytes ?? HTML_BUDGET_BYTES;
  const headers: Record<string, string> = unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
  for (let stories = input.maxStoriesPerTheme ?? DEFAULT_STORIES_PER_THEME; ; stories = Math.floor(stories * 0.7)) {
    const options: RenderOptions = { maxStoriesPerTheme: stories, unsubscribeUrl, moreCommand: input.moreCommand };
    const mail: OutgoingMail = {
      from: input.from,
      to: input.to,
      subject: input.digest.subject,
      html: renderDigestHtml(input.digest, options),
      text: renderDigestText(input.digest, options),
      headers,
    };
    const raw = await composeMime(mail);
    const size = encodedHtmlBytes(raw);
    if (size <= budget || stories === 0) {
      return { ...mail, storiesPerTheme: stories, hiddenStories: hiddenStories(input.digest, options), encodedHtmlBytes: size };
    }
  }
}

export function unsubscribeLink(email: string, settings: UnsubscribeSettings, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + (settings.tokenTtlDays ?? 90) * 86_400;
  const url = new URL(settings.baseUrl);
  url.searchParams.set('token', signUnsubscribeToken({ email, expiresAt }, settings.signingKey));
  return url.toString();
}
