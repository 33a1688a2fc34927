import { describe, expect, it } from 'vitest';
import { composeMime } from '../../lambdas/mail/compose-mime.ts';
import { MailError } from '../../lambdas/mail/errors.ts';
import { smtpUrlProblem, unsubscribeUrlProblem } from '../../lambdas/mail/mail-settings.ts';
import { senderProblem } from '../../lambdas/mail/sender-address.ts';
import { unsubscribeLink } from '../../lambdas/digest/digest-mail.ts';

describe('senderProblem (the From address)', () => {
  it('accepts one mailbox, with or without a display name', () => {
    for (const from of ['alertas@example.org', 'Centinela <alertas@example.org>', '"Centinela, Lima" <alertas@example.org>', '<alertas@example.org>']) {
      expect(senderProblem(from), from).toBeUndefined();
    }
  });

  it('refuses a line break that would add a Bcc header, and says what a good value looks like', () => {
    expect(senderProblem('x@y.org\r\nBcc: evil@x.org')).toBe(
      '"x@y.org\\r\\nBcc: evil@x.org" contains a line break or another control character, which would add headers to every message; ' +
        'write one address, optionally with a name, e.g. "Centinela <alertas@example.org>".',
    );
    expect(senderProblem('Centinela <a@example.org>\n')).toContain('contains a line break');
  });

  it('refuses several addresses, a group, and text with no valid address', () => {
    expect(senderProblem('a@example.org, b@example.org')).toMatch(/^"a@example.org, b@example.org" is 2 addresses; write one address/);
    expect(senderProblem('Equipo: a@example.org;')).toMatch(/is a group of addresses, not one sender/);
    expect(senderProblem('not an address')).toMatch(/^"not an address" has no valid e-mail address; /);
    expect(senderProblem('Centinela <alertas@>')).toMatch(/has no valid e-mail address/);
    expect(senderProblem('')).toMatch(/^"" is empty; /);
  });
});

describe('smtpUrlProblem (SMTP_URL)', () => {
  it('accepts smtp:// and smtps:// URLs with a host', () => {
    for (const url of ['smtp://smtp.example.org', 'smtp://user:pass@smtp.example.org:587', 'smtps://user:p%40ss@smtp.example.org:465', 'smtp://127.0.0.1:2525']) {
      expect(smtpUrlProblem(url), url).toBeUndefined();
    }
  });

  it('says what is wrong and what a good URL looks like, never repeating the value (it may hold a password)', () => {
    const hint = 'write it like smtp://user:pass@smtp.example.org:587 (smtps:// for TLS from the first byte, usually port 465).';
    expect(smtpUrlProblem('not-a-url')).toBe(`is not a URL; ${hint}`);
    expect(smtpUrlProblem('https://user:secret@mail.example.org')).toBe(`starts with "https://", not smtp:// or smtps://; ${hint}`);
    expect(smtpUrlProblem('smtp://user:secret@')).toBe(`is not a URL; ${hint}`);
    expect(smtpUrlProblem('smtp:///path')).toBe(`names no server host; ${hint}`);
    expect(smtpUrlProblem('smtp://user:secret@mail.example.org:99999')).not.toContain('secret');
  });
});

describe('unsubscribeUrlProblem (--unsubscribe-url, CENTINELA_UNSUBSCRIBE_URL)', () => {
  it('accepts absolute http and https URLs', () => {
    expect(unsubscribeUrlProblem('https://example.org/unsubscribe')).toBeUndefined();
    expect(unsubscribeUrlProblem('http://127.0.0.1:8787/unsubscribe')).toBeUndefined();
  });

  it('refuses javascript:, mailto: and text that is not a URL, naming the scheme', () => {
    expect(unsubscribeUrlProblem('javascript:alert(1)')).toBe(
      '"javascript:alert(1)" is a javascript: URL; only http:// and https:// links can be opened from a message; write the full address of the endpoint, e.g. https://example.org/unsubscribe.',
    );
    expect(unsubscribeUrlProblem('mailto:unsubscribe@example.org')).toMatch(/is a mailto: URL; only http/);
    expect(unsubscribeUrlProblem('notaurl')).toBe('"notaurl" is not a URL; write the full address of the endpoint, e.g. https://example.org/unsubscribe.');
    expect(unsubscribeUrlProblem('/unsubscribe')).toMatch(/is not a URL/);
  });
});

describe('the guards where messages are built (for callers that skipped the checks)', () => {
  it('composeMime refuses a From address with a line break instead of writing a Bcc header', async () => {
    const mail = { from: 'x@y.org\r\nBcc: evil@x.org', to: 'ana@example.pe', subject: 's', html: '<p>h</p>', text: 't' };
    const error = await composeMime(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).kind).toBe('bad-setting');
    expect((error as MailError).message).toMatch(/^mail: the From address "x@y.org\\r\\nBcc: evil@x.org" contains a line break/);
  });

  it('unsubscribeLink refuses a javascript: endpoint instead of putting it in List-Unsubscribe', () => {
    expect(() => unsubscribeLink('ana@example.pe', { baseUrl: 'javascript:alert(1)', signingKey: 'a-test-signing-key-0123' }, new Date())).toThrow(
      /^mail: the unsubscribe endpoint "javascript:alert\(1\)" is a javascript: URL/,
    );
    expect(unsubscribeLink('ana@example.pe', { baseUrl: 'https://example.org/u', signingKey: 'a-test-signing-key-0123' }, new Date())).toMatch(/^https:\/\/example\.org\/u\?token=/);
  });
});
