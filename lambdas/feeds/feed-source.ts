/** A feed Centinela polls, as listed in a feed list file. */
export interface FeedSource {
  /** Stable id, lower-case kebab-case, e.g. "insight-crime". */
  id: string;
  name: string;
  url: string;
  lang: 'es' | 'en';
  /** Fetch each article page and extract its main text (slower, better tags). */
  fullText: boolean;
  /**
   * Name the feed after its own <title> once read (feeds given as a bare URL,
   * `poll --feed URL`), so outlets sharing a host don't all show as that host.
   */
  nameFromFeed?: boolean;
  /** IANA zone for dates the feed writes without a zone; default America/Lima. */
  timeZone?: string;
}
