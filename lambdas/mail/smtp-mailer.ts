import nodemailer from 'nodemailer';
import { composeMime } from './compose-mime.ts';
import { MailError } from './errors.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

/**
 * Any SMTP server (SMTP_URL, e.g. smtp://user:pass@host:587): the same raw
 * MIME as SES gets, through nodemailer's SMTP transport.
 */
export function createSmtpMailer(smtpUrl: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail({ envelope: { from: addressOf(mail.from), to: [mail.to] }, raw: await composeMime(mail) });
      if (info.rejected.length > 0) throw new MailError('rejected', `the SMTP server rejected ${mail.to} (${info.response})`);
      return { id: info.messageId || info.response };
    },
    close: () => transport.close(),
  };
}

/** "Name <a@b>" → "a@b" for the SMTP envelope. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
