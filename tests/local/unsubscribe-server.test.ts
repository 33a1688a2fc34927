/**
 * `centinela unsubscribe-server` on a port that is taken says which port and
 * how to pick another, as `serve` does, instead of Node's bare EADDRINUSE.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveUnsubscribe } from '../../bin/local/unsubscribe-server.ts';

let holder: Server;
let taken: number;

beforeAll(async () => {
  holder = createServer((_, response) => response.end('busy'));
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  taken = (holder.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

const subscribers = { setStatus: async () => undefined } as never;

describe('serveUnsubscribe', () => {
  it('names the taken port and the --port fix', async () => {
    await expect(serveUnsubscribe({ subscribers, signingKey: 'k'.repeat(32), port: taken })).rejects.toThrow(
      `unsubscribe-server: port ${taken} on 127.0.0.1 is taken; pass another with --port (0 picks a free one).`,
    );
  });

  it('serves on a free port when given 0', async () => {
    const server = await serveUnsubscribe({ subscribers, signingKey: 'k'.repeat(32), port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/unsubscribe$/);
    await server.close();
  });
});
