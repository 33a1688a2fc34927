/**
 * The environment every function that mails subscribers (send-digests,
 * check-alerts) reads. Its own module: the zod schemas it builds at import
 * would otherwise land in every bundle that imports env.ts.
 *
 * SENDER_EMAIL and UNSUBSCRIBE_URL get the same checks as the CLI's
 * CENTINELA_FROM and CENTINELA_UNSUBSCRIBE_URL (lambdas/mail/sender-address.ts
 * `senderProblem`, lambdas/mail/mail-settings.ts `unsubscribeUrlProblem`), so a
 * bad deploy-time value fails the cold start naming the variable instead of
 * every message. (senderProblem loads nodemailer's addressparser, which the
 * MIME composer these functions bundle loads anyway.)
 */
import { unsubscribeUrlProblem } from '../mail/mail-settings.ts';
import { senderProblem } from '../mail/sender-address.ts';
import * as z from '../model/zod-mini.ts';
import { positiveInt, secretArn, tableName } from './env.ts';

/**
 * A string setting checked by `problem` (undefined when the value is fine, else
 * a sentence saying what is wrong and what a good value looks like); parseEnv
 * prefixes the variable's name to `what` and the sentence.
 */
function checkedBy(what: string, problem: (raw: string) => string | undefined) {
  return z.string().check(
    z.superRefine((value, context) => {
      const found = problem(value);
      if (found !== undefined) context.addIssue({ code: 'custom', message: `${what}: ${found}`, input: value });
    }),
  );
}

/** Tables, SES sender and unsubscribe link of a mail-sending function. */
export const MAIL_SENDER_ENV = {
  ARTICLES_TABLE: tableName,
  SUBSCRIBERS_TABLE: tableName,
  RETENTION_DAYS: positiveInt,
  SENDER_EMAIL: checkedBy('must be the verified sender address (the From of every message)', senderProblem),
  SES_CONFIGURATION_SET: z.string().check(z.minLength(1, 'must be the SES configuration set name')),
  UNSUBSCRIBE_URL: checkedBy('must be the unsubscribe Function URL', unsubscribeUrlProblem),
  SIGNING_KEY_SECRET_ARN: secretArn,
};
