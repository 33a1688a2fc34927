/**
 * runAlerts on DynamoDB Local with a seeded 29-day series: a quiet series gives
 * no spike, a jump gives one, a rerun sends nothing twice, a failing target
 * blocks no other, is retried on the next run, and is reported after a day.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { parseAlertTargets } from '../../lambdas/alerts/alert-targets.ts';
import { createDynamoDbAlertStore } from '../../lambdas/alerts/dynamodb-alert-store.ts';
import { createWebhookPoster } from '../../lambdas/alerts/post-webhook.ts';
import { runAlerts, type RunAlertsDeps } from '../../lambdas/alerts/run-alerts.ts';
import type { Mailer, OutgoingMail } from '../../lambdas/mail/mailer.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { CATALOG, makeArticle } from '../digest/make-article.ts';

const NOW = new Date('2026-11-21T17:05:00.000Z'); // noon in Lima; windows end at 17:00Z
const HOUR = 3_600_000;
const at = (hoursBeforeWindowEnd: number) => new Date(Date.parse('2026-11-21T17:00:00.000Z') - hoursBeforeWindowEnd * HOUR).toISOString();

// The 28 days before: an extortion story on 7 of them (regions vary), and one prisons story a week.
const QUIET_DAYS = [1, 5, 9, 13, 17, 21, 25];
const baseline = [
  ...QUIET_DAYS.map((d) => makeArticle({ title: `Cobran cupos a bodegueros, caso ${d}`, publishedAt: at(d * 24 + 5), themes: { extortion: 5 }, regions: [d % 2 ? 'lima' : 'puno'] })),
  ...[3, 10, 17, 24].map((d) => makeArticle({ title: `Requisa en penal, jornada ${d}`, publishedAt: at(d * 24 + 2), themes: { prisons: 4 }, regions: ['lima'] })),
];
// The last 24 hours: one story (quiet), then three more (the jump), each in a different region.
const today = makeArticle({ title: 'Extorsionadores atacan bus en Ate', publishedAt: at(3), themes: { extortion: 7 }, regions: ['lima'], feedName: 'El Vigía' });
const jump = [
  makeArticle({ title: 'Trujillo: zapateros cierran talleres por cobro de cupos', publishedAt: at(5), themes: { extortion: 6 }, regions: ['la-libertad'] }),
  makeArticle({ title: 'Juliaca: queman mototaxi de dirigente que no pagó cupos', publishedAt: at(8), themes: { extortion: 5 }, regions: ['puno'] }),
  makeArticle({ title: 'Amenazan a colegio con explosivo si no paga extorsión', publishedAt: at(12), themes: { extortion: 5 }, regions: [] }),
];

function person(email: string, extra: Partial<Subscriber> = {}): Subscriber {
  return { ...DEFAULT_PREFERENCES, email, status: 'active', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), ...extra };
}

describe('runAlerts on a seeded 29-day series', () => {
  let context: StoreContext;
  let server: Server;
  let origin: string;
  const hits: Record<string, number> = {};
  const failing = new Set(['slack', 'teams']);
  const mail: OutgoingMail[] = [];
  let deps: RunAlertsDeps;

  beforeAll(async () => {
    context = await createTestStores();
    for (const article of [...baseline, today]) await context.articles.putArticle(article);
    await context.subscribers.put(person('ana@example.pe', { alerts: true }));
    await context.subscribers.put(person('luis@example.pe', { alerts: false }));
    await context.subscribers.put(person('rosa@example.pe', { alerts: true, themes: ['prisons'] }));
    await context.subscribers.put(person('juan@example.pe', { alerts: true, status: 'unsubscribed' }));
    server = createServer((request, response) => {
      const id = request.url!.split('/')[1]!;
      hits[id] = (hits[id] ?? 0) + 1;
      request.resume();
      request.on('end', () => response.writeHead(failing.has(id) ? 500 : 200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const mailer: Mailer = { send: async (m) => (mail.push(m), { id: `outbox-${mail.length}` }) };
    deps = {
      articles: context.articles,
      subscribers: context.subscribers,
      alerts: createDynamoDbAlertStore(context.doc, context.tableNames.subscribers),
      catalog: CATALOG,
      targets: parseAlertTargets(JSON.stringify({ targets: [
        { id: 'ops', kind: 'webhook', url: `${origin}/ops`, secret: 'ops-secret-0123456789' },
        { id: 'slack', kind: 'slack', url: `${origin}/slack` },
        { id: 'teams', kind: 'teams', url: `${origin}/teams` },
        { id: 'prisons-only', kind: 'webhook', url: `${origin}/prisons-only`, secret: 'prisons-secret-0123456789', themes: ['prisons'] },
      ] }), 'test').targets,
      poster: createWebhookPoster({ timeoutMs: 2_000 }),
      mailer,
      from: 'Centinela <alerts@centinela.test>',
    };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await context.close();
  });

  it('finds no spike in a quiet series (one story today, one on 7 of the 28 days before) and sends nothing', async () => {
    const report = await runAlerts(deps, NOW, { deliver: true });
    expect(report.spikes).toEqual([]);
    expect(report.deliveries).toEqual([]);
    expect(hits).toEqual({});
    expect(mail).toEqual([]);
  });

  it('finds one spike when the last 24 hours jump to 4 stories, explained by its series', async () => {
    for (const article of jump) await context.articles.putArticle(article);
    const report = await runAlerts(deps, NOW);
    expect(report.spikes).toHaveLength(1);
    const [spike] = report.spikes;
    const series = Array(29).fill(0);
    for (const d of QUIET_DAYS) series[28 - d] = 1;
    series[28] = 4;
    expect(spike).toMatchObject({ id: '2026-11-21#extortion#*', theme: 'extortion', count: 4, mean: 0.25, series, spike: true });
    expect(spike!.region).toBeUndefined();
    expect(spike!.stories.map((s) => s.title)).toEqual([today.title, jump[0]!.title, jump[1]!.title, jump[2]!.title]);
    expect(report.deliveries).toEqual([]); // without deliver: a listing, nothing sent
  });

  it('delivers it once to every target and opted-in subscriber that wants it; a failing target blocks no other', async () => {
    const report = await runAlerts(deps, NOW, { deliver: true });
    const byRecipient = Object.fromEntries(report.deliveries.map((d) => [d.recipient, d.status]));
    expect(byRecipient).toEqual({ 'target:ops': 'sent', 'target:slack': 'failed', 'target:teams': 'failed', 'mail:ana@example.pe': 'sent' });
    expect(report.deliveries.find((d) => d.recipient === 'target:slack')).toMatchObject({ error: 'alerts: target "slack": answered HTTP 500' });
    expect(hits).toEqual({ ops: 1, slack: 1, teams: 1 });
    expect(mail.map((m) => [m.to, m.subject])).toEqual([['ana@example.pe', 'Centinela · Pico: Extorsión — 4 noticias en 24 h']]);
    expect(report.failingTargets).toEqual([]); // failing for minutes, not a day
  });

  it('sends nothing twice on a rerun, retries the failed targets, and delivers them once they recover', async () => {
    const again = await runAlerts(deps, new Date(NOW.getTime() + 10 * 60_000), { deliver: true });
    expect(Object.fromEntries(again.deliveries.map((d) => [d.recipient, d.status]))).toEqual({
      'target:ops': 'already-sent', 'target:slack': 'failed', 'target:teams': 'failed', 'mail:ana@example.pe': 'already-sent',
    });
    failing.delete('slack');
    const recovered = await runAlerts(deps, new Date(NOW.getTime() + HOUR), { deliver: true });
    expect(recovered.deliveries.find((d) => d.recipient === 'target:slack')).toMatchObject({ status: 'sent' });
    expect(hits).toEqual({ ops: 1, slack: 3, teams: 3 });
    expect(mail).toHaveLength(1);
    expect(recovered.health.find((h) => h.target === 'slack')).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: new Date(NOW.getTime() + HOUR).toISOString() });
    expect(recovered.health.find((h) => h.target === 'slack')!.failingSince).toBeUndefined();
  });

  it('treats the same theme still spiking after Lima midnight as the same spike, not a new one', async () => {
    const afterMidnight = new Date(NOW.getTime() + 13 * HOUR); // 01:05 in Lima the next day; 3 of the 4 stories still in the window
    const report = await runAlerts(deps, afterMidnight, { deliver: true });
    expect(report.spikes.map((s) => [s.id, s.count])).toEqual([['2026-11-22#extortion#*', 3]]);
    expect(new Set(report.deliveries.map((d) => d.spike))).toEqual(new Set(['2026-11-21#extortion#*']));
    expect(report.deliveries.filter((d) => d.status === 'sent')).toEqual([]);
    expect(hits.ops).toBe(1);
    expect(mail).toHaveLength(1);
  });

  it('reports a target that has failed for a day, while still retrying the recorded spike', async () => {
    const dayLater = new Date(NOW.getTime() + 25 * HOUR);
    const report = await runAlerts(deps, dayLater, { deliver: true });
    expect(report.deliveries.find((d) => d.recipient === 'target:teams')).toMatchObject({ spike: '2026-11-21#extortion#*', status: 'failed' });
    expect(report.failingTargets.map((t) => [t.target, t.failingSince, t.consecutiveFailures])).toEqual([['teams', NOW.toISOString(), 5]]);
    expect(hits.ops).toBe(1);
  });

  it('reads with Query, GetItem and conditional writes only, never a Scan', async () => {
    const recorder = recordCommands(context.client);
    await runAlerts(deps, new Date(NOW.getTime() + 2 * HOUR), { deliver: true });
    recorder.stop();
    expect(recorder.operations()).not.toContain('Scan');
    expect(recorder.operations().filter((o) => o === 'Query').length).toBeGreaterThanOrEqual(CATALOG.themes.length);
  });
});
