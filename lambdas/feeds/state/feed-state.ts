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
  /** A readable sentence, e.g. "fetch: 404 Not Found for feed https://…". */
  lastError?: string;
  /** Items in the last document that had content (a 304 keeps the previous counts). */
  itemsSeen?: number;
  itemsNew?: number;
  /** Items of the last document that could not be used. */
  itemsRejected?: number;
  /** A failing feed is not polled again before this instant (backoff). */
  nextAttemptAt?: string;
  /** The last article page that could not be fetched or read (full-text feeds). */
  lastFullTextError?: string;
  /** Where the feed actually was after redirects, when it differs from url. */
  finalUrl?: string;
  /** Every redirect on the way was permanent (301/308): the URL to put in the feed list. */
  movedPermanentlyTo?: string;
  /** The server answered 410 Gone: the feed is not polled again until its URL in the list changes. */
  gone?: boolean;
  /** 200 answers in a row with no item at all (a wrong section slug on Arc sites does that). */
  emptyPolls?: number;
  /** Why nextAttemptAt is later than the next cycle: "Retry-After", "Cache-Control max-age", "RSS ttl" or "backoff". */
  nextAttemptReason?: string;
}

export interface FeedStateStore {
  get(feedId: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
  list(): Promise<FeedState[]>;
}
