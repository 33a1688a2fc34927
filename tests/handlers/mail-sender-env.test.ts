/**
 * The mail-sending functions (send-digests, check-alerts) check SENDER_EMAIL
 * and UNSUBSCRIBE_URL at cold start with the CLI's own checks (senderProblem,
 * unsubscribeUrlProblem): a bad deploy-time value fails naming the variable,
 * what is wrong and what a good value looks like.
 */
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../lambdas/handlers/env.ts';
import { MAIL_SENDER_ENV } from '../../lambdas/handlers/mail-sender-env.ts';
import { unsubscribeUrlProblem } from '../../lambdas/mail/mail-settings.ts';
import { senderProblem } from '../../lambdas/mail/sender-address.ts';

const GOOD = {
  ARTICLES_TABLE: 'centinela-articles',
  SUBSCRIBERS_TABLE: 'centinela-subscribers',
  RETENTION_DAYS: '400',
  SENDER_EMAIL: 'Centinela <alertas@example.org>',
  SES_CONFIGURATION_SET: 'centinela',
  UNSUBSCRIBE_URL: 'https://abc123.lambda-url.us-east-1.on.aws/',
  SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:centinela-unsubscribe-AbCdEf',
};

const SUFFIX = ' — the CDK stack sets these variables; redeploy with `npx cdk deploy`';

describe('MAIL_SENDER_ENV', () => {
  it('reads the settings the stack sets', () => {
    expect(parseEnv(MAIL_SENDER_ENV, GOOD)).toEqual({ ...GOOD, RETENTION_DAYS: 400 });
  });

  it('accepts a bare sender address as well as one with a name', () => {
    expect(parseEnv(MAIL_SENDER_ENV, { ...GOOD, SENDER_EMAIL: 'alertas@example.org' }).SENDER_EMAIL).toBe('alertas@example.org');
  });

  it.each([
    ['not an address', 'abc'],
    ['two addresses', 'a@example.org, b@example.org'],
    ['a header injection', 'alertas@example.org\r\nBcc: x@example.org'],
  ])('refuses a SENDER_EMAIL that is %s, naming it with the CLI’s sentence', (_, value) => {
    const problem = senderProblem(value);
    expect(problem).toBeDefined();
    const parse = () => parseEnv(MAIL_SENDER_ENV, { ...GOOD, SENDER_EMAIL: value });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(
      `env: SENDER_EMAIL must be the verified sender address (the From of every message): ${problem} (got ${JSON.stringify(value)})${SUFFIX}`,
    );
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a mailto: URL', 'mailto:bajas@example.org'],
    ['not a URL', 'unsubscribe'],
  ])('refuses an UNSUBSCRIBE_URL that is %s, naming it with the CLI’s sentence', (_, value) => {
    const problem = unsubscribeUrlProblem(value);
    expect(problem).toBeDefined();
    const parse = () => parseEnv(MAIL_SENDER_ENV, { ...GOOD, UNSUBSCRIBE_URL: value });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(`env: UNSUBSCRIBE_URL must be the unsubscribe Function URL: ${problem} (got ${JSON.stringify(value)})${SUFFIX}`);
  });

  it('names both variables when both are bad, and a missing one as not set', () => {
    const { SENDER_EMAIL: _, ...withoutSender } = GOOD;
    expect(() => parseEnv(MAIL_SENDER_ENV, { ...withoutSender, UNSUBSCRIBE_URL: 'ftp://example.org/u' })).toThrow(
      /^env: SENDER_EMAIL is not set; UNSUBSCRIBE_URL must be the unsubscribe Function URL: "ftp:\/\/example.org\/u" is a ftp: URL; /,
    );
  });
});
