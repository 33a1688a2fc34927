/** Subscribers' countries on DynamoDB Local: Peru first, a short "In the region" section, old profiles read as Peru only. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createDigestReader, type DigestProfile } from '../../lambdas/digest/load-digest.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { renderDigestHtml, renderDigestText } from '../../lambdas/digest/render-digest.ts';
import { sendDigests } from '../../lambdas/digest/send-digests.ts';
import type { OutgoingMail } from '../../lambdas/mail/mailer.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { createDynamoDbSentRecordStore } from '../../lambdas/subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { profileKey } from '../../lambdas/subscribers/subscriber-items.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { CATALOG, makeArticle } from './make-article.ts';

const period = periodStarting('daily', '2026-11-20');
const NOW = new Date('2026-11-21T13:00:00.000Z');
const peruOnly: DigestProfile = { themes: 'all', regions: [], lang: 'es', minScore: 0 };

const lima = makeArticle({ title: 'Extorsionadores atacan bus en Ate', publishedAt: '2026-11-20T15:00:00.000Z', themes: { extortion: 8 }, regions: ['lima'], countries: ['PE'] });
const oldUnknown = makeArticle({ title: 'Trasladan internos al penal de Challapalca', publishedAt: '2026-11-20T14:00:00.000Z', themes: { prisons: 5 }, regions: ['puno'], countries: [] });
const border = makeArticle({ title: 'Vacunas a comerciantes de Tumbes y Huaquillas', publishedAt: '2026-11-20T13:00:00.000Z', themes: { extortion: 6 }, regions: ['lima'], countries: ['EC', 'PE'] });
const guayaquil = makeArticle({
  title: 'Masacre en la Penitenciaría del Litoral de Guayaquil',
  publishedAt: '2026-11-20T18:00:00.000Z',
  themes: { prisons: 9, extortion: 4 },
  countries: ['EC'],
  snippet: 'reos asesinados en el pabellón 8',
});
const cali = makeArticle({ title: 'Vacuna a tenderos en Cali', publishedAt: '2026-11-20T10:00:00.000Z', themes: { extortion: 3 }, countries: ['CO'] });
const laPaz = makeArticle({ title: 'Motín en el penal de San Pedro', publishedAt: '2026-11-20T11:00:00.000Z', themes: { prisons: 7 }, countries: ['BO'] });

describe('digests by country, on DynamoDB Local', () => {
  let context: StoreContext;

  beforeAll(async () => {
    context = await createTestStores();
    for (const article of [lima, oldUnknown, border, guayaquil, cali, laPaz]) await context.articles.putArticle(article);
  });
  afterAll(() => context.close());

  const read = (profile: Partial<DigestProfile> = {}) => createDigestReader(context.articles, CATALOG).read({ ...peruOnly, ...profile }, period);
  const sectionTitles = (digest: Awaited<ReturnType<typeof read>>) =>
    Object.fromEntries(digest.sections.map((s) => [s.theme, s.stories.map((story) => story.lead.title)]));

  it('by default (Peru only) keeps Peru\'s stories and those of unknown country, and has no region section', async () => {
    const digest = await read();
    expect(sectionTitles(digest)).toEqual({ extortion: [lima.title, border.title], prisons: [oldUnknown.title] });
    expect(digest.totalStories).toBe(3);
    expect(digest.region).toBeUndefined();
    expect(digest.subject).toMatch(/3 noticias/);
  });

  it('with other countries, keeps the theme sections for Peru and adds those countries\' stories once each, best first', async () => {
    const digest = await read({ countries: ['PE', 'EC', 'CO'] });
    expect(sectionTitles(digest)).toEqual({ extortion: [lima.title, border.title], prisons: [oldUnknown.title] });
    expect(digest.counts.map((c) => [c.theme, c.count])).toEqual([['extortion', 2], ['illegal_mining', 0], ['prisons', 1]]);
    expect(digest.region?.label).toBe('En la región');
    expect(digest.region?.articleCount).toBe(2);
    expect(digest.region?.stories.map((s) => s.lead.title)).toEqual([guayaquil.title, cali.title]);
    expect(digest.region?.stories[0]?.why?.snippet).toBe('reos asesinados en el pabellón 8');
  });

  it('without Peru, has only the region section; the minimum score applies there too', async () => {
    const digest = await read({ countries: ['BO', 'EC'], minScore: 5, lang: 'en' });
    expect(digest.sections).toEqual([]);
    expect(digest.region?.label).toBe('In the region');
    expect(digest.region?.stories.map((s) => s.lead.title)).toEqual([guayaquil.title, laPaz.title]);
  });

  it('reads the same Queries for every country choice: one per theme, then batch reads of the stories shown', async () => {
    const recorder = recordCommands(context.client);
    const reader = createDigestReader(context.articles, CATALOG);
    await reader.read(peruOnly, period);
    await reader.read({ ...peruOnly, countries: ['PE', 'EC'] }, period);
    recorder.stop();
    expect(recorder.operations().filter((o) => o === 'Query')).toHaveLength(CATALOG.themes.length);
    expect(new Set(recorder.operations())).toEqual(new Set(['Query', 'BatchGetItem']));
  });

  it('renders the region section after the themes, with the countries by name, in HTML and text', async () => {
    const digest = await read({ countries: ['PE', 'EC', 'CO'] });
    const text = renderDigestText(digest, { maxStoriesPerTheme: 5 });
    const region = text.slice(text.indexOf('== En la región (2) =='));
    expect(text.indexOf('== En la región (2) ==')).toBeGreaterThan(text.indexOf('== Cárceles (1) =='));
    expect(region).toContain(`- ${guayaquil.title}`);
    expect(region).toMatch(/El Vigía · .* · Ecuador( · Extorsión)?\n/); // other themes follow as in the theme sections
    expect(region).toMatch(/El Vigía · .* · Colombia\n/);
    expect(text).not.toMatch(/Perú/);
    const html = renderDigestHtml(digest, { maxStoriesPerTheme: 5 });
    const section = html.slice(html.indexOf('data-region'));
    expect(section).toMatch(/^data-region>\n<h2[^>]*>En la región \(2\)<\/h2>/);
    expect(section).toContain(guayaquil.title);
    expect(section).toContain(' · Ecuador</span>');
  });

  it('sends a digest that has only region stories instead of skipping it as empty', async () => {
    const subscribersContext = await createTestStores();
    try {
      const delivered: OutgoingMail[] = [];
      const outbox = createOutboxMailer(await mkdtemp(path.join(tmpdir(), 'centinela-country-')), () => `m${delivered.length}`);
      const subscriber = (email: string, countries: string[]): Subscriber => ({
        ...DEFAULT_PREFERENCES, countries, email, status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
      });
      const report = await sendDigests(
        {
          subscribers: createDynamoDbSubscriberStore(subscribersContext.doc, subscribersContext.tableNames.subscribers),
          sentRecords: createDynamoDbSentRecordStore(subscribersContext.doc, subscribersContext.tableNames.subscribers),
          articles: context.articles,
          mailer: { send: (mail) => (delivered.push(mail), outbox.send(mail)) },
          catalog: CATALOG,
          from: 'Centinela <digest@centinela.test>',
          unsubscribe: { baseUrl: 'https://unsub.centinela.test/', signingKey: 'test-signing-key-0123456789' },
        },
        [
          { subscriber: subscriber('bolivia@example.pe', ['BO']), period },
          { subscriber: subscriber('chile@example.pe', ['CL']), period },
        ],
        NOW,
      );
      expect(report.outcomes.map((o) => [o.email, o.status])).toEqual([['bolivia@example.pe', 'sent'], ['chile@example.pe', 'empty']]);
      expect(delivered.map((m) => m.to)).toEqual(['bolivia@example.pe']);
      expect(delivered[0]!.text).toContain(laPaz.title);
    } finally {
      await subscribersContext.close();
    }
  });
});

describe('subscribers\' countries in the subscribers table', () => {
  let context: StoreContext;
  beforeAll(async () => {
    context = await createTestStores();
  });
  afterAll(() => context.close());

  it('keeps the countries with the profile and its schedule entry', async () => {
    const store = createDynamoDbSubscriberStore(context.doc, context.tableNames.subscribers);
    const ana: Subscriber = { ...DEFAULT_PREFERENCES, countries: ['PE', 'EC'], email: 'ana@example.pe', status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    await store.put(ana);
    expect(await store.get('ana@example.pe')).toEqual(ana);
    expect((await store.listDue({ cadence: 'daily', upToHour: 23, period: 'daily:2026-11-20' })).map((s) => s.countries)).toEqual([['PE', 'EC']]);
  });

  it('reads a profile saved before the option existed as Peru only', async () => {
    const store = createDynamoDbSubscriberStore(context.doc, context.tableNames.subscribers);
    const { countries: _none, ...old } = { ...DEFAULT_PREFERENCES, email: 'old@example.pe', status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    await context.doc.send(new PutCommand({ TableName: context.tableNames.subscribers, Item: { ...profileKey('old@example.pe'), type: 'subscriber', ...old } }));
    expect((await store.get('old@example.pe'))?.countries).toEqual(['PE']);
  });
});
