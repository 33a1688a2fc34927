/**
 * Turns a built digest into a message: HTML under Gmail's clipping limit as
 * sent (measured on the encoded MIME part), a plain-text alternative, and
 * one-click unsubscribe headers (RFC 8058).
 */
import type { Digest } from './digest.ts';
import { composeMime } from '../mail/compose-mime.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { encodedHtmlBytes } from '../mail/mime-size.ts';
import { MailError } from '../mail/errors.ts';
import { unsubscribeUrlProblem } from '../mail/mail-settings.ts';
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

/**
 * Renders with the most stories per theme (up to the cap) whose encoded HTML part fits the budget:
 * the cap first, then a binary search below it (a handful of compositions at most); the rest become "N more".
 */
export async function composeDigestMail(input: DigestMailInput): Promise<DigestMail> {
  const unsubscribeUrl = input.unsubscribe ? unsubscribeLink(input.to, input.unsubscribe, input.now) : undefined;
  const budget = input.htmlBudgetBytes ?? HTML_BUDGET_BYTES;
  const headers: Record<string, string> = unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
  const attempt = async (stories: number): Promise<DigestMail> => {
    const options: RenderOptions = { maxStoriesPerTheme: stories, unsubscribeUrl, moreCommand: input.moreCommand };
    const mail: OutgoingMail = {
      from: input.from,
      to: input.to,
      subject: input.digest.subject,
      html: renderDigestHtml(input.digest, options),
      text: renderDigestText(input.digest, options),
      headers,
    };
    const size = encodedHtmlBytes(await composeMime(mail));
    return { ...mail, storiesPerTheme: stories, hiddenStories: hiddenStories(input.digest, options), encodedHtmlBytes: size };
  };
  const cap = Math.min(input.maxStoriesPerTheme ?? DEFAULT_STORIES_PER_THEME, Math.max(0, ...input.digest.sections.map((s) => s.stories.length)));
  const full = await attempt(cap);
  if (full.encodedHtmlBytes <= budget) return full;
  let best = await attempt(0); // the smallest message there is: counts, top stories, "N more" lines, footer
  let [low, high] = [1, cap - 1];
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const mail = await attempt(middle);
    if (mail.encodedHtmlBytes <= budget) {
      best = mail;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

export function unsubscribeLink(email: string, settings: UnsubscribeSettings, now: Date): string {
  const problem = unsubscribeUrlProblem(settings.baseUrl);
  if (problem) throw new MailError('bad-setting', `the unsubscribe endpoint ${problem}`);
  const expiresAt = Math.floor(now.getTime() / 1000) + (settings.tokenTtlDays ?? 90) * 86_400;
  const url = new URL(settings.baseUrl);
  url.searchParams.set('token', signUnsubscribeToken({ email, expiresAt }, settings.signingKey));
  return url.toString();
}
