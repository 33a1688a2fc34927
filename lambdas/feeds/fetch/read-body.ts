/** Reads a response body into memory, decompressing, and aborts the moment it passes the cap. */
import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { BodyTooLargeError } from './errors.ts';

export async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  const decoder = decompressorFor(response.headers['content-encoding']);
  const stream: Readable = decoder ? pipeline(response, decoder, () => undefined) : response;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  } finally {
    if (total > maxBytes || !response.complete) {
      response.destroy();
      decoder?.destroy();
    }
  }
  return Buffer.concat(chunks, total);
}

function decompressorFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createUnzip(); // zlib-wrapped or, wrongly but commonly, raw deflate
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}
