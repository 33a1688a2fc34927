/**
 * Environment settings are read at the handler edge only, once per container,
 * and validated: a missing or malformed variable fails the cold start with a
 * message that names it (the stack sets them all; a redeploy fixes a drift).
 */
import * as z from '../model/zod-mini.ts';

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export function parseEnv<Shape extends z.core.$ZodShape>(
  shape: Shape,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodMiniObject<Shape>> {
  const parsed = z.object(shape).safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return env[name] === undefined ? `${name} is not set` : `${name} ${issue.message} (got ${JSON.stringify(env[name])})`;
  });
  throw new EnvError(`env: ${problems.join('; ')} — the CDK stack sets these variables; redeploy with \`npx cdk deploy\``);
}

export const tableName = z.string().check(z.minLength(3, 'must be a DynamoDB table name'));
export const positiveInt = z.coerce.number().check(z.int(), z.positive('must be a positive whole number'));
export const secretArn = z.string().check(z.startsWith('arn:', 'must be a Secrets Manager ARN'));


/** Builds a value on first use and keeps it for the container's lifetime. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
