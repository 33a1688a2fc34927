/**
 * Each kind of webhook target against a real HTTP server on 127.0.0.1: the
 * exact request (method, path, headers, body, signature), and the failures
 * that must not leak a URL or token: an HTTP 500, a timeout, an unknown host,
 * a private address refused as in Lambda.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertTargets, type AlertTarget } from '../../lambdas/alerts/alert-targets.ts';
import { AlertDeliveryError } from '../../lambdas/alerts/errors.ts';
import { createWebhookPoster } from '../../lambdas/alerts/post-webhook.ts';
import { webhookRequest } from '../../lambdas/alerts/webhook-requests.ts';
import { LABELS, sampleSpike } from './sample-spike.ts';

const NOW = new Date('2026-11-21T17:05:00.000Z');
const SECRET = 'whsec-0123456789abcdef-loopback';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const HEADLINE = 'Pico: Extorsión — 4 noticias en 24 h';
const EXPLANATION = 'Media de los 28 días anteriores 0,3 (desviación 0,4); umbral 1,5 = media + 3 × desviación. Serie diaria, hoy al final: 0 1 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 1 0 0 0 1 0 0 1 0 4.';

describe('webhook targets against a loopback server', () => {
  let server: Server;
  let origin: string;
  const received: Received[] = [];
  let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: 'ok' };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ method: request.method!, path: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = () => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  const targets = () => parseAlertTargets(JSON.stringify({
    targets: [
      { id: 'ops', kind: 'webhook', url: `${origin}/hooks/centinela`, secret: SECRET },
      { id: 'slack', kind: 'slack', url: `${origin}/services/T000/B000/XXXX` },
      { id: 'teams', kind: 'teams', url: `${origin}/webhookb2/abc` },
      { id: 'tg', kind: 'telegram', botToken: '123456:ABC-secret_token', chatId: -1001234567890, apiBase: origin },
    ],
  }), 'test targets').targets;
  const target = (id: string) => targets().find((t) => t.id === id)! as AlertTarget;

  async function deliver(id: string): Promise<Received> {
    answer = id === 'tg' ? { status: 200, body: '{"ok":true,"result":{"message_id":7}}' } : { status: 200, body: 'ok' };
    const before = received.length;
    await createWebhookPoster().post(id, webhookRequest(target(id), sampleSpike(), LABELS, NOW));
    expect(received.length).toBe(before + 1);
    return received.at(-1)!;
  }

  it('generic webhook: the spike as JSON, signed with HMAC-SHA256 over "<timestamp>.<body>"', async () => {
    const request = await deliver('ops');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/centinela');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['x-centinela-timestamp']).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(request.headers['x-centinela-delivery']).toBe('2026-11-20#extortion#*|ops');
    const expectedSignature = `sha256=${createHmac('sha256', SECRET).update(`${request.headers['x-centinela-timestamp']}.${request.body}`).digest('hex')}`;
    expect(request.headers['x-centinela-signature']).toBe(expectedSignature);
    expect(JSON.parse(request.body)).toEqual({
      type: 'centinela.spike',
      id: '2026-11-20#extortion#*',
      theme: 'extortion',
      themeLabel: 'Extorsión',
      window: { from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z' },
      count: 4,
      mean: 0.25,
      sd: 0.4330127018922193,
      threshold: 1.549038105676658,
      series: [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 4],
      headline: HEADLINE,
      explanation: EXPLANATION,
      stories: sampleSpike().stories,
    });
    // A receiver that recomputes the signature over a tampered body rejects it.
    const tampered = request.body.replace('"count":4', '"count":40');
    expect(`sha256=${createHmac('sha256', SECRET).update(`${request.headers['x-centinela-timestamp']}.${tampered}`).digest('hex')}`).not.toBe(expectedSignature);
  });

  it('Slack incoming webhook: one mrkdwn text with the headline, the explanation and linked stories', async () => {
    const request = await deliver('slack');
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/services/T000/B000/XXXX', 'application/json; charset=utf-8']);
    expect(request.headers['x-centinela-signature']).toBeUndefined();
    expect(JSON.parse(request.body)).toEqual({
      text: [
        `*${HEADLINE}*`,
        EXPLANATION,
        '• <https://el-vigia.example.pe/bus-ate?utm=1&x=2|Extorsionadores atacan &lt;bus&gt; en Ate — El Vigía (2 medios)>',
        '• <https://diario.example.pe/comas|Queman mototaxi en Comas — Diario del Sur>',
      ].join('\n'),
    });
  });

  it('Microsoft Teams incoming webhook: a message with one Adaptive Card', async () => {
    const request = await deliver('teams');
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/webhookb2/abc', 'application/json; charset=utf-8']);
    expect(JSON.parse(request.body)).toEqual({
      type: 'message',
      attachments: [{
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: HEADLINE, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: EXPLANATION, wrap: true, isSubtle: true },
            { type: 'TextBlock', text: '[Extorsionadores atacan <bus> en Ate — El Vigía (2 medios)](https://el-vigia.example.pe/bus-ate?utm=1&x=2)', wrap: true },
            { type: 'TextBlock', text: '[Queman mototaxi en Comas — Diario del Sur](https://diario.example.pe/comas)', wrap: true },
          ],
        },
      }],
    });
  });

  it('Telegram bot: sendMessage with the chat id, HTML text and link previews off', async () => {
    const request = await deliver('tg');
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/bot123456:ABC-secret_token/sendMessage', 'application/json; charset=utf-8']);
    expect(JSON.parse(request.body)).toEqual({
      chat_id: '-1001234567890',
      text: [
        `<b>${HEADLINE}</b>`,
        EXPLANATION,
        '• <a href="https://el-vigia.example.pe/bus-ate?utm=1&amp;x=2">Extorsionadores atacan &lt;bus&gt; en Ate — El Vigía (2 medios)</a>',
        '• <a href="https://diario.example.pe/comas">Queman mototaxi en Comas — Diario del Sur</a>',
      ].join('\n'),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  });

  it('reports a 500, a Telegram refusal, a timeout and an unknown host as AlertDeliveryErrors that name the target, never its URL or token', async () => {
    const poster = createWebhookPoster({ timeoutMs: 300 });
    const attempt = async (id: string, reply: typeof answer, url?: string) => {
      answer = reply;
      const request = webhookRequest(target(id), sampleSpike(), LABELS, NOW);
      const error = await poster.post(id, url ? { ...request, url } : request).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AlertDeliveryError);
      const message = (error as Error).message;
      expect(message).not.toContain(origin);
      expect(message).not.toContain('ABC-secret_token');
      expect(message).not.toContain('XXXX');
      return error as AlertDeliveryError;
    };
    expect(await attempt('slack', { status: 500, body: 'oops' })).toMatchObject({ kind: 'http-status', status: 500, message: 'alerts: target "slack": answered HTTP 500' });
    expect(await attempt('tg', { status: 200, body: '{"ok":false,"description":"Bad Request: chat not found"}' })).toMatchObject({ kind: 'rejected' });
    expect(await attempt('teams', { status: 200, body: 'late', delayMs: 2_000 })).toMatchObject({ kind: 'timeout', message: 'alerts: target "teams": no answer within 300 ms' });
    expect(await attempt('ops', { status: 200, body: 'ok' }, 'http://centinela-alerts.invalid/hook')).toMatchObject({ kind: 'network' });
  });

  it('refuses loopback and private addresses when guarded as in Lambda, before sending anything', async () => {
    const before = received.length;
    const guarded = createWebhookPoster({ blockPrivateAddresses: true });
    await expect(guarded.post('ops', webhookRequest(target('ops'), sampleSpike(), LABELS, NOW))).rejects.toMatchObject({ kind: 'blocked-address' });
    await expect(guarded.post('ops', { ...webhookRequest(target('ops'), sampleSpike(), LABELS, NOW), url: 'http://localhost:9/hook' })).rejects.toMatchObject({ kind: 'blocked-address' });
    await expect(guarded.post('ops', { ...webhookRequest(target('ops'), sampleSpike(), LABELS, NOW), url: 'http://169.254.169.254/latest/meta-data/' })).rejects.toMatchObject({ kind: 'blocked-address' });
    expect(received.length).toBe(before);
  });
});

describe('the alert targets file', () => {
  it('names the target and field that are wrong, never the secret values', () => {
    expect(() => parseAlertTargets('{"targets":[{"id":"slack","kind":"slack","url":"not a url"}]}', '.centinela/alerts.json')).toThrow(
      '.centinela/alerts.json: .targets[0].url (target "slack") must be an absolute http(s) URL',
    );
    expect(() => parseAlertTargets('{"targets":[{"id":"ops","kind":"webhook","url":"https://x.example/h","secret":"short"}]}', 'f')).toThrow('(target "ops") must be at least 16 characters');
    expect(() => parseAlertTargets('{"targets":[{"id":"tg","kind":"telegram","botToken":"nope-token-value","chatId":"1"}]}', 'f')).toThrow(/target "tg"\) must look like 123456:ABC/);
    expect(() => parseAlertTargets('{"targets":[{"id":"tg","kind":"telegram","botToken":"nope-token-value","chatId":"1"}]}', 'f')).not.toThrow(/nope-token-value/);
    expect(() => parseAlertTargets('{"targets":[{"id":"a","kind":"pager","url":"https://x.example"}]}', 'f')).toThrow('.targets[0].kind');
    expect(() => parseAlertTargets('not json', 'f')).toThrow("f is not valid JSON: line 1, column 1: Unexpected token 'o'");
    expect(() => parseAlertTargets('{"targets":[{"id":"a","kind":"slack","url":"https://x.example"},{"id":"a","kind":"teams","url":"https://y.example"}]}', 'f')).toThrow('two targets are called "a"');
  });
});
