import { hash } from 'node:crypto';
import { httpUrl } from '../../model/http-url.ts';

const TRACKING_PARAMS =
  /^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok|ref|ref_src|ref_url|_ga|_gl|cmpid|ocid|ito|s_cid|spm|__twitter_impression|smid)$/i;
const AMP_PARAMS = /^(amp|outputtype|output)$/i;

/**
 * The URL that identifies an article: lower-case host, no fragment, no
 * tracking parameters, no default port, no AMP variant, remaining parameters
 * sorted. Returns undefined for anything that isn't an absolute http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  const url = httpUrl(raw.trim(), base);
  return url ? canonicalize(url)?.href : undefined;
}

/** A canonical URL (see canonicalUrl) and its host name, so callers needn't parse it again. */
export interface CanonicalLink {
  href: string;
  /** `new URL(href).hostname`. */
  hostname: string;
}

/**
 * The canonical form of an http(s) URL already parsed (the same result as
 * canonicalUrl on its href), with its host name. Changes `url` in place;
 * undefined when it has no host.
 */
export function canonicalize(parsed: URL): CanonicalLink | undefined {
  if (!parsed.hostname) return undefined;
  const url = unwrapAmpCache(parsed) ?? parsed;
  // Node re-serialises the whole URL on every setter: only the ones that change something are called.
  if (url.href.includes('#')) url.hash = '';
  if (url.username) url.username = '';
  if (url.password) url.password = '';
  const hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (hostname !== url.hostname) url.hostname = hostname;
  if (url.hostname.startsWith('amp.') && url.hostname.split('.').length > 2) url.hostname = url.hostname.slice(4);
  const pathname = stripAmpPath(url.pathname);
  if (pathname !== url.pathname) url.pathname = pathname;
  if (url.href.includes('?')) {
    // A query of nothing but tracking parameters (the usual `?utm_source=rss&utm_medium=feed`) just goes.
    if (onlyTracking(url.search)) url.search = '';
    else {
      const kept = [...url.searchParams.entries()].filter(
        ([key, value]) => !TRACKING_PARAMS.test(key) && !(AMP_PARAMS.test(key) && (value === '' || /^(1|true|amp)$/i.test(value))),
      );
      kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const search = new URLSearchParams(kept).toString();
      if (!search || url.search !== `?${search}`) url.search = search;
    }
  }
  return { href: url.href, hostname: url.hostname };
}

/** Plain parameter names: what URLSearchParams decodes them to is what is written. */
const PLAIN_NAME = /^[A-Za-z0-9_]+$/;

/**
 * True when every parameter of `search` (a URL's `search`, "" or "?…") is a
 * tracking parameter written with a plain name, so that the filter in
 * canonicalize would keep none of them. False whenever that needs
 * URLSearchParams' reading (escapes, `+`, other names): the full path decides then.
 */
function onlyTracking(search: string): boolean {
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    if (!PLAIN_NAME.test(name) || !TRACKING_PARAMS.test(name)) return false;
  }
  return true;
}

/** https://www-elcomercio-pe.cdn.ampproject.org/c/s/www.elcomercio.pe/x → https://www.elcomercio.pe/x */
function unwrapAmpCache(url: URL): URL | undefined {
  if (!url.hostname.toLowerCase().endsWith('.cdn.ampproject.org')) return undefined;
  const match = url.pathname.match(/^\/(?:[a-z]\/)*?(s\/)?([^/]+\.[^/]+)(\/.*)?$/i);
  if (!match) return undefined;
  try {
    return new URL(`${match[1] ? 'https' : 'http'}://${match[2]}${match[3] ?? '/'}${url.search}`);
  } catch {
    return undefined;
  }
}

/** /noticia/amp, /noticia/amp/, /amp/noticia, /noticia.amp.html */
function stripAmpPath(pathname: string): string {
  if (!/amp/i.test(pathname)) return pathname;
  return pathname
    .replace(/\/amp\/?$/i, '/')
    .replace(/^\/amp(\/.+)$/i, '$1')
    .replace(/\.amp(\.html?)$/i, '$1')
    .replace(/(.)\/$/, (whole, before: string) => (pathname.endsWith('/') ? whole : before));
}

/** An article id: the first 32 hex characters of the canonical URL's SHA-256. */
export function articleId(canonical: string): string {
  return hash('sha256', canonical).slice(0, 32);
}
