/**
 * The feed list is data (feeds.json): a user adds a feed by adding an entry,
 * without touching code. It is validated once, and every problem names the
 * entry (by position and id) and the field, so the file can be fixed by hand.
 */
import { isHttpUrl } from '../model/http-url.ts';
import * as z from '../model/zod-mini.ts';
import { FeedListError } from './errors.ts';
import type { FeedSource } from './feed-source.ts';
import { isKnownTimeZone } from './parse/feed-date.ts';
import bundledFeeds from './feeds.json' with { type: 'json' };

export { FeedListError };

const httpUrl = z.string().check(z.trim(), z.refine(isHttpUrl, 'must be an absolute http(s) URL'));

const feedSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case kebab-case (a-z, 0-9, -)')),
  name: z.string().check(z.trim(), z.minLength(1, 'is empty')),
  url: httpUrl,
  lang: z.enum(['es', 'en'], 'must be "es" or "en"'),
  fullText: z._default(z.boolean('must be true or false'), false),
  /** IANA zone for dates the feed writes without a zone (default America/Lima). */
  timeZone: z.optional(z.string().check(z.refine(isKnownTimeZone, 'must be an IANA time zone such as "America/Lima" or "America/Bogota"'))),
  /** The evidence that the URL works (who tested it, when, what they saw); ignored by the poller. */
  notes: z.optional(z.string().check(z.trim(), z.minLength(1, 'is empty'))),
  /** When the URL was last seen working (YYYY-MM-DD), or "unverified". */
  verified: z.optional(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2}|unverified)$/, 'must be a date (YYYY-MM-DD) or "unverified"'))),
});

/** The bundled list must say, for every feed, why it is there and whether anyone saw it work. */
const evidencedFeedSchema = z.required(feedSchema, { notes: true, verified: true });

/** The file is either a bare array of feeds or `{ "feeds": [...] }`. */
const listSchema = z.union([z.array(z.unknown()), z.object({ feeds: z.array(z.unknown()) })]);

/**
 * Validates a feed list (parsed JSON) into feeds; throws FeedListError naming
 * every bad entry and field. `requireEvidence` (the bundled list) makes
 * `notes` and `verified` required.
 */
export function parseFeedList(json: unknown, options: { requireEvidence?: boolean } = {}): FeedSource[] {
  const schema = options.requireEvidence ? evidencedFeedSchema : feedSchema;
  const list = listSchema.safeParse(json);
  if (!list.success) throw new FeedListError(['must be a JSON array of feeds, or an object with a "feeds" array']);
  const entries = Array.isArray(list.data) ? list.data : list.data.feeds;
  const problems: string[] = [];
  const feeds: FeedSource[] = [];
  entries.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      const label = entryLabel(entry, index);
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join('.') : '(entry)';
        const missing = issue.path.length === 1 && typeof entry === 'object' && entry !== null && !(String(issue.path[0]) in entry);
        const message =
          issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : missing ? 'is missing' : issue.message;
        problems.push(`${label}: ${field} ${message}`);
      }
      return;
    }
    const { notes: _notes, verified: _verified, timeZone, ...feed } = parsed.data;
    feeds.push(timeZone ? { ...feed, timeZone } : feed);
  });
  const seen = new Map<string, number>();
  feeds.forEach((feed) => seen.set(feed.id, (seen.get(feed.id) ?? 0) + 1));
  for (const [id, count] of seen) if (count > 1) problems.push(`feed "${id}": id is used by ${count} entries; ids must be unique`);
  if (problems.length > 0) throw new FeedListError(problems);
  return feeds;
}

let defaults: FeedSource[] | undefined;

/** The feed list shipped with Centinela (bundled by esbuild through the JSON import). */
export function defaultFeeds(): FeedSource[] {
  defaults ??= parseFeedList(bundledFeeds, { requireEvidence: true });
  return defaults.map((feed) => ({ ...feed }));
}

/**
 * A feed made from a bare URL (`centinela poll --feed URL`): id derived from
 * host and path; named after the host until the feed's own <title> is read.
 */
export function feedFromUrl(url: string, lang: 'es' | 'en' = 'es'): FeedSource {
  const parsed = httpUrl.safeParse(url);
  if (!parsed.success) throw new FeedListError([`"${url}" ${parsed.error.issues[0]?.message ?? 'is not a URL'}`]);
  const { hostname, pathname, search } = new URL(parsed.data);
  const id = `${hostname}${pathname}${search}`
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return { id: id || 'feed', name: hostname, url: parsed.data, lang, fullText: false, nameFromFeed: true };
}

function entryLabel(entry: unknown, index: number): string {
  const id = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : undefined;
  return typeof id === 'string' && id ? `feed #${index + 1} ("${id}")` : `feed #${index + 1}`;
}
