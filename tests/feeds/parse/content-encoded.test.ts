import { describe, expect, it } from 'vitest';
import { RENAMED_CONTENT_ENCODED, renameContentEncoded } from '../../../lambdas/feeds/parse/content-encoded.ts';
import { parseFeed } from '../../../lambdas/feeds/parse/parse-feed.ts';

const R = RENAMED_CONTENT_ENCODED;

describe('renameContentEncoded', () => {
  it.each([
    ['an element with CDATA', '<item><content:encoded><![CDATA[<p>x</p>]]></content:encoded></item>', `<item><${R}><![CDATA[<p>x</p>]]></${R}></item>`],
    ['attributes, spaces and an empty element', '<content:encoded a="1">x</content:encoded ><content:encoded/>', `<${R} a="1">x</${R} ><${R}/>`],
    ['the name inside CDATA stays', '<d><![CDATA[<content:encoded>raw</content:encoded>]]></d>', '<d><![CDATA[<content:encoded>raw</content:encoded>]]></d>'],
    ['the name as text or in a longer tag name stays', '<t>content:encoded</t><content:encodedx/>', '<t>content:encoded</t><content:encodedx/>'],
    ['a document without it is unchanged', '<rss><channel><item><title>x</title></item></channel></rss>', '<rss><channel><item><title>x</title></item></channel></rss>'],
  ])('%s', (_, xml, renamed) => {
    expect(renameContentEncoded(xml)).toBe(renamed);
  });

  it('keeps the name length, so parser errors keep their line and column', () => {
    expect(R.length).toBe('content:encoded'.length);
  });
});

describe('parseFeed and <content:encoded>', () => {
  const rss = (item: string) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item>${item}</item></channel></rss>`;

  it('reads an RSS item\'s content:encoded as before, without rss-parser\'s unused snippet of it', async () => {
    const feed = await parseFeed(rss('<title>x</title><link>https://x.pe/a</link><content:encoded><![CDATA[<p>Texto &amp; más</p>]]></content:encoded>'), 'https://x.pe/rss');
    expect(feed.items[0]!['content:encoded']).toBe('<p>Texto &amp; más</p>');
    expect(feed.items[0]).not.toHaveProperty('content:encodedSnippet');
  });

  it('still ignores <content:encoded> in an Atom entry, as rss-parser\'s Atom reader does', async () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"><title>t</title>' +
      '<entry><title>x</title><link href="https://x.pe/a"/><content:encoded>no</content:encoded></entry></feed>';
    const feed = await parseFeed(atom, 'https://x.pe/atom');
    expect(feed.items[0]!['content:encoded']).toBeUndefined();
  });

  it('names the same line and column in an error as the document has', async () => {
    const broken = rss('<content:encoded>x</content:encoded><title>a</titl>');
    await expect(parseFeed(broken, 'https://x.pe/rss')).rejects.toThrow(/Line: 0\s+Column: \d+/);
    const column = (message: string) => /Column: (\d+)/.exec(message)![1];
    const ours = await parseFeed(broken, 'https://x.pe/rss').catch((error: Error) => error.message);
    const plain = await parseFeed(broken.replaceAll('content:encoded', 'content:xncoded'), 'https://x.pe/rss').catch((error: Error) => error.message);
    expect(column(ours as string)).toBe(column(plain as string));
  });
});
