/**
 * The pending-write item (pure: no I/O). A batch of new articles is written as
 *  1. one pending-write item `WRITE#<writeId>` listing the batch's article ids;
 *  2. the articles, each carrying `writeId`;
 *  3. their index items;
 *  4. the deletion of the pending-write item.
 * So an article whose `writeId` names a pending-write item that still exists
 * may lack index items (its writer crashed, or is still at step 3); one whose
 * pending-write item is gone has them all. See docs/data.md, "Write protocol".
 */
import type { Item } from './article-items.ts';
import type { Key } from './batch-put.ts';

/** The attribute of an article naming the write that stored it. */
export const WRITE_ID = 'writeId';
export const PENDING_SK = 'PENDING';
/**
 * After this long a pending write's writer has certainly stopped: a poll-feed
 * invocation lasts at most 2 minutes (lib/ingestion.ts POLL_TIMEOUT) and one
 * feed's store step seconds. A later poll that finds an older one completes
 * every article it lists and deletes it.
 */
export const STALE_PENDING_MS = 15 * 60_000;

export const pendingKey = (writeId: string): Key => ({ pk: `WRITE#${writeId}`, sk: PENDING_SK });

export interface PendingWrite {
  writeId: string;
  articleIds: string[];
  /** ISO instant the write began. */
  startedAt: string;
}

/** The pending-write item for `articles`, expiring (TTL) with the last of them. */
export function pendingItem(writeId: string, articles: { id: string; expiresAt: number }[], startedAt: Date): Item {
  return {
    ...pendingKey(writeId),
    type: 'pending-write',
    articleIds: articles.map((a) => a.id),
    startedAt: startedAt.toISOString(),
    expiresAt: Math.max(...articles.map((a) => a.expiresAt)),
  };
}

export function toPendingWrite(item: Record<string, unknown>): PendingWrite {
  return {
    writeId: String(item.pk).slice('WRITE#'.length),
    articleIds: (item.articleIds as string[] | undefined) ?? [],
    startedAt: String(item.startedAt),
  };
}

export function isStale(pending: PendingWrite, now: Date): boolean {
  return now.getTime() - Date.parse(pending.startedAt) > STALE_PENDING_MS;
}
