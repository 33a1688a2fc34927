/** The port the poller fetches through; lambdas/feeds/http-fetcher.ts is the real adapter. */

export interface Validators {
  etag?: string;
  lastModified?: string;
}

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
    };

export interface FeedFetcher {
  fetch(url: string, validators?: Validators): Promise<FetchResult>;
}
