import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { MailError } from '../../lambdas/mail/errors.ts';
import { createSesMailer } from '../../lambdas/mail/ses-mailer.ts';
import { sampleDigest } from '../digest/sample-digest.ts';

const NOW = new Date('2026-11-21T12:00:00.000Z');

/** Stands in for SESv2Client: records each command and answers like SES does. */
function fakeSes() {
  const commands: SendEmailCommand[] = [];
  return {
    commands,
    client: {
      send: async (command: SendEmailCommand) => {
        commands.push(command);
        return { MessageId: `0100019-fake-${commands.length}`, $metadata: {} };
      },
    },
  };
}

describe('createSesMailer', () => {
  it('sends the digest as one raw MIME SendEmail request with one-click unsubscribe headers, both parts and safe links', async () => {
    const ses = fakeSes();
    const mailer = createSesMailer(ses.client as never, { configurationSetName: 'centinela-events' });
    const mail = await composeDigestMail({
      digest: sampleDigest({ hostile: true }),
      to: 'ana@example.pe',
      from: 'Centinela <digest@centinela.example>',
      now: NOW,
      unsubscribe: { baseUrl: 'https://abc.lambda-url.us-east-1.on.aws/', signingKey: 'ses-test-key-0123456789' },
    });

    const sent = await mailer.send(mail);

    expect(sent).toEqual({ id: '0100019-fake-1' });
    expect(ses.commands).toHaveLength(1);
    const input = ses.commands[0]!.input;
    expect(Object.keys(input).sort()).toEqual(['ConfigurationSetName', 'Content', 'Destination', 'FromEmailAddress']);
    expect(input.FromEmailAddress).toBe('Centinela <digest@centinela.example>');
    expect(input.Destination).toEqual({ ToAddresses: ['ana@example.pe'] });
    expect(input.ConfigurationSetName).toBe('centinela-events');
    expect(Object.keys(input.Content!)).toEqual(['Raw']);

    const parsed = await simpleParser(Buffer.from(input.Content!.Raw!.Data!));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value).toEqual([{ name: 'Centinela', address: 'digest@centinela.example' }]);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ana@example.pe');
    // Long header lines are folded on the wire; unfold them as RFC 5322 says.
    const header = (name: string) => parsed.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n(?=[ \t])/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribe = { url: /^List-Unsubscribe:\s*<(\S+)>$/.exec(header('list-unsubscribe') ?? '')![1]! };
    expect(unsubscribe.url).toMatch(/^https:\/\/abc\.lambda-url\.us-east-1\.on\.aws\/\?token=[\w-]+\.[\w-]+$/);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });

    expect(parsed.html).toBe(mail.html);
    expect(parsed.text).toBe(mail.text);
    const links = [...(parsed.html as string).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(link).toMatch(/^https:\/\//);
    expect(links).toContain('https://noticias.example.pe/extortion/1?utm=1&amp;ref=rss');
    expect(links).toContain(unsubscribe.url.replace(/&/g, '&amp;'));
    expect(parsed.text).toContain('https://noticias.example.pe/extortion/1?utm=1&ref=rss');
  });

  it('fails loudly when SES answers without a message id', async () => {
    const mailer = createSesMailer({ send: async () => ({ $metadata: {} }) } as never);
    const failure = mailer.send({ from: 'a@example.pe', to: 'b@example.pe', subject: 's', html: '<p>h</p>', text: 't' });
    await expect(failure).rejects.toBeInstanceOf(MailError);
    await expect(failure).rejects.toMatchObject({ kind: 'no-message-id', message: 'mail: SES returned no MessageId for the digest to b@example.pe' });
  });
});
