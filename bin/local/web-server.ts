/** Serves a Hono app over HTTP with @hono/node-server, on loopback unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface WebServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

export class WebServerError extends Error {
  override name = 'WebServerError';
}

export function startWebServer(app: Hono, options: { host?: string; port?: number } = {}): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new WebServerError(
          error.code === 'EADDRINUSE'
            ? `web: port ${options.port} on ${host} is taken; pass another with --port (0 picks a free one).`
            : `web: cannot listen on ${host}:${options.port}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
  });
}
