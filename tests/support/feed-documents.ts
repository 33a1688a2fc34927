import type { Route } from './http-server.ts';

export interface SampleItem {
  title: string;
  link: string;
  /** ISO date */
  date: string;
  description?: string;
}

/** A small, valid RSS 2.0 document. */
export function rssDocument(title: string, items: SampleItem[]): string {
  const entries = items
    .map(
      (item) => `<item><title>${item.title}</title><link>${item.link}</link>` +
        `<pubDate>${new Date(item.date).toUTCString()}</pubDate>` +
        `<description>${item.description ?? item.title}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title>` +
    `<link>https://example.invalid/</link>\n${entries}\n</channel></rss>`;
}

/** `count` items about extortion in Trujillo, with distinct links under `origin`. */
export function sampleItems(prefix: string, count: number, origin = 'https://news.example.invalid'): SampleItem[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `Extorsionadores atacan a transportistas en Trujillo (${prefix} ${i + 1})`,
    link: `${origin}/${prefix}/${i + 1}`,
    date: new Date(Date.UTC(2026, 10, 20, 12, i)).toISOString(),
    description: 'La policía investiga el cobro de cupos a choferes de La Libertad.',
  }));
}

/** A route that serves `body` with an ETag and answers 304 when the client sends it back. */
export function withEtag(body: string, etag: string): Route {
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    response.end(body);
  };
}
