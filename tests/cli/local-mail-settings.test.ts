import { describe, expect, it } from 'vitest';
import { DEFAULT_FROM, localMailSettings } from '../../bin/cli/digest.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

const GOOD = { CENTINELA_FROM: 'Centinela <alertas@example.org>', CENTINELA_UNSUBSCRIBE_URL: 'https://example.org/unsubscribe', SMTP_URL: 'smtp://u:secret@smtp.example.org:587' };

async function refusal(run: () => Promise<unknown>): Promise<UsageError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('localMailSettings (digest, serve)', () => {
  it('takes the environment, with --unsubscribe-url winning, and defaults to the placeholder sender and the local server', async () => {
    expect(await localMailSettings({ smtp: true }, GOOD)).toEqual({ from: GOOD.CENTINELA_FROM, unsubscribeBaseUrl: GOOD.CENTINELA_UNSUBSCRIBE_URL });
    expect((await localMailSettings({ unsubscribeUrl: 'https://other.example.org/u' }, GOOD)).unsubscribeBaseUrl).toBe('https://other.example.org/u');
    expect(await localMailSettings({}, {})).toEqual({ from: DEFAULT_FROM, unsubscribeBaseUrl: 'http://127.0.0.1:8787/unsubscribe' });
  });

  it('refuses a From address that would add a Bcc header, naming CENTINELA_FROM', async () => {
    const error = await refusal(() => localMailSettings({}, { ...GOOD, CENTINELA_FROM: 'x@y.org\r\nBcc: evil@x.org' }));
    expect(error.message).toBe(
      'CENTINELA_FROM: "x@y.org\\r\\nBcc: evil@x.org" contains a line break or another control character, which would add headers to every message; ' +
        'write one address, optionally with a name, e.g. "Centinela <alertas@example.org>". Nothing was sent.',
    );
  });

  it('refuses a javascript: unsubscribe endpoint, naming where it came from', async () => {
    expect((await refusal(() => localMailSettings({}, { ...GOOD, CENTINELA_UNSUBSCRIBE_URL: 'javascript:alert(1)' }))).message).toMatch(
      /^CENTINELA_UNSUBSCRIBE_URL: "javascript:alert\(1\)" is a javascript: URL; only http:\/\/ and https:\/\/ links/,
    );
  });

  it('checks SMTP_URL only when it will be used, and never prints it', async () => {
    const env = { ...GOOD, SMTP_URL: 'http://u:secret@mail.example.org' };
    expect((await localMailSettings({ smtp: false }, env)).from).toBe(GOOD.CENTINELA_FROM);
    const error = await refusal(() => localMailSettings({ smtp: true }, env));
    expect(error.message).toBe(
      'SMTP_URL: the value starts with "http://", not smtp:// or smtps://; write it like smtp://user:pass@smtp.example.org:587 ' +
        '(smtps:// for TLS from the first byte, usually port 465). Or unset SMTP_URL to write messages to the outbox folder instead. Nothing was sent.',
    );
    expect(error.message).not.toContain('secret');
  });

  it('lists every bad setting at once', async () => {
    const error = await refusal(() => localMailSettings({ smtp: true }, { CENTINELA_FROM: 'a@b.org, c@d.org', CENTINELA_UNSUBSCRIBE_URL: 'notaurl', SMTP_URL: 'not-a-url' }));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('3 mail settings are not valid:');
    expect(lines.slice(1, 4).map((line) => line.split(':')[0])).toEqual(['  CENTINELA_FROM', '  CENTINELA_UNSUBSCRIBE_URL', '  SMTP_URL']);
    expect(lines[4]).toBe('Fix them and run the command again; nothing was sent.');
  });
});
