/**
 * Checks of the settings a message is sent with — the SMTP server's URL, the
 * unsubscribe endpoint (the From address: sender-address.ts, which loads
 * nodemailer's address parser) — before anything is sent. Each check
 * returns what is wrong, as a sentence that says what a good value looks like,
 * or undefined when the value is fine; the caller names the setting (the CLI
 * prefixes `CENTINELA_FROM: ` and so on) and refuses to run.
 */
import { httpUrl } from '../model/http-url.ts';

/** The form an SMTP URL takes, for messages (no real credentials). */
export const SMTP_URL_EXAMPLE = 'smtp://user:pass@smtp.example.org:587';

/**
 * What is wrong with `raw` as an SMTP server URL, or undefined when it is
 * `smtp://` or `smtps://` with a host (user, password and port optional; what
 * nodemailer's createTransport takes as a URL). The value itself is never
 * repeated in the answer: it may hold a password.
 */
export function smtpUrlProblem(raw: string): string | undefined {
  const hint = `write it like ${SMTP_URL_EXAMPLE} (smtps:// for TLS from the first byte, usually port 465)`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return `is not a URL; ${hint}.`;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return `starts with "${url.protocol}//", not smtp:// or smtps://; ${hint}.`;
  if (!url.hostname) return `names no server host; ${hint}.`;
  return undefined;
}

/**
 * What is wrong with `raw` as the unsubscribe endpoint the links point at, or
 * undefined when it is an absolute http: or https: URL (what a mail client
 * opens from a link and from List-Unsubscribe, RFC 8058 requires HTTPS for
 * one-click). javascript:, data:, mailto: and the like are refused.
 */
export function unsubscribeUrlProblem(raw: string): string | undefined {
  const hint = 'write the full address of the endpoint, e.g. https://example.org/unsubscribe';
  if (httpUrl(raw) === undefined) {
    return URL.canParse(raw)
      ? `${JSON.stringify(raw)} is a ${new URL(raw).protocol} URL; only http:// and https:// links can be opened from a message; ${hint}.`
      : `${JSON.stringify(raw)} is not a URL; ${hint}.`;
  }
  return undefined;
}
