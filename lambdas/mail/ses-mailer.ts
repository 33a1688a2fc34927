import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { composeMime } from './compose-mime.ts';
import { MailError } from './errors.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

export interface SesMailerOptions {
  /** Publishes bounces and complaints to the ses-events function. */
  configurationSetName?: string;
}

/**
 * SES v2 with a raw MIME message, so the List-Unsubscribe headers and both
 * parts go out exactly as composed. The client is passed in (built at the edge).
 */
export function createSesMailer(client: Pick<SESv2Client, 'send'>, options: SesMailerOptions = {}): Mailer {
  return {
    async send(mail: OutgoingMail) {
      const raw = await composeMime(mail);
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: [mail.to] },
          Content: { Raw: { Data: new Uint8Array(raw) } },
          ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
        }),
      );
      if (!result.MessageId) throw new MailError('no-message-id', `SES returned no MessageId for the digest to ${mail.to}`);
      return { id: result.MessageId };
    },
  };
}
