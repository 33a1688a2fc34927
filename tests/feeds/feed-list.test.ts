import { describe, expect, it } from 'vitest';
import { defaultFeeds, FeedListError, feedFromUrl, parseFeedList } from '../../lambdas/feeds/feed-list.ts';

const good = { id: 'insight-crime', name: 'InSight Crime', url: 'https://insightcrime.org/feed/', lang: 'en', fullText: true };

describe('parseFeedList', () => {
  it('accepts a bare array and an object with a feeds array', () => {
    expect(parseFeedList([good])).toEqual([good]);
    expect(parseFeedList({ feeds: [good] })).toEqual([good]);
  });

  it('defaults fullText to false and drops notes', () => {
    const { fullText: _f, ...rest } = good;
    expect(parseFeedList([{ ...rest, notes: 'x' }])).toEqual([{ ...rest, fullText: false }]);
  });

  it('names the entry and the field of every problem', () => {
    const bad = [good, { ...good, id: 'ojo', url: 'ftp://ojo-publico.com/feed' }, { ...good, id: 'Bad Id', lang: 'pt' }];
    let error: unknown;
    try {
      parseFeedList(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedListError);
    const problems = (error as FeedListError).problems;
    expect(problems).toContain('feed #2 ("ojo"): url must be an absolute http(s) URL');
    expect(problems.some((p) => p.startsWith('feed #3 ("Bad Id"): id must be lower-case kebab-case'))).toBe(true);
    expect(problems).toContain('feed #3 ("Bad Id"): lang must be "es" or "en"');
  });

  it('rejects unknown fields and duplicate ids', () => {
    expect(() => parseFeedList([{ ...good, fulltext: true }])).toThrow(/feed #1 \("insight-crime"\): \(entry\) has unknown field\(s\) fulltext/);
    expect(() => parseFeedList([good, good])).toThrow(/"insight-crime": id is used by 2 entries/);
  });

  it('says which required field is missing', () => {
    expect(() => parseFeedList([{ id: 'x', url: 'https://x.pe/feed', lang: 'es' }])).toThrow('feed list: feed #1 ("x"): name is missing');
  });

  it('rejects something that is not a list', () => {
    expect(() => parseFeedList({ feed: [] })).toThrow(FeedListError);
  });
});

describe('defaultFeeds', () => {
  it('is a valid list with Spanish and English feeds and unique ids', () => {
    const feeds = defaultFeeds();
    expect(feeds.length).toBeGreaterThanOrEqual(10);
    expect(new Set(feeds.map((f) => f.id)).size).toBe(feeds.length);
    expect(feeds.some((f) => f.lang === 'en')).toBe(true);
    expect(feeds.some((f) => f.lang === 'es')).toBe(true);
  });
});

describe('feedFromUrl', () => {
  it('derives a kebab-case id from host and path', () => {
    expect(feedFromUrl('https://www.Example.pe/rss/policiales.xml')).toMatchObject({
      id: 'example-pe-rss-policiales-xml',
      url: 'https://www.Example.pe/rss/policiales.xml',
      fullText: false,
    });
    expect(() => feedFromUrl('file:///etc/passwd')).toThrow(FeedListError);
  });
});

describe('evidence and time zones (issue 14)', () => {
  const problemsOf = (json: unknown, options?: { requireEvidence?: boolean }): string[] => {
    try {
      parseFeedList(json, options);
      return [];
    } catch (error) {
      return (error as FeedListError).problems;
    }
  };

  it('the bundled list gives every feed its evidence (notes) and a verified date or "unverified"', async () => {
    const bundled = (await import('../../lambdas/feeds/feeds.json', { with: { type: 'json' } })).default as { id: string; notes?: string; verified?: string }[];
    expect(bundled.length).toBe(defaultFeeds().length);
    for (const entry of bundled) {
      expect(entry.notes?.length, entry.id).toBeGreaterThan(20);
      expect(entry.verified, entry.id).toMatch(/^(\d{4}-\d{2}-\d{2}|unverified)$/);
    }
    const urls = Object.fromEntries(defaultFeeds().map((f) => [f.id, f.url]));
    expect(urls['la-republica-sociedad']).toBe('https://larepublica.pe/rss/sociedad.xml');
    expect(urls['insight-crime-es']).toBe('https://insightcrime.org/es/feed/');
    expect(urls['el-comercio-lima']).toBe('https://elcomercio.pe/arc/outboundfeeds/rss/category/lima/?outputType=xml');
    expect(['rpp', 'andina', 'correo', 'diario-de-chimbote'].every((id) => id in urls)).toBe(true);
    expect(Object.values(urls).some((url) => url.includes('peru21'))).toBe(false);
  });

  it('requires notes and verified when evidence is required, and checks their form', () => {
    expect(problemsOf([good], { requireEvidence: true })).toEqual(['feed #1 ("insight-crime"): notes is missing', 'feed #1 ("insight-crime"): verified is missing']);
    expect(problemsOf([{ ...good, notes: 'seen', verified: 'yesterday' }])).toEqual([
      'feed #1 ("insight-crime"): verified must be a date (YYYY-MM-DD) or "unverified"',
    ]);
    expect(problemsOf([{ ...good, notes: 'seen', verified: '2026-10-08' }], { requireEvidence: true })).toEqual([]);
  });

  it('accepts an IANA timeZone and names a wrong one', () => {
    expect(parseFeedList([{ ...good, timeZone: 'America/Bogota' }])[0]?.timeZone).toBe('America/Bogota');
    expect(problemsOf([{ ...good, timeZone: 'Lima' }])).toEqual([
      'feed #1 ("insight-crime"): timeZone must be an IANA time zone such as "America/Lima" or "America/Bogota"',
    ]);
  });
});
