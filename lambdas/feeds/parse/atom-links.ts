/**
 * Which of an Atom element's `<link>`s is the article (or, on the feed, the
 * site), per RFC 4287 §4.2.7: a link with no `rel` is `rel="alternate"`;
 * among alternates an HTML one (no `type`, or text/html, application/xhtml+xml)
 * wins. `self`, `replies` (RFC 4685 comment feeds), `edit`, `enclosure`,
 * `related`, `via` and the rest are never the article or the site.
 */

/** A <link> as xml2js gives it: `{ $: { href, rel, type } }` in Atom, a string in RSS. */
export type LinkElement = string | { _?: string; $?: { href?: string; rel?: string; type?: string } };

/** The alternate link's href, or undefined when the element has no alternate link (or no Atom links). */
export function pickAtomLink(links: LinkElement[] | undefined): string | undefined {
  const alternates = (Array.isArray(links) ? links : []).flatMap((link) => {
    if (typeof link !== 'object' || !link?.$) return [];
    const { href, rel, type } = link.$;
    const relation = (rel ?? 'alternate').trim().toLowerCase();
    const isAlternate = relation === 'alternate' || relation === 'http://www.iana.org/assignments/relation/alternate';
    return isAlternate && href?.trim() ? [{ href: href.trim(), type: type?.trim().toLowerCase() }] : [];
  });
  const html = alternates.find((link) => !link.type || link.type === 'text/html' || link.type === 'application/xhtml+xml');
  return (html ?? alternates[0])?.href;
}

/** True when the element's links are Atom links (objects with attributes), so rss-parser's first-link pick must be ignored. */
export function hasAtomLinks(links: LinkElement[] | undefined): boolean {
  return (Array.isArray(links) ? links : []).some((link) => typeof link === 'object' && link !== null && '$' in link && Boolean(link.$?.href));
}
