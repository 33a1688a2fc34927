/**
 * The deployed app's access key: pages need the signed session cookie the
 * sign-in sets, feed URLs carry the key, and a wrong key gets 401 and nothing else.
 */
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../lambdas/web/access-key.ts';
import { createWebFixture, type WebFixture } from './web-fixture.ts';

const KEY = 'k3y-generated-at-deploy-time-0123456789';

describe('the web app behind an access key', () => {
  let web: WebFixture;
  let secretReads = 0;
  beforeAll(async () => {
    web = await createWebFixture({ accessKey: async () => (secretReads++, KEY) });
  });
  afterAll(() => web.close());
  const request = (path: string, init: RequestInit = {}) => web.app.request(`https://web.test${path}`, init);
  const signIn = (key: string) =>
    request('/sign-in', { method: 'POST', body: new URLSearchParams({ key }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('sends a visitor without a session to the sign-in page, which asks for the key', async () => {
    const home = await request('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in');
    const form = await request('/sign-in');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<input type="password" name="key"');
  });

  it('answers a wrong key with 401 and an empty body, and sets no cookie', async () => {
    const wrong = await signIn('guess');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const feed = await request('/feed/rss?theme=extortion&key=guess');
    expect(feed.status).toBe(401);
    expect(await feed.text()).toBe('');
  });

  it('signs in with the right key: a signed, HttpOnly, Secure, SameSite=Lax cookie that opens every page', async () => {
    const ok = await signIn(KEY);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.[^;]+; Max-Age=2592000; Path=/; HttpOnly; Secure; SameSite=Lax$`));
    expect(cookie).not.toContain(KEY);
    const session = cookie.split(';')[0]!;
    const home = await request('/?theme=extortion', { headers: { cookie: session } });
    expect(home.status).toBe(200);
    const page = await home.text();
    // Feed links on the page carry the key: they are private URLs for feed readers.
    expect(page).toContain(`href="https://web.test/feed/rss?theme=extortion&amp;key=${KEY}"`);
    const forged = await request('/', { headers: { cookie: `${SESSION_COOKIE}=v1.forged-signature` } });
    expect(forged.status).toBe(303);
    expect(secretReads).toBeGreaterThan(0);
  });

  it('serves a feed to a reader that has the key in the URL and no cookie', async () => {
    const feed = await request(`/feed/atom?theme=illegal_mining&period=90d&key=${KEY}`);
    expect(feed.status).toBe(200);
    const parsed = await new Parser().parseString(await feed.text());
    expect(parsed.items).toHaveLength(3);
    expect(await (await request('/feed/atom?theme=illegal_mining')).text()).toBe('');
  });
});
