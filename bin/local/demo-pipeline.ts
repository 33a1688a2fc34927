/**
 * The demo: the whole flow once, offline, on real parts.
 *  1. serve the bundled sample feeds over HTTP on 127.0.0.1
 *  2. poll them (fetch → decode → parse → normalize → tag → store)
 *  3. subscribe the demo reader (daily digest, every theme) in the subscribers table
 *  4. build the daily digest of 21 Nov 2026 (against 20 Nov, with the 14-day
 *     chart and the 28-day spike baseline the sample news spans)
 *  5. write it to the outbox (.html and .eml), with an unsubscribe link when an
 *     endpoint is given (`centinela demo` serves one on 127.0.0.1)
 * The sample news is dated October–November 2026, so the demo runs "as of" 22 Nov 2026.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Digest } from '../../lambdas/digest/digest.ts';
import { composeDigestMail, type UnsubscribeSettings } from '../../lambdas/digest/digest-mail.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { periodBefore } from '../../lambdas/digest/period.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds, type FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import type { Language } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { serveFeedFolder } from './feed-server.ts';
import type { StoreContext } from './local-context.ts';
import { parseFeedList } from '../../lambdas/feeds/feed-list.ts';

export const DEMO_NOW = '2026-11-22T17:00:00.000Z'; // noon in Lima
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
export const DEMO_SUBSCRIBER = 'demo@centinela.invalid';

export interface DemoResult {
  reports: FeedPollReport[];
  digest: Digest;
  files: string[];
  subscriber: Subscriber;
  /** The digest's text/html part as encoded in the .eml, bytes. */
  encodedHtmlBytes: number;
  unsubscribeUrl?: string;
}

export async function runDemoPipeline(
  stores: Pick<StoreContext, 'articles' | 'feedStates' | 'subscribers'>,
  options: { outboxDir: string; lang: Language; unsubscribe?: UnsubscribeSettings },
): Promise<DemoResult> {
  const server = await serveFeedFolder(path.join(DEMO_DIR, 'feeds'));
  try {
    const feeds = await demoFeeds(server.origin);
    const tagger = loadTagger();
    const clock = fixedClock(DEMO_NOW);
    const reports = await pollFeeds(feeds, { fetcher: createHttpFetcher(), tagger, clock, ...stores });
    const subscriber: Subscriber = {
      ...DEFAULT_PREFERENCES, email: DEMO_SUBSCRIBER, lang: options.lang, cadence: 'daily', status: 'active', createdAt: DEMO_NOW, updatedAt: DEMO_NOW,
    };
    await stores.subscribers.put(subscriber);
    const period = periodBefore('daily', clock.now());
    const digest = await createDigestReader(stores.articles, tagger).read(subscriber, period);
    const mailer = createOutboxMailer(options.outboxDir, () => `digest-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const mail = await composeDigestMail({ digest, from: 'Centinela <digest@centinela.invalid>', to: DEMO_SUBSCRIBER, now: clock.now(), unsubscribe: options.unsubscribe });
    const sent = await mailer.send(mail);
    const unsubscribeUrl = mail.headers?.['List-Unsubscribe']?.slice(1, -1);
    return { reports, digest, files: sent.files ?? [sent.id], subscriber, encodedHtmlBytes: mail.encodedHtmlBytes, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) };
  } finally {
    await server.close();
  }
}

/** demo/feeds.json names the files the loopback server serves; resolved, it is an ordinary feed list. */
export async function demoFeeds(origin: string): Promise<FeedSource[]> {
  const entries = JSON.parse(await readFile(path.join(DEMO_DIR, 'feeds.json'), 'utf8')) as { url: string }[];
  return parseFeedList(entries.map((entry) => ({ ...entry, url: new URL(entry.url, `${origin}/`).toString() })));
}
