/**
 * poll-feed (SQS, a few messages per batch, partial batch failures): each
 * record is one feed; pollFeed fetches, parses, tags and stores it.
 *
 * What is reported back to SQS as failed, and so retried and finally
 * dead-lettered: only a record this function cannot work on — a body that is
 * not a valid feed (poison), or an error pollFeed could not contain (DynamoDB
 * unreachable). A feed that fails to fetch or parse is NOT a failed record:
 * pollFeed has recorded the failure and the backoff in the feed's state, and
 * an SQS retry minutes later would only hammer an outlet that is already down.
 * Powertools' BatchProcessor turns the records whose handler threw into
 * `batchItemFailures` (the queue's event source mapping has ReportBatchItemFailures).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDynamoDbFeedStateStore } from '../feeds/state/dynamodb-feed-state-store.ts';
import type { FeedFetcher } from '../feeds/fetch/feed-fetcher.ts';
import { parseFeedList } from '../feeds/feed-list.ts';
import type { FeedSource } from '../feeds/feed-source.ts';
import { createHttpFetcher } from '../feeds/fetch/http-fetcher.ts';
import { pollFeed, type FeedPollReport, type PollDeps } from '../feeds/poll-feeds.ts';
import { systemClock } from '../model/clock.ts';
import type { Article } from '../model/article.ts';
import type { ArticleWriter, PutOutcome } from '../store/article-store.ts';
import { createDynamoDbArticleWriter } from '../store/dynamodb-article-store.ts';
import { loadTagger } from '../tagging/tagger.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, positiveInt, tableName } from './env.ts';
import { MetricNames } from '../monitoring/metric-names.ts';

export interface PollFeedHandlerDeps extends PollDeps {
  logger: Logger;
  metrics: Metrics;
}

export function createPollFeedHandler(deps: PollFeedHandlerDeps) {
  const pollDeps: PollDeps = { ...deps, articles: loggingArticleStore(deps.articles, deps.logger) };
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const reports: FeedPollReport[] = [];
    // A record handler that throws is a failed record (see the top of this file); one that returns is done.
    const pollRecord = async (record: SQSRecord): Promise<void> => {
      reports.push(await pollRecordFeed(record, pollDeps, deps.logger));
    };
    // One processor per invocation: it keeps the batch's state. The records of a batch are different outlets,
    // polled side by side; a batch where every record fails is answered like any other, not thrown.
    const response = await processPartialResponse(event, pollRecord, new BatchProcessor(EventType.SQS), {
      processInParallel: true,
      throwOnFullBatchFailure: false,
    });
    recordMetrics(deps.metrics, reports);
    return response;
  };
}

/** Polls the record's feed; throws (so the record is reported failed) only for poison or an uncontained error. */
async function pollRecordFeed(record: SQSRecord, deps: PollDeps, logger: Logger): Promise<FeedPollReport> {
  const feed = parseFeed(record, logger);
  try {
    const report = await pollFeed(feed, deps);
    const { rejected, ...summary } = report;
    const log = report.status === 'failed' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log('feed polled', { ...summary, rejected: rejected.length, firstRejected: rejected[0] });
    return report;
  } catch (error) {
    logger.error('feed could not be polled; SQS will retry it', { feedId: feed.id, messageId: record.messageId, error: error as Error });
    throw error;
  }
}

function parseFeed(record: SQSRecord, logger: Logger): FeedSource {
  try {
    return parseFeedList([JSON.parse(record.body)])[0]!;
  } catch (error) {
    logger.error('message is not a feed; reported as failed (it will reach the DLQ)', {
      messageId: record.messageId,
      body: record.body.slice(0, 500),
      error: error as Error,
    });
    throw error;
  }
}

function recordMetrics(metrics: Metrics, reports: FeedPollReport[]): void {
  const sum = (pick: (r: FeedPollReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  // Zero is emitted too: "no article for 24 h" must be data, not silence.
  metrics.addMetric(MetricNames.articlesStored, MetricUnit.Count, sum((r) => r.itemsNew));
  metrics.addMetric(MetricNames.feedsPolled, MetricUnit.Count, reports.length);
  metrics.addMetric(MetricNames.feedsNotModified, MetricUnit.Count, sum((r) => (r.status === 'not_modified' ? 1 : 0)));
  metrics.addMetric(MetricNames.feedsFailed, MetricUnit.Count, sum((r) => (r.status === 'failed' ? 1 : 0)));
  metrics.publishStoredMetrics();
}

/** Logs each stored article with its id, so a reader can follow one article from feed to digest. */
function loggingArticleStore(store: ArticleWriter, logger: Logger): ArticleWriter {
  const log = (article: Article, outcome: PutOutcome) => {
    if (outcome === 'unchanged') return;
    logger.info(`article ${outcome}`, { articleId: article.id, feedId: article.sources[0]?.feedId, themes: article.themes.map((t) => t.theme) });
  };
  return {
    ...store,
    async putArticles(articles, known) {
      const outcomes = await store.putArticles(articles, known);
      articles.forEach((article, i) => log(article, outcomes[i]!));
      return outcomes;
    },
    async putArticle(article) {
      const outcome = await store.putArticle(article);
      log(article, outcome);
      return outcome;
    },
  };
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({ ARTICLES_TABLE: tableName, FEEDS_TABLE: tableName, RETENTION_DAYS: positiveInt });
  const doc = documentClient();
  // In Lambda a feed URL must never reach the VPC, the metadata endpoint or loopback (SSRF).
  const fetcher: FeedFetcher = createHttpFetcher({ blockPrivateAddresses: true });
  return createPollFeedHandler({
    fetcher,
    articles: createDynamoDbArticleWriter(doc, { tableName: env.ARTICLES_TABLE, retentionDays: env.RETENTION_DAYS }),
    feedStates: createDynamoDbFeedStateStore(doc, env.FEEDS_TABLE),
    tagger: loadTagger(),
    clock: systemClock,
    logger,
    metrics,
  });
});

export const handler = (event: SQSEvent) => fromEnv()(event);
