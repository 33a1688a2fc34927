/**
 * The deployment's settings, validated in one place. They come from CDK
 * context (`-c key=value` or cdk.json); a missing or bad one fails
 * `cdk synth` with a message that names it and shows the flag to pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { parseFeedList } from '../lambdas/feeds/feed-list.ts';
import type { FeedSource } from '../lambdas/feeds/feed-source.ts';

export interface CentinelaConfig {
  /** The From address of digests; its domain or address must be verified in SES. */
  senderEmail: string;
  /** Alarms are mailed here (SNS email subscription, confirmed once by the owner). */
  ownerEmail: string;
  /** EventBridge Scheduler expression for dispatching due feeds. */
  pollSchedule: string;
  /** EventBridge Scheduler expression for the digest run (digests go to subscribers whose hour it is). */
  digestSchedule: string;
  /** IANA zone both schedules are evaluated in. */
  timezone: string;
  /** Articles (and their index items) expire through TTL after this many days. */
  retentionDays: number;
  /** CloudWatch Logs retention of every function, in days (one of the values CloudWatch accepts). */
  logRetentionDays: number;
  /** At most this many poll-feed invocations run at once, so outlets are not hammered. */
  pollConcurrency: number;
  /**
   * Also reserve that concurrency for poll-feed. A new account whose concurrency quota is
   * still 10 can't reserve any (AWS keeps 10 unreserved): pass -c reservedConcurrency=false;
   * the SQS event source's maximum concurrency still caps the pollers.
   */
  reservedConcurrency: boolean;
  /** A custom feed list file (absolute path) and its validated feeds; absent → the bundled list. */
  feedList?: { file: string; feeds: FeedSource[] };
}

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const email = z.email('must be an email address');
const scheduleExpression = z
  .string()
  .regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\)|at\(.+\))$/, 'must be an EventBridge Scheduler expression: rate(15 minutes), cron(0 7 * * ? *) or at(…)');
const integer = (min: number, max: number) =>
  z.coerce.number('must be a number').int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const schema = z.object({
  senderEmail: email,
  ownerEmail: email,
  pollSchedule: scheduleExpression.default('rate(15 minutes)'),
  // Every hour on the hour: the digest orchestrator sends to the subscribers whose hour it is.
  digestSchedule: scheduleExpression.default('cron(0 * * * ? *)'),
  timezone: z
    .string()
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as America/Lima')
    .default('America/Lima'),
  retentionDays: integer(1, 3650).default(400),
  logRetentionDays: z.coerce
    .number('must be a number')
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`)
    .default(30),
  pollConcurrency: integer(2, 20).default(2),
  reservedConcurrency: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')], 'must be true or false')
    .default(true),
  feedList: z.string().min(1, 'must be a path to a JSON feed list').optional(),
});

export type ContextKey = keyof typeof schema.shape;
export const contextKeys = Object.keys(schema.shape) as ContextKey[];

/** One idea: the deployment's settings can't be used as given. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`config: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join('\n  - ')}`}`);
  }
}

const examples: Record<ContextKey, string> = {
  senderEmail: 'digests@example.org',
  ownerEmail: 'you@example.org',
  pollSchedule: '"rate(15 minutes)"',
  digestSchedule: '"cron(0 * * * ? *)"',
  timezone: 'America/Lima',
  retentionDays: '400',
  logRetentionDays: '30',
  pollConcurrency: '2',
  reservedConcurrency: 'false',
  feedList: './my-feeds.json',
};

/**
 * Validates raw context values (strings from `-c`, or JSON values from cdk.json).
 * `baseDir` resolves a relative feed list path (the directory cdk runs in).
 */
export function parseConfig(raw: Partial<Record<ContextKey, unknown>>, baseDir = process.cwd()): CentinelaConfig {
  const values = Object.fromEntries(contextKeys.map((key) => [key, emptyToUndefined(raw[key])]));
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]) as ContextKey;
        const what = values[key] === undefined ? 'is required' : `${issue.message} (got ${JSON.stringify(values[key])})`;
        return `context key "${key}" ${what}: pass -c ${key}=${examples[key]} to cdk (or set it under "context" in cdk.json)`;
      }),
    );
  }
  const { feedList, ...rest } = parsed.data;
  return { ...rest, feedList: feedList === undefined ? undefined : readFeedList(path.resolve(baseDir, feedList)) };
}

function readFeedList(file: string): { file: string; feeds: FeedSource[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`context key "feedList": cannot read ${file} as JSON (${(error as Error).message}): pass -c feedList=${examples.feedList}`]);
  }
  try {
    return { file, feeds: parseFeedList(json) };
  } catch (error) {
    throw new ConfigError([`context key "feedList": ${file}: ${(error as Error).message}`]);
  }
}

function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
