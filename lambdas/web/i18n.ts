/**
 * The web app's two languages. The reader's choice comes from, in order: the
 * `lang` cookie the language link sets, then the browser's Accept-Language
 * (RFC 9110 §12.5.4: the first listed language we have wins; q-values are
 * honoured), then Spanish, the language of most sources.
 */
export type Lang = 'es' | 'en';
export const LANGS: Lang[] = ['es', 'en'];
export const LANG_COOKIE = 'lang';

export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'es' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((entry): entry is typeof entry & { lang: Lang } => entry.lang === 'es' || entry.lang === 'en')?.lang ?? 'es';
}

const es = {
  title: 'Centinela',
  tagline: 'Noticias de crimen y seguridad en el Perú',
  timeline: 'Noticias',
  feedHealth: 'Estado de las fuentes',
  themes: 'Temas',
  regions: 'Regiones',
  country: 'País',
  outlet: 'Medio',
  period: 'Periodo',
  text: 'Texto',
  any: 'todos',
  filter: 'Filtrar',
  newestFirst: 'más recientes primero',
  noArticles: 'Ningún artículo coincide con estos filtros en este periodo.',
  previous: '← Anteriores',
  next: 'Siguientes →',
  page: 'Página',
  subscribe: 'Suscribirse',
  published: 'Publicado',
  firstSeen: 'Visto por primera vez',
  dateFromFeed: 'fecha del feed',
  noFeedDate: 'sin fecha válida en el feed: primera vez visto',
  limaTime: 'hora de Lima',
  url: 'URL',
  language: 'Idioma',
  feed: 'Feed',
  sources: 'Fuentes',
  countries: 'Países',
  summary: 'Resumen',
  whyTagged: 'Por qué se etiquetó',
  notTagged: 'No se etiquetó con ningún tema: ninguna regla alcanzó su umbral.',
  score: 'puntaje',
  term: 'término',
  field: 'campo',
  hits: 'veces',
  seed: 'semilla',
  snippet: 'fragmento',
  none: '—',
  weeklySeries: 'Artículos por semana (12 semanas)',
  weekOf: 'semana del',
  topStories: 'Principales noticias del periodo',
  allArticles: 'Ver todos en la línea de tiempo',
  health: 'estado',
  lastSuccess: 'último éxito',
  http: 'HTTP',
  fails: 'fallos',
  items: 'ítems',
  new: 'nuevos',
  nextAttempt: 'próximo intento / último error',
  notInList: '(fuera de la lista)',
  healthWords: { 'never polled': 'nunca consultado', healthy: 'sano', failing: 'fallando', backoff: 'en espera' } as Record<string, string>,
  searchStopped: 'La búsqueda de texto se detuvo a los {s} s: se muestran los resultados hallados hasta entonces. Acote el periodo o añada un tema.',
  signIn: 'Ingresar',
  accessKey: 'Clave de acceso',
  signInHelp: 'Esta instancia de Centinela es privada. Escriba la clave de acceso (AWS Secrets Manager, ver docs/deploy.md).',
  periods: { '1d': 'últimas 24 horas', '7d': 'últimos 7 días', '30d': 'últimos 30 días', '90d': 'últimos 90 días', '365d': 'último año' } as Record<string, string>,
  badRequest: 'Solicitud no válida',
  notFound: 'No encontrado',
};

const en: typeof es = {
  title: 'Centinela',
  tagline: 'Crime and security news in Peru',
  timeline: 'News',
  feedHealth: 'Feed health',
  themes: 'Themes',
  regions: 'Regions',
  country: 'Country',
  outlet: 'Outlet',
  period: 'Period',
  text: 'Text',
  any: 'any',
  filter: 'Filter',
  newestFirst: 'newest first',
  noArticles: 'No article matches these filters in this period.',
  previous: '← Newer',
  next: 'Older →',
  page: 'Page',
  subscribe: 'Subscribe',
  published: 'Published',
  firstSeen: 'First seen',
  dateFromFeed: 'date from the feed',
  noFeedDate: 'no usable feed date: first seen',
  limaTime: 'Lima time',
  url: 'URL',
  language: 'Language',
  feed: 'Feed',
  sources: 'Sources',
  countries: 'Countries',
  summary: 'Summary',
  whyTagged: 'Why it was tagged',
  notTagged: 'Not tagged with any theme: no rule reached its threshold.',
  score: 'score',
  term: 'term',
  field: 'field',
  hits: 'hits',
  seed: 'seed',
  snippet: 'snippet',
  none: '—',
  weeklySeries: 'Articles per week (12 weeks)',
  weekOf: 'week of',
  topStories: "The period's top stories",
  allArticles: 'See them all in the timeline',
  health: 'health',
  lastSuccess: 'last success',
  http: 'HTTP',
  fails: 'fails',
  items: 'items',
  new: 'new',
  nextAttempt: 'next attempt / last error',
  notInList: '(not in list)',
  healthWords: { 'never polled': 'never polled', healthy: 'healthy', failing: 'failing', backoff: 'backoff' },
  searchStopped: 'The text search stopped after {s} s: these are the results found until then. Narrow the period or add a theme.',
  signIn: 'Sign in',
  accessKey: 'Access key',
  signInHelp: 'This Centinela is private. Enter the access key (AWS Secrets Manager, see docs/deploy.md).',
  periods: { '1d': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days', '90d': 'last 90 days', '365d': 'last year' },
  badRequest: 'Bad request',
  notFound: 'Not found',
};

export type Messages = typeof es;
export const MESSAGES: Record<Lang, Messages> = { es, en };
