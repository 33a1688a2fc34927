/** Threats of SECURITY.md that the other fault tests don't already cover: mail header injection, leaked logs, and IAM drifting from the code. */
import { Logger } from '@aws-lambda-powertools/logger';
import { MessageRejected, type SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { sendDueDigests } from '../../lambdas/digest/send-digests.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { signUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { createSendDigestsHandler } from '../../lambdas/handlers/send-digests.ts';
import { createUnsubscribeHandler } from '../../lambdas/handlers/unsubscribe.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { CATALOG, makeArticle } from '../digest/make-article.ts';
import { functionUrlEvent, telemetry } from '../handlers/events.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer } from '../support/http-server.ts';
import { recordCommands } from '../support/record-commands.ts';
import { actionsOf, refsIn, statementsOf, synthStack } from '../lib/stack-fixture.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds } from '../../lambdas/feeds/poll-feeds.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

// Monday 23 Nov 2026, 08:00 in Lima.
const NOW = new Date('2026-11-23T13:00:00.000Z');
const KEY = 'security-test-signing-key-0123';
const INJECTED = 'Robo en Ate\r\nBcc: everyone@attacker.example\r\nX-Injected: yes';

function subscriber(email: string): Subscriber {
  return { ...DEFAULT_PREFERENCES, email, hour: 7, status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
}

/** Everything a Powertools Logger writes (it writes JSON lines to stdout and stderr). */
function captureLogs(): () => string {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return () => lines.join('');
}

describe('security', () => {
  let stores: StoreContext;
  beforeAll(async () => {
    stores = await createTestStores();
    await stores.articles.putArticle(
      makeArticle({ title: INJECTED, feedName: 'Feed\r\nBcc: feed@attacker.example', publishedAt: '2026-11-22T15:00:00.000Z', themes: { extortion: 6 } }),
    );
  });
  afterAll(async () => stores.close());
  afterEach(() => vi.restoreAllMocks());

  describe('mail header injection', () => {
    it('keeps CRLF in a hostile article title and feed name out of the headers: one recipient, no Bcc, no extra header', async () => {
      await stores.subscribers.put(subscriber('ana@example.pe'));
      const raws: Buffer[] = [];
      const ses = {
        async send(command: SendEmailCommand) {
          expect(command.input.Destination).toEqual({ ToAddresses: ['ana@example.pe'] });
          raws.push(Buffer.from(command.input.Content!.Raw!.Data!));
          return { MessageId: 'm-1', $metadata: {} };
        },
      };
      const report = await sendDueDigests(
        {
          subscribers: stores.subscribers,
          sentRecords: stores.sentRecords,
          articles: stores.articles,
          mailer: createSesMailer(ses as never),
          catalog: CATALOG,
          from: 'Centinela <digest@centinela.test>',
          unsubscribe: { baseUrl: 'https://unsub.centinela.test/', signingKey: KEY },
        },
        NOW,
      );

      expect(report.sent).toBe(1);
      const parsed = await simpleParser(raws[0]!);
      expect(parsed.bcc).toBeUndefined();
      expect(parsed.headers.has('x-injected')).toBe(false);
      expect(parsed.headerLines.map((h) => h.key)).not.toContain('bcc');
      expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((v) => v.address) : []).toEqual(['ana@example.pe']);
      // The title is still there, as words in the body.
      expect(parsed.text).toContain('Robo en Ate');
      await stores.subscribers.remove('ana@example.pe');
    });
  });

  describe('leaked logs', () => {
    it('the unsubscribe handler logs the method and the status, never the token or the address', async () => {
      const email = 'privado@example.pe';
      await stores.subscribers.put(subscriber(email));
      const token = signUnsubscribeToken({ email, expiresAt: NOW.getTime() / 1000 + 86_400 }, KEY);
      const logs = captureLogs();
      const handle = createUnsubscribeHandler({
        subscribers: stores.subscribers,
        signingKey: async () => KEY,
        clock: fixedClock(NOW.toISOString()),
        logger: new Logger({ logLevel: 'DEBUG', serviceName: 'unsubscribe' }),
      });

      const response = await handle(functionUrlEvent('POST', { token }, 'List-Unsubscribe=One-Click'));
      const written = logs();
      vi.restoreAllMocks();

      expect(response).toMatchObject({ statusCode: 200 });
      expect(written).toContain('"message":"unsubscribe request"');
      expect(written).toContain('"status":200');
      expect(written).not.toContain(email);
      expect(written).not.toContain(token.split('.')[1]!);
      expect(await stores.subscribers.get(email)).toMatchObject({ status: 'unsubscribed' });
    });

    it('the send-digests handler logs a failed digest with its period and reason, never the subscriber address', async () => {
      const email = 'rechazado@example.pe';
      await stores.subscribers.put(subscriber(email));
      const ses = {
        async send(command: SendEmailCommand) {
          const to = command.input.Destination!.ToAddresses![0]!;
          // SES puts the address in its own message, as it does for sandbox rejections.
          throw new MessageRejected({ message: `Email address is not verified. The following identities failed the check: ${to}`, $metadata: {} });
        },
      };
      const logs = captureLogs();
      const handle = createSendDigestsHandler({
        digests: {
          subscribers: stores.subscribers,
          sentRecords: stores.sentRecords,
          articles: stores.articles,
          mailer: createSesMailer(ses as never),
          catalog: CATALOG,
          from: 'Centinela <digest@centinela.test>',
          unsubscribeBaseUrl: 'https://unsub.centinela.test/',
        },
        signingKey: async () => KEY,
        clock: fixedClock(NOW.toISOString()),
        logger: new Logger({ logLevel: 'DEBUG', serviceName: 'send-digests' }),
        metrics: telemetry().metrics,
      });

      const failure = await handle({ scheduledTime: NOW.toISOString() }).then(
        () => undefined,
        (error: Error) => error.message,
      );
      const written = logs();
      vi.restoreAllMocks();

      expect(failure).toMatch(/^send-digests: 1 of \d+ digests failed; the next run retries them/);
      expect(written).toContain('"message":"digest failed"');
      expect(written).toContain('"period":"daily:2026-11-22"');
      expect(written).toContain('Email address is not verified');
      expect(written).not.toContain(email);
    });
  });
});

describe('least privilege matches what the code sends', () => {
  it("gives the poller's role exactly the DynamoDB actions a poll sends, table by table (new, merged and unchanged articles, feed state)", async () => {
    const stores = await createTestStores();
    const recorder = recordCommands(stores.client);
    const item = (n: number) => `<item><title>Extorsión en Ate ${n}</title><link>https://iam.example.pe/${n}</link><pubDate>Fri, 20 Nov 2026 12:00:00 GMT</pubDate></item>`;
    const feed = (items: string) => `<rss version="2.0"><channel><title>IAM</title>${items}</channel></rss>`;
    const server = await startTestServer({ '/a.xml': fixed(feed(item(1) + item(2))), '/b.xml': fixed(feed(item(2) + item(3))) });
    const fetcher = createHttpFetcher();
    try {
      const sources = ['a', 'b'].map((id) => ({ id, name: id, url: server.url(`/${id}.xml`), lang: 'es' as const, fullText: false }));
      const deps = { fetcher, tagger: loadTagger(), clock: fixedClock(NOW.toISOString()), articles: stores.articles, feedStates: stores.feedStates };
      const reports = [...(await pollFeeds(sources, deps, 1)), ...(await pollFeeds(sources, deps, 1))];
      // new, merged (item 2 again from b), unchanged (everything on the second round): every write path ran.
      expect(reports.map((r) => [r.itemsNew, r.itemsMerged])).toEqual([[2, 0], [1, 1], [0, 0], [0, 0]]);
    } finally {
      recorder.stop();
      fetcher.close();
      await server.close();
      await stores.close();
    }

    const used = { Articles: new Set<string>(), Feeds: new Set<string>() };
    const kindOf = (table: string) => (table === stores.tableNames.articles ? 'Articles' : table === stores.tableNames.feeds ? 'Feeds' : undefined);
    for (const { operation, input } of recorder.commands) {
      const add = (table: string, action: string) => used[kindOf(table) ?? ('?' as never)]?.add(`dynamodb:${action}`) ?? expect.unreachable(`${operation} on ${table}`);
      if (operation === 'TransactWriteItems') {
        // IAM has no TransactWriteItems action: each part needs the action it performs.
        for (const part of input.TransactItems as Record<string, { TableName: string }>[]) {
          for (const [kind, { TableName }] of Object.entries(part)) add(TableName, { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind]!);
        }
      } else if (operation === 'BatchWriteItem' || operation === 'BatchGetItem') {
        for (const table of Object.keys(input.RequestItems as object)) add(table, operation);
      } else if (operation === 'BatchExecuteStatement') {
        // IAM has no BatchExecuteStatement action: each statement needs its PartiQL action, on the table it names.
        for (const { Statement } of input.Statements as { Statement: string }[]) {
          const [, verb, table] = /^(INSERT) INTO "([^"]+)"/.exec(Statement) ?? expect.unreachable(`a statement the IAM test does not know: ${Statement}`);
          add(table!, { INSERT: 'PartiQLInsert' }[verb!]!);
        }
      } else add(String(input.TableName), operation);
    }

    const { template } = synthStack();
    const statements = statementsOf(template, 'poll-feed');
    for (const kind of ['Articles', 'Feeds'] as const) {
      const table = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).find((id) => id.startsWith(`Storage${kind}Table`))!;
      const granted = actionsOf(statements.filter((s) => refsIn(s.Resource).includes(table)));
      expect(granted, kind).toEqual([...used[kind]].sort());
    }
    // What that is today (docs/data.md, "Write protocol"): a batch read of which items are stored, a pending-write
    // item put and deleted around each write of new articles, the articles as batched PartiQL INSERTs, batched
    // index items, and a merge's read and transaction (an Update and Puts).
    expect([...used.Articles].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PartiQLInsert',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
  }, 180_000);
});
