import { createHash } from 'node:crypto';

const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|_ga|cmpid|ocid|outputType)$/i;

/**
 * The URL that identifies an article: lower-case host, no fragment, no
 * tracking parameters, no default port, remaining parameters sorted.
 * Returns undefined for anything that isn't an absolute http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key));
  kept.sort(([a], [b]) => a.localeCompare(b));
  url.search = new URLSearchParams(kept).toString();
  return url.toString();
}

/** An article id: the first 32 hex characters of the canonical URL's SHA-256. */
export function articleId(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
