import { describe, expect, it } from 'vitest';
import { SubscriberError, SubscriberValidationError } from '../../lambdas/subscribers/errors.ts';
import { validateEmail, validatePreferences } from '../../lambdas/subscribers/validate-subscriber.ts';

const catalog = { themes: ['extortion', 'illegal_mining', 'prisons'], regions: ['lima', 'puno'] };

describe('validateEmail', () => {
  it('accepts an address and lower-cases it', () => {
    expect(validateEmail('  Ana.Quispe@Example.PE ')).toBe('ana.quispe@example.pe');
  });

  it('refuses a bad address and quotes it', () => {
    expect(() => validateEmail('ana@')).toThrow('"ana@" is not a valid email address');
    expect(() => validateEmail('ana quispe@example.pe')).toThrow(/not a valid email/);
    const error = (() => {
      try {
        validateEmail('ana@');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SubscriberValidationError);
    expect(error).toBeInstanceOf(SubscriberError);
    expect(error).toMatchObject({ kind: 'invalid-settings', message: 'subscribers: "ana@" is not a valid email address.' });
  });
});

describe('validateEmail and the domain of a new subscription', () => {
  it.each(['a@b', 'ana@localhost', 'Ana@Intranet'])('refuses "%s": a domain with no dot names no internet mail domain', (email) => {
    const domain = email.slice(email.indexOf('@') + 1).toLowerCase();
    const refusal = () => validateEmail(email);
    expect(refusal).toThrow(SubscriberValidationError);
    expect(refusal).toThrow(`subscribers: "${email}" is not a valid email address: its domain "${domain}" has no dot, so no internet mail can reach it.`);
    try {
      refusal();
    } catch (error) {
      expect((error as SubscriberValidationError).problems).toEqual([
        { field: 'email', message: `"${email}" is not a valid email address: its domain "${domain}" has no dot, so no internet mail can reach it.` },
      ]);
    }
  });

  it('accepts a domain with a dot, subdomains included', () => {
    expect(validateEmail('a@b.pe')).toBe('a@b.pe');
    expect(validateEmail('ana@mail.example.org.pe')).toBe('ana@mail.example.org.pe');
  });

  it('accepts a dotless domain when only looking up a stored address (remove, update), so an old one can still be removed', () => {
    expect(validateEmail(' A@B ', { lookup: true })).toBe('a@b');
    expect(() => validateEmail('ana@', { lookup: true })).toThrow('"ana@" is not a valid email address.');
  });
});

describe('validatePreferences', () => {
  it('refuses an unknown theme with the list of valid ones', () => {
    expect(() => validatePreferences({ themes: ['extortion', 'mining'] }, catalog)).toThrow(
      'subscribers: unknown theme "mining". Valid themes: extortion, illegal_mining, prisons.',
    );
  });

  it('refuses an unknown region with the list of valid ones', () => {
    expect(() => validatePreferences({ regions: ['cusco'] }, catalog)).toThrow('Valid regions: lima, puno.');
  });

  it('reads what a user types on the command line', () => {
    expect(
      validatePreferences({ themes: ['all'], cadence: 'weekly', hour: '18', weekday: 'Friday', lang: 'en', minScore: '2.5', sendEmpty: true }, catalog),
    ).toEqual({ themes: 'all', cadence: 'weekly', hour: 18, weekday: 5, lang: 'en', minScore: 2.5, sendEmpty: true });
  });

  it('says which setting is wrong and what it accepts', () => {
    expect(() => validatePreferences({ hour: '24' }, catalog)).toThrow('hour must be a whole number from 0 to 23, not "24"');
    expect(() => validatePreferences({ cadence: 'monthly' }, catalog)).toThrow('cadence must be one of daily, weekly, not "monthly"');
    expect(() => validatePreferences({ lang: 'qu' }, catalog)).toThrow('lang must be one of es, en');
    expect(() => validatePreferences({ weekday: 'someday' }, catalog)).toThrow('weekday must be one of mon, tue, wed, thu, fri, sat, sun');
    expect(() => validatePreferences({ minScore: '-1' }, catalog)).toThrow('minScore must be a number ≥ 0');
  });

  it('reports every bad setting, not only the first, each with its field', () => {
    let caught: unknown;
    try {
      validatePreferences({ themes: ['mining'], hour: '25', lang: 'qu', cadence: 'daily' }, catalog);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SubscriberValidationError);
    const error = caught as SubscriberValidationError;
    expect(error.problems.map((p) => p.field)).toEqual(['themes', 'hour', 'lang']);
    expect(error.message).toBe(
      'subscribers: unknown theme "mining". Valid themes: extortion, illegal_mining, prisons. ' +
        'hour must be a whole number from 0 to 23, not "25". lang must be one of es, en, not "qu".',
    );
  });

  it('reads regions "all" as every region, like themes "all"', () => {
    expect(validatePreferences({ regions: ['all'], themes: ['all'] }, catalog)).toEqual({ regions: [], themes: 'all' });
  });
});
