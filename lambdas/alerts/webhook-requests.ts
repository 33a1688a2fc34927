/**
 * The HTTP request each kind of webhook target gets for one spike (pure):
 *  - webhook: the spike as JSON, signed: `X-Centinela-Signature: sha256=<hex>` is
 *    HMAC-SHA256 over `<timestamp>.<body>` with the target's secret, and
 *    `X-Centinela-Timestamp` carries the Unix time, so a receiver can check the
 *    signature and refuse replays (the GitHub / Stripe webhook pattern)
 *  - slack: an incoming webhook message, `{ "text": … }` in Slack mrkdwn
 *    (api.slack.com/messaging/webhooks)
 *  - teams: an incoming webhook / Workflows message carrying an Adaptive Card
 *    (learn.microsoft.com, "Create an Incoming Webhook": `type: message`, one
 *    `application/vnd.microsoft.card.adaptive` attachment)
 *  - telegram: Bot API `sendMessage` (core.telegram.org/bots/api#sendmessage)
 *    with `parse_mode: HTML` and link previews off
 */
import { createHmac } from 'node:crypto';
import { escapeHtml } from '../digest/html.ts';
import type { AlertTarget } from './alert-targets.ts';
import { describeSpike, type SpikeLabels } from './describe-spike.ts';
import type { Spike } from './find-spikes.ts';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const SIGNATURE_HEADER = 'x-centinela-signature';
export const TIMESTAMP_HEADER = 'x-centinela-timestamp';
export const DELIVERY_HEADER = 'x-centinela-delivery';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The JSON a generic webhook receives: the spike, its explanation, and its stories. */
export function spikePayload(spike: Spike, labels: SpikeLabels) {
  const text = describeSpike(spike, labels);
  return {
    type: 'centinela.spike',
    id: spike.id,
    theme: spike.theme,
    themeLabel: labels.themes[spike.theme] ?? spike.theme,
    ...(spike.region ? { region: spike.region, regionName: labels.regions[spike.region] ?? spike.region } : {}),
    window: spike.window,
    count: spike.count,
    mean: spike.mean,
    sd: spike.sd,
    threshold: spike.threshold,
    series: spike.series,
    headline: text.headline,
    explanation: text.explanation,
    stories: spike.stories,
  };
}

export function webhookRequest(target: AlertTarget, spike: Spike, labels: SpikeLabels, now: Date): WebhookRequest {
  const text = describeSpike(spike, labels);
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (target.kind) {
    case 'webhook': {
      const body = JSON.stringify(spikePayload(spike, labels));
      const timestamp = Math.floor(now.getTime() / 1000);
      return {
        url: target.url,
        headers: { ...json, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signPayload(target.secret, timestamp, body), [DELIVERY_HEADER]: `${spike.id}|${target.id}` },
        body,
      };
    }
    case 'slack': {
      const mrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const lines = [`*${mrkdwn(text.headline)}*`, mrkdwn(text.explanation), ...text.stories.map((s) => `• <${s.url.replace(/[<>|]/g, encodeURIComponent)}|${mrkdwn(s.text)}>`)];
      return { url: target.url, headers: json, body: JSON.stringify({ text: lines.join('\n') }) };
    }
    case 'teams': {
      const card = {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: text.headline, weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'TextBlock', text: text.explanation, wrap: true, isSubtle: true },
          ...text.stories.map((s) => ({ type: 'TextBlock', text: `[${s.text.replace(/[[\]]/g, '')}](${s.url})`, wrap: true })),
        ],
      };
      return { url: target.url, headers: json, body: JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] }) };
    }
    case 'telegram': {
      const html = [`<b>${escapeHtml(text.headline)}</b>`, escapeHtml(text.explanation), ...text.stories.map((s) => `• <a href="${escapeHtml(s.url)}">${escapeHtml(s.text)}</a>`)].join('\n');
      return {
        url: `${target.apiBase.replace(/\/$/, '')}/bot${target.botToken}/sendMessage`,
        headers: json,
        body: JSON.stringify({ chat_id: target.chatId, text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } }),
      };
    }
  }
}
