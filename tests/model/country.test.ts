import { describe, expect, it } from 'vitest';
import { countriesOf, countryName, PERU } from '../../lambdas/model/country.ts';
import { isCountryCode, parseCountryCodes } from '../../lambdas/model/country-codes.ts';

describe('country codes', () => {
  it('knows assigned ISO 3166-1 alpha-2 codes in upper case only', () => {
    expect(PERU).toBe('PE');
    expect(['PE', 'EC', 'CO', 'BO', 'CL', 'BR', 'VE', 'HN', 'SV'].every(isCountryCode)).toBe(true);
    expect(['pe', 'PER', 'XX', 'EU', 'UN', ''].some(isCountryCode)).toBe(false);
  });

  it('reads what a user types: several per value, any case, duplicates dropped, unknown ones kept as typed', () => {
    expect(parseCountryCodes(['pe, EC;co', 'ec bo'])).toEqual({ codes: ['PE', 'EC', 'CO', 'BO'], unknown: [] });
    expect(parseCountryCodes(['Peru,PE', 'XX'])).toEqual({ codes: ['PE'], unknown: ['Peru', 'XX'] });
    expect(parseCountryCodes([' , '])).toEqual({ codes: [], unknown: [] });
  });
});

describe('countryName', () => {
  it('names a country in the reader\'s language', () => {
    expect([countryName('PE', 'es'), countryName('PE', 'en'), countryName('EC', 'es'), countryName('BR', 'es')]).toEqual(['Perú', 'Peru', 'Ecuador', 'Brasil']);
  });

  it('falls back to the code for one it cannot name', () => {
    expect(countryName('XX', 'es')).toBe('XX');
    expect(countryName('not a code', 'en')).toBe('not a code');
  });
});

describe('countriesOf', () => {
  it('reads a stored list, and anything else (an item stored before the attribute) as []', () => {
    expect(countriesOf(['EC', 'PE'])).toEqual(['EC', 'PE']);
    expect(countriesOf(undefined)).toEqual([]);
    expect(countriesOf('PE')).toEqual([]);
    expect(countriesOf(['PE', 7])).toEqual(['PE']);
  });
});
