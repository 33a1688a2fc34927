import { describe, expect, it } from 'vitest';
import { httpUrl, isHttpUrl } from '../../lambdas/model/http-url.ts';

describe('httpUrl', () => {
  it.each([
    ['https://larepublica.pe/policiales', undefined, 'https://larepublica.pe/policiales'],
    ['HTTP://Example.PE', undefined, 'http://example.pe/'],
    ['/sociedad/nota-1', 'https://rpp.pe/feed', 'https://rpp.pe/sociedad/nota-1'],
    ['nota-2', 'https://rpp.pe/feed/', 'https://rpp.pe/feed/nota-2'],
    ['//cdn.example.pe/a', 'https://rpp.pe/', 'https://cdn.example.pe/a'],
  ])('reads %s (base %s) as %s', (raw, base, expected) => {
    expect(httpUrl(raw, base)?.href).toBe(expected);
  });

  it.each([
    ['/relative/without/base', undefined],
    ['javascript:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['mailto:ana@example.pe', undefined],
    ['file:///etc/passwd', undefined],
    ['ftp://example.pe/feed', undefined],
    ['https://', undefined],
    ['http://exa mple.pe/', undefined],
    ['', undefined],
    ['javascript:alert(1)', 'https://rpp.pe/'],
  ])('refuses %s (base %s) without throwing', (raw, base) => {
    expect(httpUrl(raw, base)).toBeUndefined();
  });
});

describe('isHttpUrl', () => {
  it('is true only for absolute http(s) URLs', () => {
    expect(['https://a.pe', 'http://127.0.0.1:8080/x', 'a.pe', '/x', 'ftp://a.pe', 'https:a.pe'].map(isHttpUrl)).toEqual([true, true, false, false, false, true]);
  });
});
