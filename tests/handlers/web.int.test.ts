/**
 * The web app through hono/aws-lambda, as the web function runs it behind a
 * Function URL (payload format 2.0): the https origin, the sign-in cookie, a
 * feed with the key, and 401 for a wrong key.
 */
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebFixture, type WebFixture } from '../web/web-fixture.ts';
import { functionUrlEvent } from './events.ts';

const KEY = 'lambda-access-key-0123456789abcdef';

/** A Function URL event for `path` (aws-lambda's type spells an absent body `undefined`, Hono's `null`: same payload). */
function event(method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, options: { body?: string; cookie?: string } = {}): LambdaEvent {
  const base = functionUrlEvent(method, query, options.body);
  const built: LambdaFunctionURLEvent = {
    ...base,
    rawPath: path,
    headers: { ...base.headers, ...(options.cookie ? { cookie: options.cookie } : {}) },
    cookies: options.cookie ? [options.cookie] : undefined,
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, path } },
  };
  return built as unknown as LambdaEvent;
}

describe('the web handler behind a Function URL', () => {
  let web: WebFixture;
  let handler: ReturnType<typeof handle>;
  beforeAll(async () => {
    web = await createWebFixture({ accessKey: async () => KEY });
    handler = handle(web.app);
  });
  afterAll(() => web.close());

  it('signs in with the form and serves pages with https feed links on the Function URL host', async () => {
    const signedIn = await handler(event('POST', '/sign-in', {}, { body: `key=${KEY}` }));
    expect(signedIn.statusCode).toBe(303);
    const cookie = (signedIn as { cookies?: string[] }).cookies?.[0] ?? signedIn.headers?.['set-cookie'];
    expect(String(cookie)).toMatch(/^centinela_session=v1\..*; HttpOnly; Secure; SameSite=Lax$/);
    const page = await handler(event('GET', '/theme/extortion', {}, { cookie: String(cookie).split(';')[0] }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="https://abcdefg.lambda-url.us-east-1.on.aws/feed/rss?theme=extortion&amp;key=${KEY}"`);
  });

  it('serves a private feed URL and refuses a wrong key with 401 and an empty body', async () => {
    const feed = await handler(event('GET', '/feed/rss', { theme: 'illegal_mining', period: '90d', key: KEY }));
    expect(feed.statusCode).toBe(200);
    expect((await new Parser().parseString(feed.body)).items).toHaveLength(3);
    const wrong = await handler(event('GET', '/feed/rss', { theme: 'illegal_mining', key: 'nope' }));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe('');
  });
});
