/**
 * What counts as an e-mail address everywhere Centinela takes one (a
 * subscriber, the From of a message): the WHATWG HTML "valid e-mail address"
 * (what <input type="email"> accepts), at most 254 characters (RFC 5321
 * §4.5.3.1.3).
 */

/**
 * zod's `regexes.html5Email`, written out: importing zod's regexes namespace
 * puts all of them in the mail functions' bundles (+5 KB);
 * tests/model/email-address.test.ts holds the two equal.
 */
export const HTML5_EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** True when `address` (already trimmed) is a valid e-mail address as above. */
export function isEmailAddress(address: string): boolean {
  return address.length <= 254 && HTML5_EMAIL.test(address);
}
