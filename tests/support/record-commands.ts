/**
 * Records every operation a DynamoDB client sends, as seen on the wire
 * (the `X-Amz-Target` header, e.g. "Query"), so a test can prove what a code
 * path asks of DynamoDB — above all that it never issues a Scan.
 *
 * It hooks the client's middleware stack, which DynamoDBDocumentClient shares,
 * so commands sent through the document client are recorded too. Retries of
 * one command are recorded once (the hook sits before the retry step).
 *
 *   const recorder = recordCommands(context.client);
 *   await somethingThatReads(context);
 *   expect(recorder.operations()).not.toContain('Scan');
 *   recorder.stop();
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RecordedCommand {
  /** The DynamoDB operation, e.g. "Query", "GetItem", "TransactWriteItems", "Scan". */
  operation: string;
  /** The table the command names, when it names exactly one. */
  tableName?: string;
  /** The command's input as sent (attribute values marshalled). */
  input: Record<string, unknown>;
}

export interface CommandRecorder {
  readonly commands: RecordedCommand[];
  /** Operation names in the order they were sent. */
  operations(): string[];
  /** Forgets what was recorded so far (keeps recording). */
  clear(): void;
  /** Removes the hook from the client. */
  stop(): void;
}

let nextId = 0;

export function recordCommands(client: DynamoDBClient): CommandRecorder {
  const commands: RecordedCommand[] = [];
  const name = `centinelaRecordCommands${nextId++}`;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      const target = request?.headers?.['x-amz-target'] ?? request?.headers?.['X-Amz-Target'] ?? 'unknown';
      const input = (args.input ?? {}) as Record<string, unknown>;
      commands.push({
        operation: target.replace(/^DynamoDB_\d+\./, ''),
        tableName: typeof input.TableName === 'string' ? input.TableName : undefined,
        input,
      });
      return next(args);
    },
    { step: 'build', name, priority: 'low' },
  );
  return {
    commands,
    operations: () => commands.map((c) => c.operation),
    clear: () => void commands.splice(0),
    stop: () => void client.middlewareStack.remove(name),
  };
}
