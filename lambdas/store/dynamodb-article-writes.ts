/**
 * Writing a poll's articles to DynamoDB (the write protocol of docs/data.md):
 *  1. findStored: one BatchGetItem per 100 ids, reading only `id`, `sources`,
 *     `expiresAt` and `writeId`; then one BatchGetItem of the pending-write
 *     items those `writeId`s name. An article whose pending-write item still
 *     exists may lack index items: its index is written again from the
 *     stored article (plain puts, so repeating them is harmless). A
 *     pending-write item older than STALE_PENDING_MS has lost its writer:
 *     every article it lists is completed and the item deleted. Story keys
 *     asked for (story-items.ts) ride on the same BatchGetItem; a key leading
 *     to an article outside the ids costs one more read of those articles.
 *  2. new articles (absent or expired), as one write:
 *     a. PutItem of a pending-write item listing them;
 *     b. a conditional put of each article carrying the write's id: PartiQL
 *        INSERTs, 25 a BatchExecuteStatement (batch-insert.ts), 4 in flight —
 *        BatchWriteItem takes no condition, and an unconditional put would
 *        overwrite an article another feed stored a moment earlier; a key
 *        found taken gets a conditional PutItem (absent or expired), which
 *        tells a live article (another writer's) from an expired one;
 *     c. their theme, region, day and feed index items, and the story item of
 *        each article with a story key, in BatchWriteItem requests of 25, 4
 *        in flight, unprocessed items retried;
 *     d. DeleteItem of the pending-write item;
 *     index items are written only once their article exists, so none can
 *     point at an article readers can't see.
 *  3. a stored article lacking one of the article's sources: one transaction
 *     appends the sources, conditional on the source list being the one read
 *     (optimistic locking), with a FEED# index item for each new feed; a
 *     conflicting writer makes it read again (strongly consistent) and retry.
 *     An article stored from an aggregator's opaque link (Google News) that
 *     the outlet's own copy joins takes the outlet's URL in the same
 *     transaction, with its index items written again.
 *  4. anything else is unchanged: no write.
 * A crash anywhere leaves at worst articles whose pending-write item exists;
 * the next poll that sees one of them (the same feed, redelivered or on its
 * next round, or another feed carrying it) completes it.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { mapLimited } from '../concurrency/map-limited.ts';
import type { Article } from '../model/article.ts';
import { missingSources, type PutOutcome, type StoredArticle, type StoredLookup, type StoryRef } from './article-store.ts';
import { articleItem, articleKey, feedIdsOf, feedIndexItem, INDEX_PENDING, indexItemsExpiring, toArticle, type Item } from './article-items.ts';
import { insertIfAbsent } from './batch-insert.ts';
import { batchGet, batchPutItems, batchWrite } from './batch-put.ts';
import { MAX_ATTEMPTS, pause } from './retry-unprocessed.ts';
import { StoreError } from './errors.ts';
import { isStale, pendingItem, pendingKey, toPendingWrite, WRITE_ID, type PendingWrite } from './pending-writes.ts';
import { isStoryItem, STORY_PROBED, storyItemKey, storyItems, storyRefsOf, withOutletUrl } from './story-items.ts';

/**
 * Batch requests of one write in flight at once (conditional article inserts,
 * 25 a request, then index items, 25 a request). A poll-feed invocation polls
 * 5 feeds side by side: 20 requests, within the SDK's 50 sockets.
 */
export const WRITE_CONCURRENCY = 4;

export interface WriteContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  retentionDays: number;
  now(): Date;
  onConsumedCapacity?: (operation: string, units: number) => void;
}

const ABSENT_OR_EXPIRED = 'attribute_not_exists(pk) OR #expiresAt <= :now';
const SAME_SOURCES = 'size(sources) = :known';
const SAME_LEGACY_MARK = '#pending = :token';
/** What the merge decision and the completeness check read of a stored article. */
const PROBED = ['id', 'sources', 'expiresAt', WRITE_ID, INDEX_PENDING] as const;

/** A stored, visible article as probed. */
interface Probe {
  id: string;
  sources: Article['sources'];
  expiresAt: number;
  writeId?: string;
  /** The token of the marker the previous write protocol set on the article itself. */
  legacyMark?: string;
}

