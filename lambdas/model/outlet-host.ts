/**
 * Which outlet a URL belongs to, for telling outlets apart: its host in lower
 * case without a leading "www." or a trailing dot ("https://WWW.DiarioCorreo.pe/x"
 * → "diariocorreo.pe"). Used by the story key (feeds/normalize/story-key.ts) and
 * by the digest's outlet count, so both agree on what one outlet is.
 */
import { httpUrl } from './http-url.ts';

/** The outlet host of `url`; undefined for anything that is not an absolute http(s) URL. */
export function outletHost(url: string | undefined): string | undefined {
  const parsed = url ? httpUrl(url) : undefined;
  return parsed ? outletHostOfHostname(parsed.hostname) : undefined;
}

/** The outlet host of an http(s) URL's `hostname` already parsed (what outletHost gives for that URL). */
export function outletHostOfHostname(hostname: string): string | undefined {
  return hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '') || undefined;
}
