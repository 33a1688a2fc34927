import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { MailError } from './errors.ts';
import type { OutgoingMail } from './mailer.ts';
import { senderProblem } from './sender-address.ts';

/**
 * The raw RFC 5322 message (multipart/alternative text + HTML), built by nodemailer's composer.
 * Throws MailError `bad-setting` when `from` is not one mailbox (a line break in it would add headers).
 */
export async function composeMime(mail: OutgoingMail): Promise<Buffer> {
  const problem = senderProblem(mail.from);
  if (problem) throw new MailError('bad-setting', `the From address ${problem}`);
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    textEncoding: 'quoted-printable',
  })
    .compile()
    .build();
}
