import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import { toSubscriber } from '../../lambdas/subscribers/subscriber-items.ts';
import { validatePreferences } from '../../lambdas/subscribers/validate-subscriber.ts';

const catalog = { themes: ['extortion'], regions: ['lima'] };

describe('a subscriber\'s countries', () => {
  it('default to Peru only', () => {
    expect(DEFAULT_PREFERENCES.countries).toEqual(['PE']);
  });

  it('are read as typed: comma-separated, any case, duplicates dropped, order kept', () => {
    expect(validatePreferences({ countries: ['pe, EC,co', 'ec'] }, catalog)).toEqual({ countries: ['PE', 'EC', 'CO'] });
  });

  it('refuse unknown codes, naming them and the fix', () => {
    expect(() => validatePreferences({ countries: ['PE,Ecuador,XX'] }, catalog)).toThrow(
      'subscribers: unknown country codes "Ecuador", "XX" in countries; use ISO 3166-1 alpha-2 codes such as PE (Peru), EC (Ecuador), CO (Colombia), BO (Bolivia), CL (Chile), BR (Brazil).',
    );
  });

  it('refuse an empty list', () => {
    expect(() => validatePreferences({ countries: [''] }, catalog)).toThrow(/choose at least one country \(PE for Peru\)/);
  });

  it('are read back from a stored profile, and a profile stored before the option existed reads as Peru only', () => {
    const stored = { pk: 'SUBSCRIBER', sk: 'ana@example.pe', type: 'subscriber', ...DEFAULT_PREFERENCES, email: 'ana@example.pe', status: 'active' };
    expect(toSubscriber({ ...stored, countries: ['PE', 'BO'] }).countries).toEqual(['PE', 'BO']);
    const { countries: _none, ...old } = stored;
    expect(toSubscriber(old).countries).toEqual(['PE']);
  });
});
