/**
 * Where alerts go besides subscribers' mail: webhook targets, read from a
 * secret (Secrets Manager in AWS) or a local file (.centinela/alerts.json),
 * validated once with zod. Example:
 *
 *   { "targets": [
 *     { "id": "ops",   "kind": "webhook",  "url": "https://ops.example.org/hooks/centinela", "secret": "…32+ chars…" },
 *     { "id": "slack", "kind": "slack",    "url": "https://hooks.slack.com/services/T000/B000/XXXX" },
 *     { "id": "teams", "kind": "teams",    "url": "https://example.webhook.office.com/webhookb2/…" },
 *     { "id": "tg",    "kind": "telegram", "botToken": "123456:ABC…", "chatId": "-1001234567890" }
 *   ] }
 *
 * Optional on every target: "themes" (ids; default every theme) and "regions"
 * (region ids; default every region: theme-wide spikes and regional ones).
 * URLs and tokens are secrets: errors name the target id and the field, never the value.
 */
import * as z from '../model/zod-mini.ts';
import { jsonSyntaxProblem } from '../model/json-syntax.ts';
import { AlertConfigError } from './errors.ts';

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 lower-case letters, digits, - or _'));
const httpsUrl = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
);
const nonEmptyList = z.optional(z.array(z.string().check(z.minLength(1))));
const scope = { themes: nonEmptyList, regions: nonEmptyList };

const target = z.discriminatedUnion('kind', [
  z.strictObject({ id, kind: z.literal('webhook'), url: httpsUrl, secret: z.string().check(z.minLength(16, 'must be at least 16 characters (the HMAC key)')), ...scope }),
  z.strictObject({ id, kind: z.literal('slack'), url: httpsUrl, ...scope }),
  z.strictObject({ id, kind: z.literal('teams'), url: httpsUrl, ...scope }),
  z.strictObject({
    id,
    kind: z.literal('telegram'),
    botToken: z.string().check(z.regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-… (from @BotFather)')),
    chatId: z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String)),
    /** The Bot API server; only a self-hosted one (or a test) changes it. */
    apiBase: z._default(httpsUrl, 'https://api.telegram.org'),
    ...scope,
  }),
]);

const schema = z.strictObject({ targets: z.array(target) });

export type AlertTarget = z.infer<typeof target>;
export interface AlertTargets {
  targets: AlertTarget[];
}

/** Parses the targets document; `source` names it in errors ("`.centinela/alerts.json`", "secret centinela/alerts"). */
export function parseAlertTargets(json: string, source: string): AlertTargets {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    // The position only: V8's message can quote the text, and this one holds webhook secrets.
    throw new AlertConfigError(`${source} is not valid JSON: ${jsonSyntaxProblem(json, error)}; see docs/digests.md, "Alerts".`, { cause: error });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const entry = issue.path[0] === 'targets' && typeof issue.path[1] === 'number' ? (data as { targets: { id?: unknown }[] }).targets[issue.path[1]]?.id : undefined;
    throw new AlertConfigError(`${source}: ${where || '(top level)'}${typeof entry === 'string' ? ` (target "${entry}")` : ''} ${issue.message}; see docs/digests.md, "Alerts".`);
  }
  const seen = new Set<string>();
  for (const t of parsed.data.targets) {
    if (seen.has(t.id)) throw new AlertConfigError(`${source}: two targets are called "${t.id}"; ids must be unique.`);
    seen.add(t.id);
  }
  return parsed.data;
}

/** Does this target want this spike? */
export function targetWants(t: Pick<AlertTarget, 'themes' | 'regions'>, spike: { theme: string; region?: string }): boolean {
  if (t.themes && !t.themes.includes(spike.theme)) return false;
  if (t.regions && t.regions.length > 0) return spike.region !== undefined && t.regions.includes(spike.region);
  return true;
}
