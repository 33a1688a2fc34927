// A module of its own so the CLI can show the default without loading the poll.
/**
 * Feeds polled at the same time by default (`centinela poll`, `serve`, the
 * bench's poll suite). Each feed's store write already keeps 4 requests in
 * flight, and on the 2-core machine where the bench shares the cores with
 * DynamoDB Local, 8 feeds cost both processes less CPU per article than 16
 * and finished 500 feeds × 50 new items 1–7% sooner (two pairs run back to
 * back, 2026-11-30) (docs/load.md, "Where a
 * poll's first pass goes"). The outlets do not notice: each host gets at most
 * 2 requests at a time whatever this is.
 */
export const FEED_CONCURRENCY = 8;
