/**
 * The check of the From address a message is sent with (mail-settings.ts has
 * the others); its own module because it loads nodemailer's address parser,
 * which commands that send nothing should not load.
 */
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { isEmailAddress } from '../model/email-address.ts';

/** The form a From address takes, for messages. */
export const FROM_EXAMPLE = 'Centinela <alertas@example.org>';

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
  if (!isEmailAddress(mailbox.address)) return `${JSON.stringify(raw)} has no valid e-mail address; ${hint}.`;
  return undefined;
}
