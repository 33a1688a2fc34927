/** Real event shapes, as Lambda delivers them (field for field from the AWS documentation samples). */
import type { LambdaFunctionURLEvent, ScheduledEvent, SNSEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { vi } from 'vitest';

export function scheduledEvent(time: string): ScheduledEvent {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '123456789012',
    time,
    region: 'us-east-1',
    resources: ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/CentinelaPollSchedule'],
    detail: {},
  };
}

export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763812800000',
      SenderId: 'AROAEXAMPLE:centinela-dispatch',
      ApproximateFirstReceiveTimestamp: '1763812800100',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:Centinela-FeedQueue',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

export function functionUrlEvent(method: 'GET' | 'POST', query: Record<string, string>, body?: string): LambdaFunctionURLEvent {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString,
    queryStringParameters: query,
    headers: {
      host: 'abcdefg.lambda-url.us-east-1.on.aws',
      'user-agent': 'Mozilla/5.0',
      ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefg',
      domainName: 'abcdefg.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abcdefg',
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:12:00:00 +0000',
      timeEpoch: 1763812800000,
    },
    ...(body ? { body: Buffer.from(body).toString('base64') } : {}),
    isBase64Encoded: body !== undefined,
  };
}

export function snsEvent(message: unknown): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:Centinela-SesEventsTopic:2bcfbf39',
        Sns: {
          Type: 'Notification',
          MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:Centinela-SesEventsTopic',
          Subject: null as unknown as string,
          Message: JSON.stringify(message),
          Timestamp: '2026-11-22T12:00:00.000Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** A silent logger and a metrics object whose figures the test can read. */
export function telemetry() {
  const logger = new Logger({ logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'Centinela', serviceName: 'test' });
  const figures: Record<string, number> = {};
  vi.spyOn(metrics, 'addMetric').mockImplementation((name, _unit, value) => {
    figures[name] = (figures[name] ?? 0) + value;
    return metrics;
  });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  return { logger, metrics, figures };
}
