/** The port the poller fetches through; lambdas/feeds/fetch/http-fetcher.ts is the real adapter. */

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** What is being fetched: a feed, or an article page for full text (changes the Accept header). */
export type FetchKind = 'feed' | 'page';

export type FetchResult =
  | { status: 'not_modified'; url: string; httpStatus: 304 }
  | {
      status: 'ok';
      /** The URL after redirects. */
      url: string;
      httpStatus: number;
      body: Buffer;
      contentType?: string;
      validators: Validators;
      /** Cache-Control max-age of the answer, in seconds, when the server sent one. */
      maxAgeSeconds?: number;
      /** Set when every redirect on the way was permanent (301/308): the URL the feed now lives at. */
      movedPermanentlyTo?: string;
    };

export interface FeedFetcher {
  fetch(url: string, validators?: Validators, kind?: FetchKind): Promise<FetchResult>;
}
