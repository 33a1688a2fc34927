/**
 * Synthetic news text that compresses like real news (pure, deterministic).
 *
 * Write units are billed per started KB of the *compressed* article record
 * (lambdas/store/article-body.ts), so a benchmark whose text repeats one
 * sentence measures a record that real text never has. These sentences are
 * drawn from templates filled with varied names, places, numbers and
 * invented words, so no two articles repeat the same text and Brotli, as
 * the store packs it (packBody: quality 1, or 5 near a KB boundary; 64 KB
 * window), packs ~1,600 characters to about half, as it does real text: on
 * the team's 242 real articles (shared/tagging-dev, median 1,597 characters)
 * the text alone packs to a median of 800 bytes at quality 5 (0.51; 839
 * bytes, 0.53, at quality 4), and the whole article record to a
 * median of 1,721 bytes at quality 4 (2 WCU; docs/data.md).
 * tests/bench/news-text.test.ts keeps the ratio, through packBody, in 0.45–0.65.
 */

const SUBJECTS = [
  'La Policía Nacional',
  'El Ministerio Público',
  'La fiscalía anticorrupción',
  'Un juzgado de investigación preparatoria',
  'La Defensoría del Pueblo',
  'El alcalde distrital',
  'La Dirección contra la Extorsión',
  'Un grupo de vecinos',
  'La Sunat',
  'El Instituto Nacional Penitenciario',
  'La gobernadora regional',
  'Un equipo de la Dirandro',
];
const VERBS = [
  'intervino a',
  'denunció a',
  'capturó a',
  'investiga a',
  'allanó los inmuebles de',
  'pidió prisión preventiva para',
  'identificó a',
  'liberó a',
  'incautó los bienes de',
  'citó a declarar a',
];
const OBJECTS = [
  'presuntos integrantes de una organización criminal',
  'dos funcionarios de la municipalidad',
  'los cabecillas de la banda',
  'un efectivo policial en actividad',
  'tres ciudadanos extranjeros',
  'los responsables de una red de minería ilegal',
  'un transportista que cobraba cupos',
  'cinco internos del penal',
];
const PLACES = [
  'Trujillo',
  'San Juan de Lurigancho',
  'Pataz',
  'Chiclayo',
  'el Callao',
  'Piura',
  'Juliaca',
  'el Vraem',
  'Puerto Maldonado',
  'Huaral',
  'Comas',
  'Tumbes',
  'Ayacucho',
  'Huancayo',
];
const CLAUSES = [
  'según fuentes de la investigación',
  'de acuerdo con el atestado policial',
  'tras varias semanas de seguimiento',
  'luego de una denuncia anónima',
  'en un operativo realizado la madrugada del',
  'mientras la fiscalía evalúa nuevas diligencias',
  'con apoyo de agentes de inteligencia',
  'por disposición del juez de turno',
];
const DETAILS = [
  'Los detenidos fueron trasladados a la comisaría de',
  'En el lugar se hallaron',
  'El caso fue derivado a la fiscalía provincial de',
  'Los agraviados reportaron pérdidas de',
  'La investigación preliminar durará',
  'Testigos indicaron que los sujetos llegaron en',
];
const SYLLABLES = ['ca', 'lo', 'ra', 'me', 'ti', 'san', 'qui', 'pe', 'dro', 'hu', 'ma', 'yo', 'rez', 'gal', 'ven', 'chu', 'to', 'ña', 'bel', 'cor', 'fi', 'gu', 'lla', 'nor', 'bri', 'es', 'mun', 'de'];

/**
 * About `chars` characters (never fewer) of Spanish-like news paragraphs,
 * different for every call of the same `next`.
 */
export function newsText(next: () => number, chars: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join('');
  const name = () => `${capital(word())} ${capital(word())}`;
  const number = () => String(Math.floor(next() * 100_000) / (next() < 0.5 ? 1 : 100)).replace('.', ',');
  const sentence = () => {
    switch (Math.floor(next() * 4)) {
      case 0:
        return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} en ${pick(PLACES)}, ${pick(CLAUSES)} ${1 + Math.floor(next() * 28)}.`;
      case 1:
        return `${pick(DETAILS)} ${pick(PLACES)} ${number()} ${word()}s, dijo ${name()}, vocero de ${pick(PLACES)}.`;
      case 2:
        return `“${capital(word())} ${word()} ${word()} ${pick(OBJECTS)}”, declaró ${name()} a ${word()} ${word()}.`;
      default:
        return `${capital(word())} ${name()}, de ${20 + Math.floor(next() * 50)} años, ${pick(VERBS).replace(' a', '')} ${number()} soles en ${pick(PLACES)} ${pick(CLAUSES)}.`;
    }
  };
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const paragraph = Array.from({ length: 2 + Math.floor(next() * 3) }, sentence).join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
