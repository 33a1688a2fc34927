/**
 * `npm run demo -- --serve`: the demo that stays up so a newcomer can click around.
 *  1. serve the sample feeds (demo/feeds) on 127.0.0.1 (--feeds-port, default 8081)
 *  2. write <data-dir>/demo-feeds.json: demo/feeds.json with absolute URLs, so
 *     `centinela poll --feeds <that file> --data-dir <data-dir>` works while this runs
 *  3. start the local service on the data folder (DynamoDB Local, serve.json,
 *     the web app) without the scheduler: the sample news does not change
 *  4. poll the sample feeds once "as of" 22 Nov 2026, noon in Lima; the web
 *     app's periods end at that instant too, so the timeline is never empty
 * stop(): the web app, DynamoDB Local, the feed server.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds, type FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import { fixedClock, systemClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { DEMO_DIR, DEMO_NOW, demoFeeds } from './demo-pipeline.ts';
import { DEMO_FEEDS_PORT } from './demo-ports.ts';
import { serveFeedFolder } from './feed-server.ts';
import { startLocalService, type LocalService } from './local-service.ts';

export { DEMO_FEEDS_PORT };
export const DEMO_FEED_LIST = 'demo-feeds.json';

export interface DemoServer {
  webUrl: string;
  /** Where the sample feeds are served, e.g. http://127.0.0.1:8081 */
  feedsOrigin: string;
  /** The absolute-URL feed list written into the data folder. */
  feedListFile: string;
  reports: FeedPollReport[];
  service: LocalService;
  stop(): Promise<void>;
}

export async function startDemoServer(options: { dataDir: string; port?: number; feedsPort?: number; log?: (line: string) => void }): Promise<DemoServer> {
  const feedServer = await serveFeedFolder(path.join(DEMO_DIR, 'feeds'), options.feedsPort ?? DEMO_FEEDS_PORT);
  let feeds: FeedSource[];
  let service: LocalService;
  try {
    feeds = await demoFeeds(feedServer.origin);
    const tagger = loadTagger();
    service = await startLocalService({
      dataDir: options.dataDir,
      port: options.port,
      feeds: async () => feeds,
      tagger,
      clock: systemClock,
      log: options.log ?? (() => undefined),
      web: {
        clock: fixedClock(DEMO_NOW),
        notice: (lang) =>
          lang === 'es'
            ? 'Demo: noticias de ejemplo al 22 nov 2026, mediodía en Lima; los periodos terminan ese momento.'
            : 'Demo: sample news as of 22 Nov 2026, noon in Lima; periods end at that moment.',
      },
    });
  } catch (error) {
    await feedServer.close();
    throw error;
  }
  const stop = async () => {
    await service.stop();
    await feedServer.close();
  };
  try {
    const feedListFile = path.join(path.resolve(options.dataDir), DEMO_FEED_LIST);
    await writeFile(feedListFile, `${JSON.stringify(feeds, null, 2)}\n`);
    const fetcher = createHttpFetcher();
    const reports = await pollFeeds(feeds, { fetcher, tagger: loadTagger(), clock: fixedClock(DEMO_NOW), articles: service.store.articles, feedStates: service.store.feedStates }).finally(() =>
      fetcher.close(),
    );
    return { webUrl: service.webUrl, feedsOrigin: feedServer.origin, feedListFile, reports, service, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
