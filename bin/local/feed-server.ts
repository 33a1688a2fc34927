import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export interface FeedServer {
  /** e.g. http://127.0.0.1:39123 */
  origin: string;
  close(): Promise<void>;
}

/** Serves the files of one folder over HTTP on 127.0.0.1 (the demo's stand-in for the web); port 0 picks a free one. */
export async function serveFeedFolder(folder: string, port = 0): Promise<FeedServer> {
  const server = createServer(async (request, response) => {
    const name = path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    try {
      const body = await readFile(path.join(folder, name));
      response.writeHead(200, { 'content-type': name.endsWith('.xml') ? 'application/xml' : 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return listenOnLoopback(server, port);
}

export function listenOnLoopback(server: Server, port = 0): Promise<FeedServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('feed server has no port'));
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
