/**
 * "Is this an absolute http(s) URL?", asked in one place: feed-list entries,
 * item and site links, canonical URLs, fetch targets and redirects, hrefs in
 * digests and CLI arguments all go through here. Parsing is WHATWG URL's
 * (Node's `URL`), so what passes is what `fetch` and browsers would open.
 */

/**
 * `raw` (resolved against `base` when given) as a URL if it is http: or https:,
 * else undefined: relative text without a base, javascript:, data:, mailto:,
 * file: and junk all give undefined. Never throws.
 */
export function httpUrl(raw: string, base?: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/** True when `raw` on its own is an absolute http(s) URL. */
export function isHttpUrl(raw: string): boolean {
  return httpUrl(raw) !== undefined;
}
