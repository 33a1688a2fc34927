/**
 * The demo: the whole flow once, offline, on real parts.
 *  1. serve the bundled sample feeds over HTTP on 127.0.0.1
 *  2. poll them (fetch → decode → parse → normalize → tag → store)
 *  3. build the digest of the last 14 Lima days for all themes (against the
 *     14 days before, with the 14-day chart)
 *  4. write it to the outbox (.html and .eml)
 * The sample news is dated November 2026, so the demo runs "as of" 22 Nov 2026.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Digest } from '../../lambdas/digest/digest.ts';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { periodBefore } from '../../lambdas/digest/period.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds, type FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import type { Language } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { serveFeedFolder } from './feed-server.ts';
import type { StoreContext } from './local-context.ts';
import { parseFeedList } from '../../lambdas/feeds/feed-list.ts';

export const DEMO_NOW = '2026-11-22T17:00:00.000Z'; // noon in Lima
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
const DIGEST_DAYS = 14;

export interface DemoResult {
  reports: FeedPollReport[];
  digest: Digest;
  files: string[];
}

export async function runDemoPipeline(
  stores: Pick<StoreContext, 'articles' | 'feedStates'>,
  options: { outboxDir: string; lang: Language },
): Promise<DemoResult> {
  const server = await serveFeedFolder(path.join(DEMO_DIR, 'feeds'));
  try {
    const feeds = await demoFeeds(server.origin);
    const tagger = loadTagger();
    const clock = fixedClock(DEMO_NOW);
    const reports = await pollFeeds(feeds, { fetcher: createHttpFetcher(), tagger, clock, ...stores });
    const period = periodBefore('weekly', clock.now(), DIGEST_DAYS);
    const reader = createDigestReader(stores.articles, tagger);
    const digest = await reader.read({ themes: 'all', regions: [], lang: options.lang, minScore: 0 }, period);
    const mailer = createOutboxMailer(options.outboxDir, () => `digest-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const sent = await mailer.send(
      composeDigestMail({ digest, from: 'Centinela <digest@centinela.invalid>', to: 'demo@centinela.invalid', now: clock.now() }),
    );
    return { reports, digest, files: sent.files ?? [sent.id] };
  } finally {
    await server.close();
  }
}

/** demo/feeds.json names the files the loopback server serves; resolved, it is an ordinary feed list. */
export async function demoFeeds(origin: string): Promise<FeedSource[]> {
  const entries = JSON.parse(await readFile(path.join(DEMO_DIR, 'feeds.json'), 'utf8')) as { url: string }[];
  return parseFeedList(entries.map((entry) => ({ ...entry, url: new URL(entry.url, `${origin}/`).toString() })));
}

