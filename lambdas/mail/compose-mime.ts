import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { OutgoingMail } from './mailer.ts';

/** The raw RFC 5322 message (multipart/alternative text + HTML), built by nodemailer's composer. */
export function composeMime(mail: OutgoingMail): Promise<Buffer> {
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
