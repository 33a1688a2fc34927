/**
 * The environment every function that mails subscribers (send-digests,
 * check-alerts) reads. Its own module: the zod schemas it builds at import
 * would otherwise land in every bundle that imports env.ts.
 */
import * as z from '../model/zod-mini.ts';
import { positiveInt, secretArn, tableName } from './env.ts';

/** Tables, SES sender and unsubscribe link of a mail-sending function. */
export const MAIL_SENDER_ENV = {
  ARTICLES_TABLE: tableName,
  SUBSCRIBERS_TABLE: tableName,
  RETENTION_DAYS: positiveInt,
  SENDER_EMAIL: z.string().check(z.minLength(3, 'must be the verified sender address')),
  SES_CONFIGURATION_SET: z.string().check(z.minLength(1, 'must be the SES configuration set name')),
  UNSUBSCRIBE_URL: z.url('must be the unsubscribe Function URL'),
  SIGNING_KEY_SECRET_ARN: secretArn,
};
