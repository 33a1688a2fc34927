import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { insertIfAbsent } from '../../lambdas/store/batch-insert.ts';
import { StoreError } from '../../lambdas/store/errors.ts';
import { MAX_ATTEMPTS } from '../../lambdas/store/retry-unprocessed.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

let serial = 0;
const items = (count: number) => Array.from({ length: count }, () => ({ pk: `INSERT#${++serial}`, sk: 'ARTICLE', title: `nota ${serial}`, body: new Uint8Array([serial % 256]) }));
const stored = async (pk: string) => (await context.doc.send(new GetCommand({ TableName: context.tableNames.articles, Key: { pk, sk: 'ARTICLE' }, ConsistentRead: true }))).Item;

/**
 * Answers the per-statement error `code` for the statements `pick` chooses, on
 * the next `times` requests, as DynamoDB does for a throttled or invalid
 * statement; sends the rest. `seen` counts the statements of every request the client made.
 */
function answerStatements(code: string, pick: (index: number) => boolean, times: number): { stop: () => void; seen: number[] } {
  const name = `answer-${code}-${++serial}`;
  let left = times;
  const seen: number[] = [];
  context.client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      if (handlerContext.commandName !== 'BatchExecuteStatementCommand') return next(args);
      seen.push((args.input as { Statements: unknown[] }).Statements.length);
      if (left <= 0) return next(args);
      left--;
      const input = args.input as { Statements: unknown[] };
      const sent = input.Statements.filter((_, i) => !pick(i));
      const result = sent.length > 0 ? await next({ ...args, input: { ...input, Statements: sent } }) : { response: {}, output: { Responses: [], $metadata: {} } };
      const answered = (result.output as { Responses: unknown[] }).Responses;
      let k = 0;
      const responses = input.Statements.map((_, i) => (pick(i) ? { Error: { Code: code, Message: `${code} (test)` } } : answered[k++]));
      return { ...result, output: { ...result.output, Responses: responses } as typeof result.output };
    },
    { step: 'initialize', name },
  );
  return { stop: () => context.client.middlewareStack.remove(name), seen };
}

describe('insertIfAbsent on DynamoDB Local', () => {
  it('inserts 25 statements a request and answers "taken", writing nothing, for a key already there', async () => {
    const batch = items(30);
    await insertIfAbsent(context.doc, context.tableNames.articles, [batch[3]!], { concurrency: 4 });
    const again = { ...batch[3]!, title: 'otra versión' };
    const recorder = recordCommands(context.client);
    const answers = await insertIfAbsent(context.doc, context.tableNames.articles, [...batch.slice(0, 3), again, ...batch.slice(4)], { concurrency: 4 });
    recorder.stop();

    expect(answers.filter((a) => a === 'taken').length).toBe(1);
    expect(answers[3]).toBe('taken');
    expect(recorder.commands.map((c) => (c.input.Statements as unknown[]).length).sort()).toEqual([25, 5]);
    expect(await stored(batch[3]!.pk)).toMatchObject({ title: batch[3]!.title });
    expect(await stored(batch[29]!.pk)).toEqual(batch[29]);
  });

  it('sends a throttled statement again, and only it', async () => {
    const batch = items(3);
    const { stop, seen } = answerStatements('ThrottlingError', (i) => i === 1, 1);
    try {
      await expect(insertIfAbsent(context.doc, context.tableNames.articles, batch, { concurrency: 4 })).resolves.toEqual(['inserted', 'inserted', 'inserted']);
    } finally {
      stop();
    }
    expect(seen).toEqual([3, 1]);
    for (const item of batch) expect(await stored(item.pk)).toEqual(item);
  });

  it(`gives up after ${MAX_ATTEMPTS} sends of a statement that stays throttled, with a StoreError 'unprocessed'`, async () => {
    const { stop, seen } = answerStatements('ProvisionedThroughputExceeded', () => true, MAX_ATTEMPTS);
    try {
      const failure = await insertIfAbsent(context.doc, context.tableNames.articles, items(2), { concurrency: 4 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StoreError);
      expect(failure).toMatchObject({ kind: 'unprocessed', message: `store: DynamoDB kept 2 inserts throttled after ${MAX_ATTEMPTS} attempts; polling the feed again stores them` });
      expect(seen).toEqual(Array(MAX_ATTEMPTS).fill(2));
    } finally {
      stop();
    }
  });

  it("a statement refused for another reason is a StoreError 'refused' naming the key and DynamoDB's answer", async () => {
    const batch = items(2);
    const { stop } = answerStatements('ValidationError', (i) => i === 0, 1);
    try {
      const failure = await insertIfAbsent(context.doc, context.tableNames.articles, batch, { concurrency: 4 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StoreError);
      expect(failure).toMatchObject({ kind: 'refused', message: `store: DynamoDB refused to insert ${batch[0]!.pk} / ARTICLE: ValidationError: ValidationError (test)` });
    } finally {
      stop();
    }
  });
});
