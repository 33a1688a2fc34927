/**
 * The mail stage's errors: a message the transport did not accept. SDK and
 * network errors from the transports are passed on as they are (the digest
 * run records them per subscriber and retries on its next run).
 */

export type MailErrorKind =
  | 'rejected' // the SMTP server refused the recipient
  | 'no-message-id' // SES answered without a MessageId, so delivery can't be tracked
  | 'bad-setting'; // the From address or the unsubscribe endpoint is not usable (mail-settings.ts says why)

/** Message `mail: …` names the transport and the recipient. */
export class MailError extends Error {
  override name = 'MailError';
  constructor(
    readonly kind: MailErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`mail: ${message}`, options);
  }
}
