/**
 * Bad mail settings, as a user meets them: each is refused before any
 * database starts (so the spawned command needs no Java), exit 2, with the
 * setting named and what a good value looks like.
 */
import { describe, expect, it } from 'vitest';
import { centinela } from './run-cli.ts';

const CLEAN = { CENTINELA_FROM: undefined, CENTINELA_UNSUBSCRIBE_URL: undefined, SMTP_URL: undefined };

describe('digest mail settings, spawned', { timeout: 120_000 }, () => {
  it('SMTP_URL=not-a-url digest --send names SMTP_URL and the form it takes, exit 2', async () => {
    const result = await centinela(['digest', '--send'], { ...CLEAN, SMTP_URL: 'not-a-url' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'centinela: SMTP_URL: the value is not a URL; write it like smtp://user:pass@smtp.example.org:587 (smtps:// for TLS from the first byte, usually port 465). ' +
        'Or unset SMTP_URL to write messages to the outbox folder instead. Nothing was sent.\n',
    );
  });

  it('--unsubscribe-url notaurl names the option, exit 2', async () => {
    const result = await centinela(['digest', '--unsubscribe-url', 'notaurl'], CLEAN);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`option '--unsubscribe-url <url>' argument 'notaurl' is invalid. "notaurl" is not a URL; write the full address of the endpoint, e.g. https://example.org/unsubscribe.`);
  });

  it('CENTINELA_UNSUBSCRIBE_URL=javascript:… is refused, exit 2', async () => {
    const result = await centinela(['digest'], { ...CLEAN, CENTINELA_UNSUBSCRIBE_URL: 'javascript:alert(1)' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^centinela: CENTINELA_UNSUBSCRIBE_URL: "javascript:alert\(1\)" is a javascript: URL; only http:\/\/ and https:\/\/ links can be opened/);
  });

  it('a CENTINELA_FROM with a line break (a smuggled Bcc) is refused, exit 2', async () => {
    const result = await centinela(['digest', '--send'], { ...CLEAN, CENTINELA_FROM: 'x@y.org\r\nBcc: evil@x.org' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^centinela: CENTINELA_FROM: "x@y\.org\\r\\nBcc: evil@x\.org" contains a line break/);
    expect(result.stdout).toBe('');
  });

  it('serve refuses a javascript: CENTINELA_UNSUBSCRIBE_URL before starting anything, exit 2', async () => {
    const result = await centinela(['serve', '--port', '0'], { ...CLEAN, CENTINELA_UNSUBSCRIBE_URL: 'javascript:alert(1)' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^centinela: CENTINELA_UNSUBSCRIBE_URL: "javascript:alert\(1\)" is a javascript: URL/);
    expect(result.stdout).toBe('');
  });

  it('alerts refuses a CENTINELA_FROM with a line break before opening the store, exit 2', async () => {
    const result = await centinela(['alerts', '--send'], { ...CLEAN, CENTINELA_FROM: 'x@y.org\r\nBcc: evil@x.org' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^centinela: CENTINELA_FROM: "x@y\.org\\r\\nBcc: evil@x\.org" contains a line break/);
    expect(result.stdout).toBe('');
  });
});
