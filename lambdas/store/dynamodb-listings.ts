/**
 * Reading listings a page at a time from the index partitions:
 *  1. pick the partition(s): THEME#, REGION#, or one DAY# per Lima day of the
 *     range, newest day first;
 *  2. Query each with `sk BETWEEN from AND to`, newest first, skipping items
 *     whose TTL has passed (DynamoDB deletes them lazily, up to days later);
 *  3. stop at the page size; the cursor names the partition and the last
 *     sort key read, so the next page resumes exactly there.
 * Day partitions: the newest is read alone (a busy day fills a page with one
 * Query); once a partition is read to its end with the page not full, the
 * next READ_AHEAD are Queried at once, each asking for what the page still
 * lacks, and taken in order, so the items, their order and the cursor are
 * those of reading one partition after the other.
 * A feed's articles are two streams merged (listFeedPage below): the DAY#
 * partitions filtered on `feedId` (articles the feed stored first, which have
 * no FEED# item since 2026-11-30) and the FEED# partition (articles it carried
 * after another feed stored them, and every article stored before then).
 * Every read is a Query; nothing here can Scan.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { limaDaysBetween } from '../model/lima-time.ts';
import type { ListingItem, ListingSource, Page, PageRequest, TimeRange } from './article-store.ts';
import { dayPartition, feedPartition, regionPartition, sortableInstant, themePartition, toListing } from './article-items.ts';
import { InvalidCursorError, StoreError } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/**
 * Partitions Queried side by side once one has been read to its end without
 * filling the page: a listing over the Lima days of a month (`centinela query`
 * with no theme, region or feed) waits for a few round trips instead of one
 * per day. The cost: when a page fills early, the partitions read ahead were
 * read for nothing (at most READ_AHEAD − 1 Queries of up to the page size).
 */
export const READ_AHEAD = 4;

export interface ListingReader {
  client: DynamoDBDocumentClient;
  tableName: string;
  now(): Date;
  /** Called with each Query's consumed read capacity, when set. */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

const IN_RANGE = 'pk = :pk AND sk BETWEEN :from AND :to';
const NOT_EXPIRED = 'attribute_not_exists(#expiresAt) OR #expiresAt > :now';

export async function listPage(
  reader: ListingReader,
  source: ListingSource,
  range: TimeRange,
  page: PageRequest = {},
): Promise<Page<ListingItem>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreError('invalid-page-limit', `page limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${limit}`);
  }
  const from = sortableInstant(range.from);
  const to = sortableInstant(range.to);
  if (source.by === 'feed') return listFeedPage(reader, source.feedId, { from, to }, limit, page.cursor);
  const partitions = partitionsOf(source, range);
  const start = page.cursor ? decodeCursor(page.cursor, partitions) : { index: 0, sk: undefined };

  const now = Math.floor(reader.now().getTime() / 1000);
  const read = (index: number, after: string | undefined, want: number) =>
    queryUnexpired(reader, {
      pk: partitions[index]!,
      from,
      to,
      now,
      limit: want,
      after: after === undefined ? undefined : { pk: partitions[index]!, sk: after },
    });
  /** First pages of the partitions after the current one, asked before they are needed. */
  const ahead = new Map<number, Promise<QueryCommandOutput>>();

  const items: ListingItem[] = [];
  for (let index = start.index; index < partitions.length; index++) {
    const pk = partitions[index]!;
    let pending = ahead.get(index) ?? read(index, index === start.index ? start.sk : undefined, limit - items.length);
    ahead.delete(index);
    for (;;) {
      const result = await pending;
      const got = result.Items ?? [];
      // A page read ahead was asked for what was missing then: it may hold more than is missing now.
      const taken = got.slice(0, limit - items.length);
      items.push(...taken.map(toListing));
      const after = got.length > taken.length ? String(taken.at(-1)!.sk) : (result.LastEvaluatedKey?.sk as string | undefined);
      if (items.length === limit) {
        if (after !== undefined) return { items, cursor: encodeCursor(pk, after) };
        const next = partitions[index + 1];
        return { items, cursor: next === undefined ? undefined : encodeCursor(next, undefined) };
      }
      if (after === undefined) break;
      pending = read(index, after, limit - items.length);
    }
    // The page is not full, so the next partitions are likely needed too: asking them now, side by side,
    // turns a month of quiet days into a few round trips instead of one per day.
    readAhead(ahead, index, partitions.length, (next) => read(next, undefined, limit - items.length));
  }
  return { items };
}

