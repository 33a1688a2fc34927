import { describe, expect, it } from 'vitest';
import { placeholderWarning } from '../../bin/cli/digest.ts';

const LOCAL = 'http://127.0.0.1:8787/unsubscribe';
const PUBLIC = 'https://example.org/unsubscribe';

describe('placeholderWarning (digest --send)', () => {
  it('warns before SMTP or SES mail from the placeholder sender or with loopback unsubscribe links', () => {
    expect(placeholderWarning({}, 'Centinela <digest@centinela.invalid>', LOCAL, { SMTP_URL: 'smtp://mail.example.org' })).toBe(
      'centinela: warning: sending real mail through SMTP with preview settings:\n' +
        '  - the sender is the placeholder Centinela <digest@centinela.invalid>; set CENTINELA_FROM="Name <you@your-domain>"\n' +
        `  - unsubscribe links point at ${LOCAL}, which only this machine can open; set CENTINELA_UNSUBSCRIBE_URL (or --unsubscribe-url) to a public endpoint\n`,
    );
    expect(placeholderWarning({ aws: true }, 'Centinela <alertas@example.org>', 'http://localhost:9000/u', {})).toContain('through SES');
  });

  it('says nothing when the mail only goes to the outbox, or the settings are real', () => {
    expect(placeholderWarning({}, 'Centinela <digest@centinela.invalid>', LOCAL, {})).toBeUndefined();
    expect(placeholderWarning({}, 'Centinela <alertas@example.org>', PUBLIC, { SMTP_URL: 'smtp://mail.example.org' })).toBeUndefined();
  });
});
