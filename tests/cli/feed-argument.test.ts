/**
 * `poll --feed URL` and `feeds check URL` take a feed address from the command
 * line: one that is not an absolute http(s) URL is a bad argument (UsageError,
 * exit 2) naming the option and the fix, not a "feed list" error (exit 1) for a
 * list the user never gave.
 */
import { describe, expect, it } from 'vitest';
import { feedFromArgument, selectFeeds } from '../../bin/cli/poll.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

describe('feed addresses given as arguments', () => {
  it('poll --feed "not a url" names --feed and the fix', async () => {
    const refusal = selectFeeds({ feed: ['http://127.0.0.1:18555/feed.xml', 'not a url'] });
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('--feed "not a url" must be an absolute http(s) URL; give the feed\'s address, e.g. --feed https://insightcrime.org/feed/.');
  });

  it('feeds check ftp://x names the URL argument', async () => {
    const refusal = feedFromArgument('ftp://x', '<url>');
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow('<url> "ftp://x" must be an absolute http(s) URL; give the feed\'s address, e.g. <url> https://insightcrime.org/feed/.');
  });

  it('a good address becomes a feed named after its host', async () => {
    await expect(feedFromArgument('http://127.0.0.1:18555/feed.xml', '--feed')).resolves.toMatchObject({ url: 'http://127.0.0.1:18555/feed.xml', name: '127.0.0.1', lang: 'es' });
  });

  it('poll --feeds with a file that does not exist names --feeds, the path and the fix', async () => {
    const refusal = selectFeeds({ feeds: '/nonexistent/my-feeds.json' });
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      '--feeds /nonexistent/my-feeds.json: no such file; check the path (relative paths start at the current folder), or leave out --feeds to poll the default list.',
    );
  });
});
