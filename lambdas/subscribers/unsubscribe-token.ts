/**
 * Unsubscribe tokens: `<payload>.<signature>`, both base64url. The payload is
 * the address and an expiry; the signature is HMAC-SHA256 with a key the
 * caller passes in (never read from the environment here).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SubscriberError } from './errors.ts';

export interface TokenClaims {
  email: string;
  /** Epoch seconds after which the token is refused. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function signUnsubscribeToken(claims: TokenClaims, key: string): string {
  const payload = Buffer.from(JSON.stringify({ e: claims.email, x: claims.expiresAt })).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

export function verifyUnsubscribeToken(token: string, key: string, now: Date): TokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { e, x } = (parsed ?? {}) as { e?: unknown; x?: unknown };
  if (typeof e !== 'string' || typeof x !== 'number') return { ok: false, reason: 'malformed' };
  if (now.getTime() / 1000 >= x) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { email: e, expiresAt: x } };
}

function sign(payload: string, key: string): string {
  if (key.length < 16) throw new SubscriberError('weak-signing-key', 'the unsubscribe signing key must be at least 16 characters');
  return createHmac('sha256', key).update(payload).digest('base64url');
}
