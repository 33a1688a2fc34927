/** One spike alert as a mail to a subscriber who opted in (pure): short HTML + text, one-click unsubscribe. */
import { unsubscribeLink, type UnsubscribeSettings } from '../digest/digest-mail.ts';
import { escapeHtml, safeHref } from '../digest/html.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import type { Language } from '../model/article.ts';
import { describeSpike, type SpikeLabels } from './describe-spike.ts';
import type { Spike } from './find-spikes.ts';

export function composeAlertMail(input: {
  spike: Spike;
  labels: SpikeLabels;
  to: string;
  from: string;
  lang: Language;
  now: Date;
  unsubscribe?: UnsubscribeSettings;
}): OutgoingMail {
  const text = describeSpike(input.spike, input.labels, input.lang);
  const es = input.lang === 'es';
  const unsubscribeUrl = input.unsubscribe ? unsubscribeLink(input.to, input.unsubscribe, input.now) : undefined;
  const stories = text.stories
    .map((s) => {
      const href = safeHref(s.url);
      return `<li style="margin:0 0 6px 0">${href ? `<a href="${escapeHtml(href)}" style="color:#0b3d91">${escapeHtml(s.text)}</a>` : escapeHtml(s.text)}</li>`;
    })
    .join('');
  const footer = es ? 'Recibe esta alerta porque pidió alertas de Centinela.' : 'You receive this alert because you asked for Centinela alerts.';
  const stop = es ? 'Darse de baja' : 'Unsubscribe';
  const html = `<!DOCTYPE html>
<html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.headline)}</title></head>
<body style="margin:0;padding:12px;background:#f4f4f4"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#222"><tr><td style="padding:18px 20px">
<h1 style="margin:0 0 8px 0;font-size:19px;color:#b71c1c">▲ ${escapeHtml(text.headline)}</h1>
<p style="margin:0 0 10px 0;font-size:13px;color:#555">${escapeHtml(text.explanation)}</p>
<ul style="margin:0;padding-left:18px">${stories}</ul>
<p style="margin:16px 0 0 0;font-size:12px;color:#777">${footer}${unsubscribeUrl ? ` <a href="${escapeHtml(unsubscribeUrl)}" style="color:#777">${stop}</a>` : ''}</p>
</td></tr></table></body></html>
`;
  const plain = [text.headline, '', text.explanation, '', ...text.stories.flatMap((s) => [`- ${s.text}`, `  ${safeHref(s.url) ?? ''}`]), '', '--', footer, ...(unsubscribeUrl ? [`${stop}: ${unsubscribeUrl}`] : [])].join('\n');
  return {
    from: input.from,
    to: input.to,
    subject: `Centinela · ${text.headline}`,
    html,
    text: `${plain}\n`,
    headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  };
}
