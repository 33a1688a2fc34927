/** A message ready to send; adapters turn it into MIME and deliver or file it. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  /** Provider message id, or the path of the file written. */
  id: string;
  /** Files written, for adapters that write files (the outbox). */
  files?: string[];
}

/** The port digests are sent through: outbox, SMTP or SES. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}
