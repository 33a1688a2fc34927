/**
 * `centinela feeds` shows what the poller recorded: a feed that moved for good
 * (301, new URL recorded), one that is gone (410) and one that answers 200
 * with no item poll after poll. The states come from real polls of loopback
 * servers stored in DynamoDB Local, read back as the command reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { formatHealth } from '../../bin/cli/feeds.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeed, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { feedHealth } from '../../lambdas/feeds/state/feed-health.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

const NOW = '2026-11-22T17:00:00.000Z';
let server: TestServer;
let stores: StoreContext;
let deps: PollDeps;
let fetcher: ReturnType<typeof createHttpFetcher>;

beforeAll(async () => {
  stores = await createTestStores();
  server = await startTestServer({
    '/old-home': (_request, response) => void response.writeHead(301, { location: '/new-home' }).end(),
    '/new-home': fixed('<rss version="2.0"><channel><title>Nuevo</title><item><title>Una nota</title><link>https://nuevo.example.pe/1</link></item></channel></rss>'),
    '/removed': fixed('gone', {}, 410),
    '/empty': fixed('<rss version="2.0"><channel><title>Sección vacía</title></channel></rss>'),
  });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
  deps = { fetcher, tagger: loadTagger(), clock: fixedClock(NOW), ...stores };
});

afterAll(async () => {
  fetcher?.close();
  await server?.close();
  await stores?.close();
});

describe('centinela feeds', () => {
  it('shows a moved feed with its new URL, a gone feed and an empty feed, each with what to do', async () => {
    const feed = (id: string, route: string): FeedSource => ({ id, name: `Feed ${id}`, url: server.url(route), lang: 'es', fullText: false });
    const list = [feed('moved', '/old-home'), feed('removed', '/removed'), feed('empty', '/empty'), feed('never', '/never')];
    await pollFeed(list[0]!, deps);
    await pollFeed(list[1]!, deps);
    await pollFeed(list[2]!, deps);
    const onceEmpty = formatHealth(feedHealth(list, await stores.feedStates.list(), new Date(NOW)));
    await pollFeed(list[2]!, deps);

    const rows = feedHealth(list, await stores.feedStates.list(), new Date(NOW));
    expect(rows.map((r) => [r.id, r.health])).toEqual([
      ['moved', 'healthy'],
      ['removed', 'gone'],
      ['empty', 'empty'],
      ['never', 'never polled'],
    ]);
    const lines = formatHealth(rows).split('\n');
    const line = (id: string) => lines.find((l) => l.startsWith(`${id} `))!.replace(/\s+/g, ' ').trim();
    expect(line('moved')).toBe(`moved healthy 22 Nov 2026, 12:00 200 0 1 1 moved permanently to ${server.url('/new-home')}: update the feed list`);
    expect(line('removed')).toBe('removed gone - 410 1 - - 410 Gone: not polled again until its URL in the list changes');
    expect(line('empty')).toBe('empty empty 22 Nov 2026, 12:00 200 0 0 0 no items in 2 polls in a row: check the URL (a wrong section slug?)');
    expect(line('never')).toBe('never never polled - - 0 - -');
    expect(lines.at(-1)).toBe('4 feed(s): 1 healthy, 0 failing (0 in backoff), 1 gone, 1 empty, 1 never polled. Times are Lima time.');
    // One empty answer is no flag yet: the feed was healthy after its first poll.
    expect(onceEmpty.split('\n').find((l) => l.startsWith('empty '))).toMatch(/^empty\s+healthy\s/);
  });
});
