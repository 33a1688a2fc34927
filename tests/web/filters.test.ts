import { describe, expect, it } from 'vitest';
import { isCountryCode } from '../../lambdas/model/country-codes.ts';
import { FilterError, isAssignedCountryCode, parseTimelineFilter, type FilterCatalog } from '../../lambdas/web/filters.ts';

const catalog: FilterCatalog = { themes: [], regions: [], feeds: [] };

const everyTwoLetterCode = Array.from({ length: 26 * 26 }, (_, n) =>
  String.fromCharCode(65 + Math.floor(n / 26), 65 + (n % 26)),
);

describe('the web filter country check', () => {
  it('accepts exactly the codes the CLI accepts, over every pair of letters AA–ZZ', () => {
    const disagreements = everyTwoLetterCode.filter((code) => isAssignedCountryCode(code) !== isCountryCode(code));
    expect(disagreements).toEqual([]);
  });

  it.each(['zz', 'EU', 'su', 'XA', 'PER', 'P1'])('refuses %s with the valid forms named', (country) => {
    expect(() => parseTimelineFilter({ country }, catalog)).toThrow(FilterError);
    expect(() => parseTimelineFilter({ country }, catalog)).toThrow(/unknown country ".*"\. Valid countries: ISO 3166-1 alpha-2 codes such as PE \(Peru\)/);
  });

  it('reads a valid code in any case and keeps it upper case', () => {
    expect(parseTimelineFilter({ country: 'ec' }, catalog).country).toBe('EC');
  });
});

describe('parseTimelineFilter with repeated parameters', () => {
  it('refuses a filter given twice instead of reading the first and ignoring the second', () => {
    expect(() => parseTimelineFilter({ country: ['PE', 'ZZ'] }, catalog)).toThrow('"country" is given 2 times; give it once.');
  });

  it('reads a filter given once as a list of one', () => {
    expect(parseTimelineFilter({ country: ['ec'] }, catalog).country).toBe('EC');
  });
});
