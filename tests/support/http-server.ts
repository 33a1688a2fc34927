import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, type FeedServer } from '../../bin/local/feed-server.ts';

export type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface TestServer extends FeedServer {
  url(path: string): string;
  /** Requests received, in order, with their headers. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
}

/** A real HTTP server on 127.0.0.1 whose routes a test defines; unknown paths get 404. */
export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: request.headers });
    const route = routes[path];
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    await route(request, response);
  });
  const running = await listenOnLoopback(server);
  return { ...running, requests, url: (path) => `${running.origin}${path}` };
}

/** A route that always answers with this body and these headers. */
export function fixed(body: string | Buffer, headers: Record<string, string> = {}, status = 200): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/xml', ...headers });
    response.end(body);
  };
}
