import { describe, expect, it } from 'vitest';
import { RENAMED_CONTENT_ENCODED, renameContentEncodedTag } from '../../../lambdas/feeds/parse/content-encoded.ts';
import { parseFeed } from '../../../lambdas/feeds/parse/parse-feed.ts';

describe('renameContentEncodedTag', () => {
  it('gives <content:encoded> the other name', () => {
    expect(renameContentEncodedTag('content:encoded')).toBe(RENAMED_CONTENT_ENCODED);
  });

  it.each(['content:encodedx', 'content:encode', 'CONTENT:ENCODED', 'encoded', 'description', 'title'])('leaves %s as it is', (name) => {
    expect(renameContentEncodedTag(name)).toBe(name);
  });
});

describe('parseFeed and <content:encoded>', () => {
  const rss = (item: string) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item>${item}</item></channel></rss>`;

  it('reads an RSS item\'s content:encoded as before, without rss-parser\'s unused snippet of it', async () => {
    const feed = await parseFeed(rss('<title>x</title><link>https://x.pe/a</link><content:encoded><![CDATA[<p>Texto &amp; más</p>]]></content:encoded>'), 'https://x.pe/rss');
    expect(feed.items[0]!['content:encoded']).toBe('<p>Texto &amp; más</p>');
    expect(feed.items[0]).not.toHaveProperty('content:encodedSnippet');
    expect(feed.items[0]).not.toHaveProperty(RENAMED_CONTENT_ENCODED);
  });

  it('reads the name inside CDATA, or as text, as text', async () => {
    const feed = await parseFeed(
      rss('<title>content:encoded</title><link>https://x.pe/a</link><description><![CDATA[<content:encoded>raw</content:encoded>]]></description>'),
      'https://x.pe/rss',
    );
    expect(feed.items[0]!.title).toBe('content:encoded');
    expect(feed.items[0]!.content).toBe('<content:encoded>raw</content:encoded>');
    expect(feed.items[0]!['content:encoded']).toBeUndefined();
  });

  it('reads <content:encoded> with attributes, spaces in the end tag, or empty', async () => {
    const spaced = await parseFeed(rss('<title>x</title><content:encoded a="1">texto</content:encoded >'), 'https://x.pe/rss');
    expect(spaced.items[0]!['content:encoded']).toBe('texto');
    const empty = await parseFeed(rss('<title>x</title><content:encoded/>'), 'https://x.pe/rss');
    expect(empty.items[0]!['content:encoded']).toBe('');
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
