/**
 * Checks of the settings a message is sent with — the From address, the SMTP
 * server's URL, the unsubscribe endpoint — before anything is sent. Each check
 * returns what is wrong, as a sentence that says what a good value looks like,
 * or undefined when the value is fine; the caller names the setting (the CLI
 * prefixes `CENTINELA_FROM: ` and so on) and refuses to run.
 */
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { httpUrl } from '../model/http-url.ts';

/** The form a From address takes, for messages. */
export const FROM_EXAMPLE = 'Centinela <alertas@example.org>';
/** The form an SMTP URL takes, for messages (no real credentials). */
export const SMTP_URL_EXAMPLE = 'smtp://user:pass@smtp.example.org:587';

// The WHATWG HTML "valid e-mail address" (what <input type="email"> accepts; zod's html5Email is the same).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// C0 controls (CR and LF among them) and DEL: a header value is one line of text (RFC 5322 §2.2).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * What is wrong with `raw` as the From header (one mailbox: `addr@domain` or
 * `Display Name <addr@domain>`, RFC 5322 §3.4), or undefined when it is one.
 * Refused: line breaks and other control characters (they would let the value
 * add headers, e.g. a Bcc), several addresses, a group (`Name: a@b;`), and an
 * address that is not a valid e-mail address. Parsing is nodemailer's
 * addressparser, the one that builds the header.
 */
export function senderProblem(raw: string): string | undefined {
  const hint = `write one address, optionally with a name, e.g. "${FROM_EXAMPLE}"`;
  if (CONTROL.test(raw)) return `${JSON.stringify(raw)} contains a line break or another control character, which would add headers to every message; ${hint}.`;
  const parsed = addressparser(raw.trim());
  if (parsed.length !== 1) return `${JSON.stringify(raw)} is ${parsed.length === 0 ? 'empty' : `${parsed.length} addresses`}; ${hint}.`;
  const [mailbox] = parsed;
  if (!mailbox || 'group' in mailbox) return `${JSON.stringify(raw)} is a group of addresses, not one sender; ${hint}.`;
  if (!EMAIL.test(mailbox.address) || mailbox.address.length > 254) return `${JSON.stringify(raw)} has no valid e-mail address; ${hint}.`;
  return undefined;
}

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
