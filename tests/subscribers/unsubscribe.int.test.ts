import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { handleUnsubscribe } from '../../lambdas/subscribers/unsubscribe.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import type { SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';
import { createTestStores } from '../support/dynamodb.ts';

const KEY = 'unsubscribe-test-key-0123456789';
const NOW = new Date('2026-11-23T13:00:00.000Z');
const inAMonth = Math.floor(NOW.getTime() / 1000) + 30 * 86_400;

describe('unsubscribe tokens', () => {
  const token = signUnsubscribeToken({ email: 'ana@example.pe', expiresAt: inAMonth }, KEY);

  it('verify with the key that signed them, until they expire', () => {
    expect(verifyUnsubscribeToken(token, KEY, NOW)).toEqual({ ok: true, claims: { email: 'ana@example.pe', expiresAt: inAMonth } });
    expect(verifyUnsubscribeToken(token, KEY, new Date(inAMonth * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse to be signed or checked with a key shorter than 16 characters', () => {
    expect(() => signUnsubscribeToken({ email: 'ana@example.pe', expiresAt: 2_000_000_000 }, 'short')).toThrow(
      expect.objectContaining({ kind: 'weak-signing-key', message: 'subscribers: the unsubscribe signing key must be at least 16 characters' }),
    );
  });

  it('refuse a token whose address or expiry was changed, or that another key signed', () => {
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ e: 'boss@example.pe', x: inAMonth })).toString('base64url');
    expect(verifyUnsubscribeToken(`${forged}.${signature}`, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyUnsubscribeToken(token, 'another-key-0123456789abcdef', NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyUnsubscribeToken('garbage', KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('handleUnsubscribe', () => {
  let context: StoreContext;
  let subscribers: SubscriberStore;
  const deps = () => ({ subscribers, signingKey: KEY, now: NOW });
  const token = signUnsubscribeToken({ email: 'ana@example.pe', expiresAt: inAMonth }, KEY);

  beforeAll(async () => {
    context = await createTestStores();
    subscribers = createDynamoDbSubscriberStore(context.doc, context.tableNames.subscribers);
  });
  afterAll(() => context.close());
  beforeEach(async () => {
    await subscribers.put({ ...DEFAULT_PREFERENCES, email: 'ana@example.pe', status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
  });

  it('shows a confirmation page on GET and changes nothing (link scanners only GET)', async () => {
    const response = await handleUnsubscribe({ method: 'GET', query: { token } }, deps());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('ana@example.pe');
    expect((await subscribers.get('ana@example.pe'))!.status).toBe('active');
  });

  it('unsubscribes on the one-click POST a mail client sends (RFC 8058)', async () => {
    const response = await handleUnsubscribe(
      { method: 'POST', query: { token }, body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      deps(),
    );
    expect(response.status).toBe(200);
    expect(await subscribers.get('ana@example.pe')).toMatchObject({ status: 'unsubscribed', statusReason: 'unsubscribe link' });
  });

  it('unsubscribes on the confirmation form POST, token in a base64 body as Function URLs deliver it', async () => {
    const body = Buffer.from(new URLSearchParams({ token }).toString()).toString('base64');
    const response = await handleUnsubscribe({ method: 'POST', query: {}, body, isBase64Encoded: true }, deps());
    expect(response.status).toBe(200);
    expect((await subscribers.get('ana@example.pe'))!.status).toBe('unsubscribed');
  });

  it('refuses tampered and expired tokens and leaves the subscriber alone', async () => {
    const tampered = `${token.slice(0, -2)}xx`;
    const expired = signUnsubscribeToken({ email: 'ana@example.pe', expiresAt: Math.floor(NOW.getTime() / 1000) - 1 }, KEY);
    for (const bad of [tampered, expired, undefined]) {
      const response = await handleUnsubscribe({ method: 'POST', query: bad ? { token: bad } : {} }, deps());
      expect(response.status).toBe(400);
      expect(response.body).toContain('invalid or has expired');
    }
    expect((await subscribers.get('ana@example.pe'))!.status).toBe('active');
  });

  it('answers other methods with 405', async () => {
    const response = await handleUnsubscribe({ method: 'DELETE', query: { token } }, deps());
    expect(response).toMatchObject({ status: 405, headers: { allow: 'GET, POST' } });
  });
});
