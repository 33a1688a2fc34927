/** What Centinela remembers about each feed between polls (access pattern 5). */
export interface FeedState {
  feedId: string;
  url: string;
  etag?: string;
  lastModified?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  httpStatus?: number;
  consecutiveFailures: number;
  /** A readable sentence, e.g. "fetch: 404 Not Found for https://…". */
  lastError?: string;
  itemsSeen?: number;
  itemsNew?: number;
  /** A failing feed is not polled again before this instant (backoff). */
  nextAttemptAt?: string;
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
  list(): Promise<FeedState[]>;
}
