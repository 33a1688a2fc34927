import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexOfCdata, repairXml } from '../../../lambdas/feeds/parse/repair-xml.ts';

describe('repairXml', () => {
  it.each([
    ['a bare & becomes &amp;', '<title>Robos & asaltos</title>', '<title>Robos &amp; asaltos</title>'],
    ['XML entities stay', '<title>A &amp; B &lt; C &gt; &quot;&apos;</title>', '<title>A &amp; B &lt; C &gt; &quot;&apos;</title>'],
    ['HTML named entities become numeric references', '<t>&nbsp;&ntilde;&Ntilde;&euro;&hellip;</t>', '<t>&#160;&#241;&#209;&#8364;&#8230;</t>'],
    ['unknown entities are escaped, not expanded', '<t>&bogus; &AT&T;</t>', '<t>&amp;bogus; &amp;AT&amp;T;</t>'],
    ['C0 controls go; tab, LF and CR stay', '<t>a\u0000b\u0007c\u000Bd\tx\ny\rz</t>', '<t>abcd\tx\ny\rz</t>'],
    ['U+FFFE and U+FFFF go', '\uFFFE<a/>\uFFFF', '<a/>'],
    ['a byte-order mark goes', '\uFEFF<?xml version="1.0"?><rss/>', '<?xml version="1.0"?><rss/>'],
    ['whitespace before the declaration goes', '  \n<?xml version="1.0"?><rss/>', '<?xml version="1.0"?><rss/>'],
    ['a misplaced declaration goes', '<rss><?xml version="1.0"?></rss>', '<rss></rss>'],
    ['a cut-off root end tag is closed', '<rss><channel></channel></rss', '<rss><channel></channel></rss>'],
    ['a cut-off Atom end tag is closed', '<feed></feed  ', '<feed></feed>'],
    ['CDATA keeps its & but loses controls', '<t><![CDATA[a & b \u0001]]> & c</t>', '<t><![CDATA[a & b ]]> &amp; c</t>'],
    ['an unterminated CDATA section is left alone', '<t><![CDATA[ unterminated & x', '<t><![CDATA[ unterminated & x'],
    ['valid character references stay, invalid ones go', '<t>&#38; &#x26; &#9; &#0; &#xD800; &#1114112;</t>', '<t>&#38; &#x26; &#9;   </t>'],
    ['entity references declared in a DOCTYPE are escaped (no expansion attacks)', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', '<!DOCTYPE x [<!ENTITY a "b">]><x>&amp;a;</x>'],
    ['well-formed text is unchanged', '<rss version="2.0"><channel><title>Policiales</title></channel></rss>', '<rss version="2.0"><channel><title>Policiales</title></channel></rss>'],
  ])('%s', (_, input, repaired) => {
    expect(repairXml(input)).toBe(repaired);
  });
});

describe('repairXml on hostile text', () => {
  const xmlish = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom('<t>', '</t>', '&', '&amp;', '&nbsp;', '&#0;', '&#x41;', '&bogus;', '<![CDATA[', ']]>', '\u0000', '\uFEFF', '<?xml version="1.0"?>', 'texto', ' ', '</rss'), { maxLength: 20 }).map((parts) => parts.join('')),
  );

  it('never throws and leaves no illegal control character', () => {
    fc.assert(
      fc.property(xmlish, (text) => {
        // XML 1.0's illegal characters: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF.
        expect(repairXml(text)).not.toMatch(/(?![\t\n\r\u007F-\u009F])\p{Cc}|[\uFFFE\uFFFF]/u);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves no & outside CDATA that does not start a reference', () => {
    fc.assert(
      fc.property(xmlish, (text) => {
        const outsideCdata = repairXml(text).replace(/<!\[CDATA\[[\s\S]*?(\]\]>|$)/g, '');
        expect(outsideCdata).not.toMatch(/&(?!(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('indexOfCdata', () => {
  it.each([
    ['at the start', '<![CDATA[x]]>', 0, 0],
    ['after a lookalike without "<!"', '[CDATA[ !<![CDATA[', 0, 9],
    ['after a "<" alone and a "!" alone', '<[CDATA[ ![CDATA[ <![CDATA[', 0, 18],
    ['from a position past the first one', '<![CDATA[a]]><![CDATA[b]]>', 1, 13],
    ['nowhere', '<t>CDATA [CDATA[</t>', 0, -1],
  ])('finds <![CDATA[ %s', (_, text, from, index) => {
    expect(indexOfCdata(text, from)).toBe(index);
  });

  it('answers what indexOf answers', () => {
    const text = fc.array(fc.constantFrom('<', '!', '[', 'CDATA', '[CDATA[', '<![CDATA[', 'x', ']]>'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(60), (xml, from) => {
        expect(indexOfCdata(xml, from)).toBe(xml.indexOf('<![CDATA[', from));
      }),
      { numRuns: 3000 },
    );
  });
});
