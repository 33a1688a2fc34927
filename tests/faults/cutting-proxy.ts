import { createServer } from 'node:http';
import { listenOnLoopback, type FeedServer } from '../../bin/local/feed-server.ts';
import { forwardRequest, operationOf } from '../support/dynamodb-proxy.ts';

export interface CuttingProxy extends FeedServer {
  /**
   * After `requests` more requests have been answered, the next one is still
   * forwarded (so DynamoDB may commit it) but its answer is dropped, and every
   * later request has its connection reset: the database vanished mid-write.
   */
  cutAfter(requests: number): void;
  /** Forward everything again (the database came back). */
  restore(): void;
  /** Requests forwarded to DynamoDB whose answer the client never got. */
  unanswered: string[];
  /** Requests reset without reaching DynamoDB. */
  refused: number;
}

/** A loopback proxy in front of DynamoDB Local that can lose the database halfway through a run. */
export async function startCuttingProxy(upstream: string): Promise<CuttingProxy> {
  const target = new URL(upstream);
  const state = { left: Infinity, refused: 0 };
  const unanswered: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const operation = operationOf(incoming);
    if (state.left < 0) {
      state.refused++;
      incoming.socket.destroy();
      return;
    }
    const dropAnswer = state.left === 0;
    state.left--;
    forwardRequest(target, incoming, outgoing, (answer) => {
      if (!dropAnswer) return false;
      unanswered.push(operation);
      answer.resume();
      answer.on('end', () => incoming.socket.destroy());
      return true;
    });
  });
  const running = await listenOnLoopback(server);
  return {
    ...running,
    unanswered,
    get refused() {
      return state.refused;
    },
    cutAfter: (requests) => (state.left = requests),
    restore: () => (state.left = Infinity),
  };
}