/** Every listing of a source in a range, newest first, read page by page. */
export async function listAll(reader: ListingReader, source: ListingSource, range: TimeRange): Promise<ListingItem[]> {
  const all: ListingItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(reader, source, range, { limit: MAX_PAGE_SIZE, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** The partitions a theme, region or day listing reads, in order (a feed's listing merges two streams: listFeedPage). */
export function partitionsOf(source: Exclude<ListingSource, { by: 'feed' }>, range: TimeRange): string[] {
  switch (source.by) {
    case 'theme':
      return [themePartition(source.theme)];
    case 'region':
      return [regionPartition(source.region)];
    case 'day':
      return dayPartitionsOf(range);
  }
}

/** DAY#<Lima day> for each Lima day that [from, to) touches, newest day first. */
function dayPartitionsOf(range: TimeRange): string[] {
  return limaDaysBetween(new Date(range.from), new Date(range.to)).reverse().map(dayPartition);
}

/** A stored index item as read: the listing plus its keys. */
type IndexItem = Record<string, unknown> & { sk: string };

/**
 * One page of the articles of feed `feedId` published in [range.from,
 * range.to) (sortable instants), newest first, each article once.
 *
 * Two streams, both in sort-key order (`<publishedAt>#<id>`):
 *  A. FEED#<feedId>: articles the feed carried after another feed had stored
 *     them (a merged source), and every article stored before 2026-11-30,
 *     when the first feed had its FEED# item too;
 *  B. DAY#<day> for each Lima day of the range, newest first, filtered on
 *     `feedId = <feedId>` (the first feed, on every index item).
 * An article in both (stored before 2026-11-30 by this feed) has the same
 * sort key in both and is listed once, from its DAY# item (which a relink to
 * the outlet's URL rewrites; the old FEED# item is not).
 *
 * A page of n: A's newest n below the cursor (one Query, usually), then B's
 * newest n below the cursor — not older than A's n-th when A holds more than
 * n, as an older one cannot make the page — read day by day (the newest
 * alone, then READ_AHEAD days at once), and the two merged. The cursor is the
 * last sort key handed out; the next page is both streams below it. As with
 * the day listing, a full page may get a cursor whose page is empty (days
 * left that turn out to hold nothing of the feed). Cost: the Queries of B read every article of the days they cover
 * (about 5 RCU per 100 index items) to return the feed's few; docs/data.md
 * "Articles of one feed" has the figures.
 *
 * Errors: InvalidCursorError for a cursor this listing did not hand out.
 */
async function listFeedPage(
  reader: ListingReader,
  feedId: string,
  range: TimeRange,
  limit: number,
  cursor: string | undefined,
): Promise<Page<ListingItem>> {
  const below = cursor === undefined ? range.to : feedCursorKey(cursor, feedId, range);
  const now = Math.floor(reader.now().getTime() / 1000);
  const merged = await readPartitionItems(reader, feedPartition(feedId), range.from, below, limit, now);
  // When FEED# holds more than the page, the page ends no older than its n-th item: B need not read past it.
  const horizon = merged.more ? merged.items.at(-1)!.sk : range.from;
  const first = await readFirstFeedItems(reader, feedId, { from: horizon, to: below }, limit, now);

  const items: ListingItem[] = [];
  const seen = new Set<string>();
  let lastSk: string | undefined;
  let a = 0;
  let b = 0;
  while (items.length < limit && (a < merged.items.length || b < first.items.length)) {
    const fromA = merged.items[a];
    const fromB = first.items[b];
    // Newest first; on a tie (the same article in both) the DAY# copy, and the FEED# one is skipped.
    const takeB = fromB !== undefined && (fromA === undefined || fromB.sk >= fromA.sk);
    const item = takeB ? fromB : fromA!;
    if (takeB) {
      b++;
      if (fromA !== undefined && fromA.sk === fromB.sk) a++;
    } else {
      a++;
    }
    const listing = toListing(item);
    if (seen.has(listing.articleId)) continue;
    seen.add(listing.articleId);
    items.push(listing);
    lastSk = item.sk;
  }
  const more = a < merged.items.length || merged.more || b < first.items.length || first.more;
  return items.length === limit && more ? { items, cursor: encodeCursor(feedPartition(feedId), lastSk) } : { items };
}

/**
 * Up to `want` unexpired items of one partition with `from <= sk < below`,
 * newest first; `more` when the partition may hold older ones in range.
 * Asks for one item beyond `want`: the item exactly at `below` (a cursor's
 * last item) is in the key condition's inclusive BETWEEN and is dropped.
 */
async function readPartitionItems(
  reader: ListingReader,
  pk: string,
  from: string,
  below: string,
  want: number,
  now: number,
): Promise<{ items: IndexItem[]; more: boolean }> {
  const items: IndexItem[] = [];
  let after: Record<string, unknown> | undefined;
  do {
    const result = await queryUnexpired(reader, { pk, from, to: below, now, limit: want - items.length + 1, after });
    items.push(...((result.Items ?? []) as IndexItem[]).filter((item) => item.sk < below));
    after = result.LastEvaluatedKey;
  } while (after !== undefined && items.length < want);
  return { items: items.slice(0, want), more: items.length > want || after !== undefined };
}

/**
 * Up to `want` unexpired DAY# items of feed `feedId` (its first feed) with
 * `range.from <= sk < range.to`, newest first, reading the Lima days of the
 * range newest first: the newest alone, then, once a day is read to its end
 * with fewer than `want`, the next READ_AHEAD days at once. No `Limit`: the
 * filter keeps a few of each day's items, so each Query reads a whole day
 * (up to 1 MB) at once. `more` when older days or items may hold more.
 */
async function readFirstFeedItems(
  reader: ListingReader,
  feedId: string,
  range: TimeRange,
  want: number,
  now: number,
): Promise<{ items: IndexItem[]; more: boolean }> {
  // `to` is an instant (exclusive) or a cursor's sort key "<instant>#<id>", whose instant may hold more items.
  const toInstant = range.to.length > 24 ? new Date(Date.parse(range.to.slice(0, 24)) + 1).toISOString() : range.to;
  const days = dayPartitionsOf({ from: range.from.slice(0, 24), to: toInstant });
  const read = (pk: string, after: Record<string, unknown> | undefined) =>
    queryUnexpired(reader, { pk, from: range.from, to: range.to, now, feedId, after });
  const ahead = new Map<number, Promise<QueryCommandOutput>>();
  const items: IndexItem[] = [];
  for (let index = 0; index < days.length; index++) {
    let pending = ahead.get(index) ?? read(days[index]!, undefined);
    ahead.delete(index);
    for (;;) {
      const result = await pending;
      items.push(...((result.Items ?? []) as IndexItem[]).filter((item) => item.sk < range.to));
      if (items.length >= want) {
        return { items: items.slice(0, want), more: items.length > want || result.LastEvaluatedKey !== undefined || index + 1 < days.length };
      }
      if (result.LastEvaluatedKey === undefined) break;
      pending = read(days[index]!, result.LastEvaluatedKey);
    }
    readAhead(ahead, index, days.length, (next) => read(days[next]!, undefined));
  }
  return { items, more: false };
}

/** The sort key a feed listing's cursor resumes below; refuses one from another listing. */
function feedCursorKey(cursor: string, feedId: string, range: TimeRange): string {
  const { sk } = decodeCursor(cursor, [feedPartition(feedId)]);
  if (sk === undefined) return range.to;
  if (!SORT_KEY.test(sk)) throw new InvalidCursorError('the page cursor is not one this store handed out');
  // A cursor of another range: kept within this one (BETWEEN refuses an upper bound below the lower).
  return sk > range.to ? range.to : sk < range.from ? range.from : sk;
}

/** "<24-character ISO instant>#<id>". */
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#/;

/**
 * Asks now for the first pages of the READ_AHEAD partitions after `index`
 * (of `count`) that are not asked yet, keeping each promise in `ahead` by
 * partition index until its turn comes.
 */
function readAhead(ahead: Map<number, Promise<QueryCommandOutput>>, index: number, count: number, read: (next: number) => Promise<QueryCommandOutput>): void {
  for (let next = index + 1; next <= index + READ_AHEAD && next < count; next++) {
    if (ahead.has(next)) continue;
    const page = read(next);
    page.catch(() => undefined); // awaited when its turn comes; one never needed must not fail the process
    ahead.set(next, page);
  }
}

/**
 * One Query of partition `pk` for the items with `from <= sk <= to` (BETWEEN
 * is inclusive; callers drop what they must), newest first, whose TTL has not
 * passed at `now` (seconds) and, given `feedId`, whose first feed it is; at
 * most `limit` items evaluated when given, from `after` (a LastEvaluatedKey).
 */
function queryUnexpired(
  reader: ListingReader,
  q: { pk: string; from: string; to: string; now: number; limit?: number; after?: Record<string, unknown>; feedId?: string },
): Promise<QueryCommandOutput> {
  const byFeed = q.feedId !== undefined;
  return query(reader, {
    TableName: reader.tableName,
    KeyConditionExpression: IN_RANGE,
    FilterExpression: byFeed ? `(${NOT_EXPIRED}) AND #feedId = :feedId` : NOT_EXPIRED,
    ExpressionAttributeNames: byFeed ? { '#expiresAt': 'expiresAt', '#feedId': 'feedId' } : { '#expiresAt': 'expiresAt' },
    ExpressionAttributeValues: { ':pk': q.pk, ':from': q.from, ':to': q.to, ':now': q.now, ...(byFeed ? { ':feedId': q.feedId } : {}) },
    ScanIndexForward: false,
    Limit: q.limit,
    ExclusiveStartKey: q.after,
  });
}

async function query(reader: ListingReader, input: QueryCommandInput) {
  const report = reader.onConsumedCapacity;
  const result = await reader.client.send(new QueryCommand(report ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input));
  if (report) report('Query', result.ConsumedCapacity?.CapacityUnits ?? 0);
  return result;
}

function encodeCursor(partition: string, sk: string | undefined): string {
  return Buffer.from(JSON.stringify(sk === undefined ? { p: partition } : { p: partition, s: sk })).toString('base64url');
}

function decodeCursor(cursor: string, partitions: string[]): { index: number; sk: string | undefined } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError('the page cursor is not one this store handed out', { cause: error });
  }
  const { p, s } = (decoded ?? {}) as { p?: unknown; s?: unknown };
  const index = typeof p === 'string' ? partitions.indexOf(p) : -1;
  if (index < 0 || (s !== undefined && typeof s !== 'string')) {
    throw new InvalidCursorError('the page cursor belongs to another listing or range; start again without it');
  }
  return { index, sk: s as string | undefined };
}
