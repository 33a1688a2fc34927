/**
 * The unsubscribe endpoint, as a pure request → response function that the
 * Function URL handler (AWS) and the local server both wrap.
 *  1. GET  ?token=…  → a confirmation page with a button (link scanners only GET, so they never unsubscribe anyone)
 *  2. POST ?token=…  → unsubscribes; this is also the RFC 8058 one-click POST mail clients send
 *     (body "List-Unsubscribe=One-Click"); a token in a form body is accepted too
 *  3. a tampered, malformed or expired token gets a 400 page and changes nothing
 */
import type { SubscriberStore } from './subscriber-store.ts';
import { escapeHtml } from '../digest/html.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

export interface UnsubscribeRequest {
  method: string;
  query: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined>;
}

export interface UnsubscribeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface UnsubscribeDeps {
  subscribers: Pick<SubscriberStore, 'setStatus'>;
  signingKey: string;
  now: Date;
}

export async function handleUnsubscribe(request: UnsubscribeRequest, deps: UnsubscribeDeps): Promise<UnsubscribeResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    return { ...page(405, 'Método no permitido', 'Method not allowed'), headers: { ...HEADERS, allow: 'GET, POST' } };
  }
  const token = request.query.token ?? (method === 'POST' ? formField(request, 'token') : undefined);
  const check = token ? verifyUnsubscribeToken(token, deps.signingKey, deps.now) : undefined;
  if (!check?.ok) {
    return page(
      400,
      'Este enlace para darse de baja no es válido o ha caducado. Use el enlace de un resumen reciente.',
      'This unsubscribe link is invalid or has expired. Use the link in a recent digest.',
    );
  }
  const email = escapeHtml(check.claims.email);
  if (method === 'GET') {
    return page(
      200,
      `¿Dejar de recibir los resúmenes de Centinela en <strong>${email}</strong>?`,
      `Stop receiving Centinela digests at <strong>${email}</strong>?`,
      `<form method="post"><input type="hidden" name="token" value="${escapeHtml(token!)}">` +
        '<button type="submit" style="font-size:16px;padding:8px 16px">Darme de baja / Unsubscribe</button></form>',
    );
  }
  await deps.subscribers.setStatus(check.claims.email, 'unsubscribed', 'unsubscribe link', deps.now);
  return page(
    200,
    `Listo: <strong>${email}</strong> ya no recibirá resúmenes de Centinela.`,
    `Done: <strong>${email}</strong> will no longer receive Centinela digests.`,
  );
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

/** Both languages: the token doesn't say which one the reader prefers, and the page is two lines. */
function page(status: number, es: string, en: string, extra = ''): UnsubscribeResponse {
  const body = `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Centinela</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222">
<h1 style="font-size:20px">Centinela</h1><p>${es}</p><p lang="en" style="color:#555">${en}</p>${extra}</body></html>`;
  return { status, headers: { ...HEADERS }, body };
}

function formField(request: UnsubscribeRequest, name: string): string | undefined {
  if (!request.body) return undefined;
  const body = request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  return new URLSearchParams(body).get(name) ?? undefined;
}
