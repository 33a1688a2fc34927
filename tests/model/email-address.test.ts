import { regexes } from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { HTML5_EMAIL, isEmailAddress } from '../../lambdas/model/email-address.ts';

describe('isEmailAddress', () => {
  it("uses zod's html5Email pattern, character for character", () => {
    expect(HTML5_EMAIL.source).toBe(regexes.html5Email.source);
    expect(HTML5_EMAIL.flags).toBe(regexes.html5Email.flags);
  });

  it('takes an address of the WHATWG HTML form up to 254 characters, and nothing else', () => {
    expect(isEmailAddress('ana.perez+digest@example.pe')).toBe(true);
    expect(isEmailAddress('a@b')).toBe(true); // valid syntax; the subscriber check adds the dot rule
    expect(isEmailAddress(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.pe`)).toBe(true); // 254 characters
    expect(isEmailAddress(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.pe`)).toBe(false); // 255
    for (const bad of ['', 'ana', 'ana@', '@example.pe', 'ana perez@example.pe', 'ana@-example.pe', 'Ana <ana@example.pe>', 'ana@example.pe\r\nBcc: x@y.pe']) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });
});
