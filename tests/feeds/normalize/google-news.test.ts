import { describe, expect, it } from 'vitest';
import { unwrapGoogleNewsItem } from '../../../lambdas/feeds/normalize/google-news.ts';

const source = (name: string, url?: string) => [url ? { _: name, $: { url } } : name];

describe('unwrapGoogleNewsItem: the title without its " - Outlet" suffix', () => {
  it.each([
    ['the suffix is <source> as written', 'Capturan a extorsionadores en Comas - La República', source('La República', 'https://larepublica.example.pe'), 'Capturan a extorsionadores en Comas'],
    ['the outlet has " - " in its name', 'Cae banda en Ate - Perú - Diario Uno', source('Perú - Diario Uno'), 'Cae banda en Ate'],
    ['the suffix drops the accents of <source>', 'Capturan a extorsionadores en Comas - La Republica', source('La República', 'https://larepublica.example.pe'), 'Capturan a extorsionadores en Comas'],
    ['the suffix differs from <source> in case and spacing', 'Sicarios atacan bus en Ate - Diario  CORREO', source('Diario Correo', 'https://correo.example.pe'), 'Sicarios atacan bus en Ate'],
    ["the suffix is <source url>'s host", 'Policía captura a cabecilla de Los Injertos - larepublica.example.pe', source('La República', 'https://www.larepublica.example.pe/'), 'Policía captura a cabecilla de Los Injertos'],
    ['no <source>: the last " - X" is the outlet', 'Cae banda en Ate - Diario Uno', undefined, 'Cae banda en Ate'],
    ['a title whose " - " is not the outlet keeps it', 'Comas: policía - fiscal captura a extorsionador', source('Exitosa Noticias', 'https://exitosa.example.pe'), 'Comas: policía - fiscal captura a extorsionador'],
  ])('%s', (_, title, elements, bare) => {
    expect(unwrapGoogleNewsItem(title, elements)?.title).toBe(bare);
  });
});
