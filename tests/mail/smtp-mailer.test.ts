import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { createSmtpMailer } from '../../lambdas/mail/smtp-mailer.ts';
import { sampleDigest } from '../digest/sample-digest.ts';

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

describe('createSmtpMailer', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(address.address.endsWith('@refused.example') ? new Error('550 no such mailbox') : undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const mailTo = (to: string) =>
    composeDigestMail({
      digest: sampleDigest({ lang: 'en' }),
      to,
      from: 'Centinela <digest@centinela.test>',
      now: new Date('2026-11-21T12:00:00.000Z'),
      unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe', signingKey: 'smtp-test-key-0123456789' },
    });

  it('delivers the same MIME message to an SMTP server, envelope from the bare sender address', async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    const mail = await mailTo('ana@example.pe');
    await mailer.send(mail);
    mailer.close();

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'digest@centinela.test', to: ['ana@example.pe'] });
    const parsed = await simpleParser(received[0]!.raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.subject).toMatch(/^Centinela · 20 Nov 2026: \d+ stories — /);
    expect(parsed.html).toBe(mail.html);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.headerLines.map((h) => h.key)).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));
  });

  it('reports a recipient the server refuses as a failure', async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`);
    await expect(mailer.send(await mailTo('nobody@refused.example'))).rejects.toThrow(/no such mailbox|rejected/);
    mailer.close();
  });
});
