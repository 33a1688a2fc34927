/**
 * Sends one webhook request (the adapter behind the WebhookPoster port):
 * node:http/https so that, in Lambda, the same SSRF guard as feeds applies
 * (lambdas/feeds/fetch/address-guard.ts: literal IPs before connecting, host
 * names inside the socket's lookup). A 2xx answer is a delivery; anything else
 * (another status, a redirect, a timeout, a DNS or connection error, a blocked
 * address, Telegram's `ok: false`) is an AlertDeliveryError naming the target
 * id only: URLs and tokens never reach a message.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertLiteralAddressAllowed, guardedLookup, isNonPublicAddress, type AddressPolicy } from '../feeds/fetch/address-guard.ts';
import { BlockedAddressError } from '../feeds/fetch/errors.ts';
import { AlertDeliveryError } from './errors.ts';
import type { WebhookRequest } from './webhook-requests.ts';

/** The port run-alerts posts through. */
export interface WebhookPoster {
  post(targetId: string, request: WebhookRequest): Promise<{ status: number }>;
}

export interface WebhookPosterOptions {
  /** Whole-request deadline. Default 10 s. */
  timeoutMs?: number;
  /** Refuse loopback, private and link-local addresses (on in Lambda). Default false. */
  blockPrivateAddresses?: boolean;
  isBlockedAddress?: AddressPolicy;
  userAgent?: string;
}

export function createWebhookPoster(options: WebhookPosterOptions = {}): WebhookPoster {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const isBlocked = options.blockPrivateAddresses ? (options.isBlockedAddress ?? isNonPublicAddress) : undefined;
  const lookup = isBlocked ? guardedLookup(isBlocked) : undefined;

  async function post(targetId: string, request: WebhookRequest): Promise<{ status: number }> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      throw new AlertDeliveryError('rejected', targetId, 'its URL is not absolute', { cause: error });
    }
    if (isBlocked) {
      try {
        assertLiteralAddressAllowed(url.hostname, isBlocked);
      } catch {
        throw new AlertDeliveryError('blocked-address', targetId, 'its address is not public (loopback, private or link-local), refused in AWS');
      }
    }
    const body = Buffer.from(request.body, 'utf8');
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, {
        method: 'POST',
        headers: { 'user-agent': options.userAgent ?? 'Centinela-Alerts/0.1', ...request.headers, 'content-length': String(body.length) },
        lookup: lookup as LookupFunction | undefined,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 65_536) chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    }).catch((error: NodeJS.ErrnoException) => {
      if (error instanceof BlockedAddressError || error.cause instanceof BlockedAddressError) {
        throw new AlertDeliveryError('blocked-address', targetId, 'its host name resolves to a non-public address, refused in AWS');
      }
      if (error.code === 'ETIMEDOUT' || error.name === 'TimeoutError' || error.name === 'AbortError') {
        throw new AlertDeliveryError('timeout', targetId, `no answer within ${timeoutMs} ms`);
      }
      throw new AlertDeliveryError('network', targetId, `could not connect (${error.code ?? error.name})`);
    });
    if (status < 200 || status >= 300) {
      throw new AlertDeliveryError('http-status', targetId, `answered HTTP ${status}`, { status });
    }
    if (url.pathname.endsWith('/sendMessage')) {
      // Telegram answers 200 with { ok: false } for some refusals.
      const answer = safeJson(text) as { ok?: boolean; description?: string } | undefined;
      if (answer && answer.ok === false) throw new AlertDeliveryError('rejected', targetId, `Telegram refused the message (${String(answer.description ?? 'no description').slice(0, 120)})`);
    }
    return { status };
  }

  return { post };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
