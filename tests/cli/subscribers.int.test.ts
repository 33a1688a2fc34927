/**
 * `subscribers` and `digest --send` spawned as a user runs them, on a local
 * data folder (each spawn starts DynamoDB Local, so few on purpose), with an
 * in-process SMTP server standing in for a real one.
 */
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalContext } from '../../bin/local/local-context.ts';
import { centinela } from './run-cli.ts';

describe('centinela subscribers and digest --send, spawned', { timeout: 240_000 }, () => {
  const received: { from: string; to: string[] }[] = [];
  let smtp: SMTPServer;
  let smtpUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-cli-'));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('accepts --regions all like --themes all, resubscribes with a plain message, and warns before real mail from preview settings', async () => {
    const added = await centinela(['subscribers', 'add', 'ana@example.org', '--themes', 'all', '--regions', 'all', '--send-empty', '--data-dir', dataDir]);
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0, stdout: 'Subscribed ana@example.org: daily 07:00 Lima, es, all themes, empty digests too\n' });

    const local = await openLocalContext({ dataDir });
    try {
      expect(await local.subscribers.setStatus('ana@example.org', 'unsubscribed', 'one-click unsubscribe', new Date())).toBe(true);
    } finally {
      await local.close();
    }
    const resubscribed = await centinela(['subscribers', 'update', 'ana@example.org', '--resubscribe', '--data-dir', dataDir]);
    expect(resubscribed.code).toBe(0);
    expect(resubscribed.stdout).toContain(
      'ana@example.org is active again (it was unsubscribed: one-click unsubscribe); it receives digests from its next period.',
    );

    const sent = await centinela(['digest', '--send', '--subscriber', 'ana@example.org', '--since', '2026-11-20', '--data-dir', dataDir], {
      SMTP_URL: smtpUrl,
      CENTINELA_FROM: undefined,
      CENTINELA_UNSUBSCRIBE_URL: undefined,
    });
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain('centinela: warning: sending real mail through SMTP with preview settings:');
    expect(sent.stderr).toContain('the sender is the placeholder Centinela <digest@centinela.invalid>; set CENTINELA_FROM=');
    expect(sent.stderr).toContain('unsubscribe links point at http://127.0.0.1:8787/unsubscribe, which only this machine can open');
    expect(received).toEqual([{ from: 'digest@centinela.invalid', to: ['ana@example.org'] }]);
  });
});
