import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../lambdas/store/article-items.ts';
import { batchPutItems } from '../lambdas/store/batch-put.ts';

/** A benchmark suite measures one stage and returns named figures. */
export type Figures = Record<string, number>;

export interface BenchSuite {
  /** Short name shown in the table, e.g. "tagging". */
  name: string;
  /** Runs the measurement; keys are dotted figure names like "tagging.articles_per_s". */
  run(): Promise<Figures>;
}

/** Milliseconds since `start` (from performance.now()), rounded to 0.1 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

/** Resident set size in MB, rounded. */
export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/**
 * Deterministic pseudo-random numbers in [0, 1), so every run measures the same
 * data: mulberry32 (32-bit integer arithmetic through Math.imul). A linear
 * congruential generator computed in doubles, as the store bench used before,
 * loses precision once the product passes 2^53 and falls into short cycles
 * after a few thousand draws.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds a table fast: BatchWriteItem requests of 25 (the store's own batchPutItems), 8 in flight. */
export async function seedItems(doc: DynamoDBDocumentClient, tableName: string, items: Item[]): Promise<void> {
  await batchPutItems(doc, tableName, items, undefined, 8);
}