export function createArticleWriter(ctx: WriteContext) {
  const { client, tableName, retentionDays, onConsumedCapacity } = ctx;
  const nowSeconds = () => Math.floor(ctx.now().getTime() / 1000);
  const isVisible = (item: Record<string, unknown>) => typeof item.expiresAt !== 'number' || item.expiresAt > nowSeconds();
  const capacity = onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  const report = (operation: string, consumed: { CapacityUnits?: number } | undefined) => onConsumedCapacity?.(operation, consumed?.CapacityUnits ?? 0);
  const batch = { onConsumedCapacity };

  /** `storyKeys`' items ride on the same batch reads; where they lead is put in `stories`. */
  async function probe(ids: string[], consistent: boolean, storyKeys: string[] = [], stories?: Map<string, StoryRef>): Promise<Map<string, Probe>> {
    const keys = [...ids.map(articleKey), ...storyKeys.map(storyItemKey)];
    const attributes = storyKeys.length > 0 ? [...PROBED, ...STORY_PROBED] : PROBED;
    const items = (await batchGet(client, tableName, keys, { ...batch, attributes, consistent })).filter(isVisible);
    for (const [key, ref] of storyRefsOf(storyKeys, items)) stories?.set(key, ref);
    const found = new Map<string, Probe>();
    for (const item of items) {
      if (isStoryItem(item)) continue;
      const optional = (value: unknown) => (typeof value === 'string' ? value : undefined);
      found.set(String(item.id), {
        id: String(item.id),
        sources: (item.sources as Article['sources'] | undefined) ?? [],
        expiresAt: Number(item.expiresAt),
        writeId: optional(item[WRITE_ID]),
        legacyMark: optional(item[INDEX_PENDING]),
      });
    }
    return found;
  }

  async function findStored(ids: string[], storyKeys: string[] = []): Promise<StoredLookup> {
    const stories = new Map<string, StoryRef>();
    const found = await probe(ids, false, storyKeys, stories);
    // A story stored from another feed's copy: its article, read only when some key leads outside `ids`.
    const elsewhere = [...new Set([...stories.values()].map((ref) => ref.articleId))].filter((id) => !found.has(id));
    if (elsewhere.length > 0) for (const [id, p] of await probe(elsewhere, false)) found.set(id, p);
    // A key whose article is gone leads nowhere: the next copy is stored as new and takes the key over.
    for (const [key, ref] of stories) if (!found.has(ref.articleId)) stories.delete(key);
    const repaired = await completeUnfinished([...found.values()]);
    return Object.assign(new Map([...found].map(([id, p]) => [id, { sources: p.sources }])), { stories, repaired });
  }

  /** Step 1: the index of every article among `found` whose write may not have finished; returns the ids indexed. */
  async function completeUnfinished(found: Probe[]): Promise<Set<string>> {
    const writeIds = [...new Set(found.flatMap((p) => (p.writeId ? [p.writeId] : [])))];
    const pending = writeIds.length === 0 ? [] : (await batchGet(client, tableName, writeIds.map(pendingKey), { ...batch, consistent: true })).map(toPendingWrite);
    const legacy = found.filter((p) => p.legacyMark);
    if (pending.length === 0 && legacy.length === 0) return new Set();
    const unfinished = new Set(pending.map((p) => p.writeId));
    const stale = pending.filter((p) => isStale(p, ctx.now()));
    const ids = new Set([
      ...found.filter((p) => p.writeId && unfinished.has(p.writeId)).map((p) => p.id),
      ...stale.flatMap((p) => p.articleIds),
      ...legacy.map((p) => p.id),
    ]);
    await writeIndexOfStored([...ids]);
    await deletePending(stale);
    for (const { id, legacyMark } of legacy) await clearLegacyMark(id, legacyMark!);
    return ids;
  }

  /**
   * Writes the index items of the stored articles `ids` from what is stored,
   * expiring with each. If one was stored afresh meanwhile (it expired and
   * another write replaced it), the items just written may have overwritten
   * the new ones with the old content, so those are written again.
   */
  async function writeIndexOfStored(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const stored = (await batchGet(client, tableName, ids.map(articleKey), { ...batch, consistent: true })).filter(isVisible);
    const items = stored.flatMap((item) => [...indexItemsExpiring(toArticle(item), Number(item.expiresAt)), ...storyItems(toArticle(item), Number(item.expiresAt))]);
    await batchPutItems(client, tableName, items, onConsumedCapacity);
    const now = await probe(ids, true);
    const replaced = stored.filter((item) => now.get(String(item.id)) && now.get(String(item.id))!.expiresAt !== Number(item.expiresAt));
    if (replaced.length > 0) await writeIndexOfStored(replaced.map((item) => String(item.id)));
  }

  async function deletePending(writes: PendingWrite[]): Promise<void> {
    await batchWrite(client, tableName, writes.map((w) => ({ DeleteRequest: { Key: pendingKey(w.writeId) } })), batch);
  }

  async function clearLegacyMark(id: string, token: string): Promise<void> {
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: articleKey(id),
          UpdateExpression: 'REMOVE #pending',
          ConditionExpression: SAME_LEGACY_MARK,
          ExpressionAttributeNames: { '#pending': INDEX_PENDING },
          ExpressionAttributeValues: { ':token': token },
          ...capacity,
        }),
      );
      report('UpdateItem', result.ConsumedCapacity);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async function putArticles(articles: Article[], known?: Map<string, StoredArticle>): Promise<PutOutcome[]> {
    const seen = new Set<string>();
    const firsts = articles.filter((a) => !seen.has(a.id) && seen.add(a.id));
    const outcomes = await putDistinct(firsts, known);
    const results: PutOutcome[] = [];
    for (const article of articles) {
      // The same id twice in one call (two links canonicalizing alike): each later one goes after the first.
      const first = outcomes.get(article.id);
      if (first !== undefined && firsts.includes(article)) results.push(first);
      else results.push((await putDistinct([article])).get(article.id)!);
    }
    return results;
  }

  async function putDistinct(articles: Article[], known?: Map<string, StoredArticle>): Promise<Map<string, PutOutcome>> {
    const outcomes = new Map<string, PutOutcome>();
    const stored = known ?? (await findStored(articles.map((a) => a.id)));
    const inserted = await insertArticles(articles.filter((a) => !stored.has(a.id)));
    const toMerge: Article[] = [];
    for (const article of articles) {
      const before = stored.get(article.id);
      if (inserted.get(article.id) === 'new') outcomes.set(article.id, 'new');
      else if (before && missingSources(before, article).length === 0) outcomes.set(article.id, 'unchanged');
      else toMerge.push(article);
    }
    await mapLimited(toMerge, 4, async (article) => outcomes.set(article.id, await mergeArticle(article)));
    return outcomes;
  }

  /** Step 2: 'new' for each article this write stored, 'exists' for one another writer stored first. */
  async function insertArticles(articles: Article[]): Promise<Map<string, 'new' | 'exists'>> {
    const outcomes = new Map<string, 'new' | 'exists'>();
    if (articles.length === 0) return outcomes;
    const writeId = randomUUID();
    const records = articles.map((article) => ({ article, item: articleItem(article, retentionDays, { [WRITE_ID]: writeId }) }));
    const pending = pendingItem(writeId, records.map((r) => ({ id: r.article.id, expiresAt: Number(r.item.expiresAt) })), ctx.now());
    report('PutItem', (await client.send(new PutCommand({ TableName: tableName, Item: pending, ...capacity }))).ConsumedCapacity);
    const answers = await insertIfAbsent(client, tableName, records.map((r) => r.item), { concurrency: WRITE_CONCURRENCY, onConsumedCapacity });
    // A key already taken is an article another writer stored a moment ago, an expired one TTL has not deleted
    // yet, or this write's own (the SDK sent a request again whose first answer was lost): the conditional put
    // that allows an expired one, returning the item it found, tells them apart (rare: one request each).
    await mapLimited(
      records.filter((_, i) => answers[i] === 'taken'),
      WRITE_CONCURRENCY,
      async ({ article, item }) => outcomes.set(article.id, await putIfAbsent(item)),
    );
    records.forEach((r, i) => answers[i] === 'inserted' && outcomes.set(r.article.id, 'new'));
    const written = records.filter((r) => outcomes.get(r.article.id) === 'new');
    const items = written.flatMap((r) => [...indexItemsExpiring(r.article, Number(r.item.expiresAt)), ...storyItems(r.article, Number(r.item.expiresAt))]);
    await batchPutItems(client, tableName, items, onConsumedCapacity, WRITE_CONCURRENCY);
    report('DeleteItem', (await client.send(new DeleteCommand({ TableName: tableName, Key: pendingKey(writeId), ...capacity }))).ConsumedCapacity);
    return outcomes;
  }

  /** 'new' when `item` is now stored by this write (or already was: same `writeId`), 'exists' when another writer's live article holds the key. */
  async function putIfAbsent(item: Item): Promise<'new' | 'exists'> {
    try {
      const result = await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: ABSENT_OR_EXPIRED,
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': nowSeconds() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ...capacity,
        }),
      );
      report('PutItem', result.ConsumedCapacity);
      return 'new';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The exception carries the item as on the wire (the document client does not unmarshall errors).
      return error.Item?.[WRITE_ID]?.S === item[WRITE_ID] ? 'new' : 'exists';
    }
  }

  /** Step 3 for one article, reading it strongly consistently each attempt. */
  async function mergeArticle(article: Article): Promise<PutOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(article.id), ConsistentRead: true }));
      if (!Item || !isVisible(Item)) {
        if ((await insertArticles([article])).get(article.id) === 'new') return 'new';
        continue;
      }
      const stored = toArticle(Item);
      const missing = missingSources(stored, article);
      if (missing.length === 0) return 'unchanged';
      if (await appendSources(stored, Number(Item.expiresAt), missing, article)) return 'merged';
      await pause(attempt);
    }
    throw new StoreError('contention', `gave up storing article ${article.id} after ${MAX_ATTEMPTS} attempts: other writers kept changing it`);
  }

  /**
   * False when the transaction was cancelled by its condition or by another
   * writer in the way. An article stored from an aggregator's opaque link that
   * `joining` (the outlet's own copy) reaches takes the outlet's URL, and its
   * index items are written again in the same transaction (their listing
   * carries the URL).
   */
  async function appendSources(stored: Article, expiresAt: number, missing: Article['sources'], joining: Article): Promise<boolean> {
    const storedFeeds = new Set(feedIdsOf(stored));
    const newFeeds = [...new Set(missing.map((s) => s.feedId))].filter((feedId) => !storedFeeds.has(feedId));
    const relinked = withOutletUrl(stored, joining, missing);
    const index = relinked
      ? indexItemsExpiring(relinked, expiresAt)
      : newFeeds.map((feedId) => feedIndexItem(stored, feedId, expiresAt));
    const relink = relinked ? { set: ', canonicalUrl = :url REMOVE #aggregatorLink', names: { '#aggregatorLink': 'aggregatorLink' }, values: { ':url': relinked.canonicalUrl } } : undefined;
    try {
      const result = await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: articleKey(stored.id),
                UpdateExpression: `SET sources = list_append(sources, :missing)${relink?.set ?? ''}`,
                ConditionExpression: SAME_SOURCES,
                ...(relink ? { ExpressionAttributeNames: relink.names } : {}),
                ExpressionAttributeValues: { ':missing': missing, ':known': stored.sources.length, ...relink?.values },
              },
            },
            ...index.map((Item) => ({ Put: { TableName: tableName, Item } })),
          ],
          ...capacity,
        }),
      );
      onConsumedCapacity?.('TransactWriteItems', (result.ConsumedCapacity ?? []).reduce((t, c) => t + (c.CapacityUnits ?? 0), 0));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = error.CancellationReasons?.map((r) => r.Code) ?? [];
      if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) return false;
      throw error;
    }
  }

  return {
    findStored,
    putArticles,
    putArticle: async (article: Article) => (await putArticles([article]))[0]!,
  };
}
