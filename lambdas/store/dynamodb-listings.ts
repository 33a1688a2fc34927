/**
 * Reading listings a page at a time from the index partitions:
 *  1. pick the partition(s): THEME#, REGION#, FEED#, or one DAY# per Lima day
 *     of the range, newest day first
 *  2. Query each with `sk BETWEEN from AND to`, newest first, skipping items
 *     whose TTL has passed (DynamoDB deletes them lazily, up to days later)
 *  3. stop at the page size; the cursor names the partition and the last
 *     sort key read, so the next page resumes exactly there.
 * Day partitions: the newest is read alone (a busy day fills a page with one
 * Query); once a partition is read to its end with the page not full, the
 * next READ_AHEAD are Queried at once, each asking for what the page still
 * lacks, and taken in order, so the items, their order and the cursor are
 * those of reading one partition after the other.
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
  const partitions = partitionsOf(source, range);
  const start = page.cursor ? decodeCursor(page.cursor, partitions) : { index: 0, sk: undefined };

  const now = Math.floor(reader.now().getTime() / 1000);
  const read = (index: number, after: string | undefined, want: number) =>
    query(reader, {
      TableName: reader.tableName,
      KeyConditionExpression: IN_RANGE,
      FilterExpression: NOT_EXPIRED,
      ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':pk': partitions[index]!, ':from': from, ':to': to, ':now': now },
      ScanIndexForward: false,
      Limit: want,
      ExclusiveStartKey: after === undefined ? undefined : { pk: partitions[index]!, sk: after },
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
    for (let next = index + 1; next <= index + READ_AHEAD && next < partitions.length; next++) {
      if (ahead.has(next)) continue;
      const page = read(next, undefined, limit - items.length);
      page.catch(() => undefined); // awaited when its turn comes; one never needed must not fail the process
      ahead.set(next, page);
    }
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

export function partitionsOf(source: ListingSource, range: TimeRange): string[] {
  switch (source.by) {
    case 'theme':
      return [themePartition(source.theme)];
    case 'region':
      return [regionPartition(source.region)];
    case 'feed':
      return [feedPartition(source.feedId)];
    case 'day':
      return limaDaysBetween(new Date(range.from), new Date(range.to)).reverse().map(dayPartition);
  }
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
