/**
 * The deployed web app's one secret: an access key generated at deploy time
 * (Secrets Manager). Pages need a session cookie, set by the sign-in form and
 * signed with a key derived from the access key (HMAC-SHA256, hono/cookie's
 * signed cookies), HttpOnly, Secure, SameSite=Lax. Feed URLs carry the key
 * itself as `?key=` so feed readers, which keep no cookies, can subscribe:
 * they are private URLs (docs/deploy.md). A wrong key gets 401 and nothing else.
 * Locally (`centinela serve` on 127.0.0.1) there is no key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'centinela_session';
const SESSION_VALUE = 'v1';
const SESSION_DAYS = 30;

/** Paths open without a session: the sign-in form and the language switch. */
const OPEN_PATHS = new Set(['/sign-in']);

export function sameKey(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'compare').update(given).digest();
  const b = createHmac('sha256', 'compare').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie-signing secret, derived so the cookie never carries or reveals the access key. */
export function cookieSecret(accessKey: string): string {
  return createHmac('sha256', accessKey).update('centinela web session v1').digest('base64url');
}

export function requireAccessKey(accessKey: () => Promise<string>): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (OPEN_PATHS.has(path)) return next();
    const key = await accessKey();
    const given = c.req.query('key');
    if (given !== undefined) {
      if (!sameKey(given, key)) return unauthorized(c);
      return next();
    }
    const session = await getSignedCookie(c, cookieSecret(key), SESSION_COOKIE);
    if (session === SESSION_VALUE) return next();
    // Feed readers cannot sign in; a page without a (valid) session goes to the sign-in form.
    if (path.startsWith('/feed/')) return unauthorized(c);
    return c.redirect('/sign-in', 303);
  };
}

/** Checks the posted key; sets the session cookie and goes home, or 401. */
export async function signIn(c: Context, accessKey: string): Promise<Response> {
  const form = await c.req.parseBody();
  const given = typeof form.key === 'string' ? form.key : '';
  if (!sameKey(given, accessKey)) return unauthorized(c);
  await setSignedCookie(c, SESSION_COOKIE, SESSION_VALUE, cookieSecret(accessKey), {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
  return c.redirect('/', 303);
}

/** 401 with no page, no hint, no data. */
export function unauthorized(c: Context): Response {
  return c.body(null, 401);
}
