/**
 * Shapes of real feeds that make rss-parser throw for the whole document,
 * rewritten (after repair-xml.ts) so that one bad element costs only itself:
 *  - text a server printed before the root element (a PHP notice, a stray
 *    `<br />`) or after its end is dropped;
 *  - an Atom `<published>`/`<updated>` that JavaScript's Date can't read is
 *    renamed, because rss-parser calls `new Date(value).toISOString()` on it
 *    and throws "Invalid time value" (our own date reader still sees it);
 *  - an Atom `<link>` with no `href` (written RSS-style as text, or empty)
 *    gets its text as `href`, or is dropped: rss-parser reads `link.$.rel`
 *    and throws a TypeError on it;
 *  - an Atom `<title type="xhtml">` (RFC 4287 §3.1.1.3) becomes the same
 *    markup escaped as `type="html"`: xml2js would split its text from its
 *    child elements, out of order, and rss-parser would keep neither;
 *  - HTML written unescaped inside an RSS `<title>` or `<description>`
 *    (`<title>Cae <b>banda</b> en Comas</title>`) is wrapped in CDATA, for
 *    the same reason: read as XML, "banda" would be lost from the title and
 *    moved to the end of the description. So is a bare `<` there
 *    (`<<Los Pulpos>>`, `<5%`), which would make the entry unreadable.
 * Sources: rss-parser 3.13 lib/parser.js (parseItemAtom, utils.getLink).
 */

export interface PreparedXml {
  xml: string;
  /** What was dropped from before or after the root element, shortened; absent when nothing was. */
  junk?: string;
  /** "atom" when the root is <feed>. */
  format: 'atom' | 'rss' | 'unknown';
}

/** Atom date elements rss-parser can't read are renamed to this prefix + name. */
export const UNREAD_DATE_PREFIX = 'centinela-unread-';

const ROOT = /<((?:[\w-]+:)?(?:rss|feed|RDF))[\s>/]/;
const PROLOG = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>|\s+/gi;

export function prepareXml(text: string): PreparedXml {
  let xml = text;
  let junk: string | undefined;
  const start = prologEnd(xml);
  let root = matchAt(xml, start);
  if (!root && start < xml.length) {
    // Something other than a declaration, comment, doctype or the root comes first: junk, up to the root.
    const found = ROOT.exec(xml.slice(start));
    if (found) {
      junk = shorten(xml.slice(0, start + found.index));
      xml = xml.slice(start + found.index);
      root = found;
    }
  }
  if (root) {
    const close = `</${root[1]}>`;
    const end = xml.lastIndexOf(close);
    if (end !== -1) {
      const after = xml.slice(end + close.length);
      if (after.replace(PROLOG, '')) {
        junk = junk ? `${junk} … ${shorten(after)}` : shorten(after);
        xml = xml.slice(0, end + close.length);
      }
    }
  }
  const format = !root ? 'unknown' : /(?:^|:)feed$/.test(root[1]!) ? 'atom' : 'rss';
  if (format === 'atom') xml = fixAtomXhtmlTitles(fixAtomLinks(fixAtomDates(xml)));
  else if (format === 'rss') xml = wrapRawMarkup(xml);
  return { xml, junk, format };
}

/** Where the prolog (declaration, comments, doctype, processing instructions, spaces) ends. */
function prologEnd(xml: string): number {
  const token = new RegExp(PROLOG.source, 'iy');
  let at = 0;
  for (;;) {
    token.lastIndex = at;
    const match = token.exec(xml);
    if (!match || match[0].length === 0) return at;
    at += match[0].length;
  }
}

function matchAt(xml: string, at: number): RegExpExecArray | null {
  const sticky = new RegExp(ROOT.source, 'y');
  sticky.lastIndex = at;
  return sticky.exec(xml);
}

function fixAtomDates(xml: string): string {
  return xml.replace(/<(published|updated)>([^<]*)<\/\1>/g, (whole, name: string, value: string) => {
    // The exact test rss-parser makes before calling toISOString().
    if (!value.length || !Number.isNaN(new Date(value).getTime())) return whole;
    return `<${UNREAD_DATE_PREFIX}${name}>${value}</${UNREAD_DATE_PREFIX}${name}>`;
  });
}

function fixAtomLinks(xml: string): string {
  return xml.replace(/<link\b([^>]*?)(?:\/>|>([^<]*)<\/link>)/g, (whole, attributes: string, content: string | undefined) => {
    if (/\bhref\s*=/.test(attributes)) return whole;
    const href = content?.trim();
    return href ? `<link${attributes} href="${href.replace(/"/g, '&quot;')}"/>` : '';
  });
}

const XHTML_TITLE = /<title\b([^>]*?)\btype\s*=\s*(["'])xhtml\2([^>/]*)>([\s\S]*?)<\/title>/g;

function fixAtomXhtmlTitles(xml: string): string {
  if (!xml.includes('xhtml')) return xml;
  return xml.replace(XHTML_TITLE, (_, before: string, _quote: string, after: string, markup: string) => `<title${before}type="html"${after}>${cdata(markup)}</title>`);
}

/**
 * A <title> or <description> (not self-closing) whose first markup is not its
 * own end tag, CDATA or a comment: a child element (`<b>`), or a bare `<` that
 * makes the XML unreadable (`<<Los Pulpos>>`, `<5%`).
 */
const RAW_MARKUP = /<(title|description)(\s[^>]*?)?(?<!\/)>([^<]*<(?![/!])[\s\S]*?)<\/\1>/g;

function wrapRawMarkup(xml: string): string {
  return xml.replace(RAW_MARKUP, (whole, name: string, attributes = '', markup: string) =>
    markup.includes('<![CDATA[') ? whole : `<${name}${attributes}>${cdata(markup)}</${name}>`,
  );
}

/** `markup` as one CDATA section's text (a "]]>" in it split across two sections). */
function cdata(markup: string): string {
  return `<![CDATA[${markup.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
