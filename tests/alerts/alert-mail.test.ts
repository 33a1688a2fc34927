/** A spike alert mailed through SES: one raw MIME SendEmail request, asserted as the digest's is (tests/mail/ses-mailer.test.ts). */
import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeAlertMail } from '../../lambdas/alerts/alert-mail.ts';
import { hasControlCharacters } from '../../lambdas/digest/clean-text.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { verifyUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { LABELS, sampleSpike } from './sample-spike.ts';

const NOW = new Date('2026-11-21T17:05:00.000Z');
const KEY = 'alert-ses-key-0123456789';

function fakeSes() {
  const commands: SendEmailCommand[] = [];
  return {
    commands,
    client: { send: async (command: SendEmailCommand) => (commands.push(command), { MessageId: `0100019-alert-${commands.length}`, $metadata: {} }) },
  };
}

describe('an alert mail through SES', () => {
  it('is one raw MIME SendEmail with the headline as subject, the series explained, the stories linked and one-click unsubscribe', async () => {
    const ses = fakeSes();
    const mail = composeAlertMail({
      spike: sampleSpike({ stories: [{ ...sampleSpike().stories[0]!, title: '\u0093Los Pulpos\u0094 <b>atacan</b> bus', url: 'javascript:alert(1)' }, sampleSpike().stories[1]!] }),
      labels: LABELS, to: 'ana@example.pe', from: 'Centinela <alerts@centinela.example>', lang: 'es', now: NOW,
      unsubscribe: { baseUrl: 'https://abc.lambda-url.us-east-1.on.aws/', signingKey: KEY },
    });
    const sent = await createSesMailer(ses.client as never, { configurationSetName: 'centinela-events' }).send(mail);

    expect(sent).toEqual({ id: '0100019-alert-1' });
    expect(ses.commands).toHaveLength(1);
    const input = ses.commands[0]!.input;
    expect(Object.keys(input).sort()).toEqual(['ConfigurationSetName', 'Content', 'Destination', 'FromEmailAddress']);
    expect(input.FromEmailAddress).toBe('Centinela <alerts@centinela.example>');
    expect(input.Destination).toEqual({ ToAddresses: ['ana@example.pe'] });
    expect(input.ConfigurationSetName).toBe('centinela-events');
    expect(Object.keys(input.Content!)).toEqual(['Raw']);

    const raw = Buffer.from(input.Content!.Raw!.Data!);
    expect(hasControlCharacters(raw.toString('utf8'))).toBe(false);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Centinela · Pico: Extorsión — 4 noticias en 24 h');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    const header = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n(?=[ \t])/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /^List-Unsubscribe:\s*<(\S+)>$/.exec(header('list-unsubscribe') ?? '')![1]!;
    expect(verifyUnsubscribeToken(new URL(link).searchParams.get('token')!, KEY, NOW)).toMatchObject({ ok: true, claims: { email: 'ana@example.pe' } });
    expect(parsed.html).toBe(mail.html);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.text).toContain('Media de los 28 días anteriores 0,3 (desviación 0,4); umbral 1,5 = media + 3 × desviación. Serie diaria, hoy al final: 0 1 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 1 0 0 0 1 0 0 1 0 4.');
    expect(parsed.html).toContain('<li style="margin:0 0 6px 0">“Los Pulpos” &lt;b&gt;atacan&lt;/b&gt; bus — El Vigía (2 medios)</li>');
    expect(parsed.html).toContain('<a href="https://diario.example.pe/comas" style="color:#0b3d91">Queman mototaxi en Comas — Diario del Sur</a>');
    expect(parsed.html).not.toContain('javascript:');
  });
});
