/**
 * The size budget counts the text/html part as sent (field case 14's kind of
 * fault: a budget checked before transfer encoding lets quoted-printable push
 * the part past Gmail's ~102 KB clipping point, cutting the footer and its
 * unsubscribe link). Fixture: tests/digest/fixtures/busy-week.json, a busy
 * week written for this test.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../lambdas/digest/build-digest.ts';
import type { StoryDetails } from '../../lambdas/digest/digest.ts';
import { composeDigestMail, HTML_BUDGET_BYTES } from '../../lambdas/digest/digest-mail.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import type { ListingItem } from '../../lambdas/store/article-store.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import busyWeek from './fixtures/busy-week.json' with { type: 'json' };

interface FixtureItem {
  theme: string;
  also: string | null;
  title: string;
  url: string;
  feedName: string;
  publishedAt: string;
  score: number;
  regions: string[];
  summary: string;
  snippet: string;
  term: string;
  copies: number;
}

function busyWeekDigest() {
  const tagger = loadTagger();
  const listingsByTheme = new Map<string, ListingItem[]>();
  const details = new Map<string, StoryDetails>();
  const add = (theme: string, item: ListingItem) => listingsByTheme.set(theme, [...(listingsByTheme.get(theme) ?? []), item]);
  (busyWeek.items as FixtureItem[]).forEach((fixture, n) => {
    const themes = [fixture.theme, ...(fixture.also ? [fixture.also] : [])];
    const copies = Array.from({ length: fixture.copies + 1 }, (_, c) => ({
      articleId: `a${n}-${c}`,
      title: c === 0 ? fixture.title : `${fixture.title} - video`,
      url: c === 0 ? fixture.url : `${fixture.url}&copia=${c}`,
      feedName: c === 0 ? fixture.feedName : `Copia ${c} de ${fixture.feedName}`,
      publishedAt: fixture.publishedAt,
      score: fixture.score - c,
      themes,
      regions: fixture.regions,
      countries: ['PE'],
    }));
    for (const listing of copies) {
      add(fixture.theme, listing);
      if (fixture.also) add(fixture.also, { ...listing, score: listing.score / 2 });
      details.set(listing.articleId, {
        lede: fixture.summary.split('. ')[0] + '.',
        why: Object.fromEntries(themes.map((t) => [t, { snippet: fixture.snippet, term: fixture.term }])),
        sources: [{ feedName: listing.feedName, url: listing.url }],
      });
    }
  });
  return buildDigest({
    lang: 'es',
    period: periodStarting('weekly', '2026-11-16'),
    themes: tagger.themes,
    regionNames: Object.fromEntries(tagger.regions.map((r) => [r.id, r.name])),
    listingsByTheme,
    details,
    filters: { regions: [], minScore: 0 },
  });
}

/** The body of the text/html part exactly as it sits in the .eml, found independently of lambdas/mail/mime-size.ts. */
function htmlPartAsSent(eml: string): { encoding: string; body: string } {
  const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
  const part = eml.split(`--${boundary}`).find((p) => /Content-Type: text\/html/i.test(p))!;
  const headerEnd = part.indexOf('\r\n\r\n');
  return { encoding: /Content-Transfer-Encoding: (\S+)/i.exec(part.slice(0, headerEnd))![1]!, body: part.slice(headerEnd + 4).replace(/\r\n$/, '') };
}

describe('the size budget of a digest as sent', () => {
  it('keeps the encoded text/html part of a busy week at or under 100,000 bytes, and says what was left out and how to see it', async () => {
    const digest = busyWeekDigest();
    expect(digest.totalStories).toBe(144);
    const mail = await composeDigestMail({
      digest,
      to: 'ana@example.pe',
      from: 'Centinela <digest@centinela.test>',
      now: new Date('2026-11-23T12:00:00.000Z'),
      unsubscribe: { baseUrl: 'https://abc.lambda-url.us-east-1.on.aws/', signingKey: 'size-test-key-0123456789' },
      moreCommand: (theme) => `centinela digest --subscriber ana@example.pe --period weekly --since 2026-11-16 --theme ${theme} --all`,
    });
    const outbox = createOutboxMailer(await mkdtemp(path.join(tmpdir(), 'centinela-size-')), () => 'busy-week');
    const sent = await outbox.send(mail);
    const eml = await readFile(sent.files!.find((f) => f.endsWith('.eml'))!, 'latin1');

    const part = htmlPartAsSent(eml);
    const encodedBytes = Buffer.byteLength(part.body, 'latin1');
    console.log(`busy week: text/html part as sent ${encodedBytes} bytes (${part.encoding}), HTML before encoding ${Buffer.byteLength(mail.html)} bytes, message ${Buffer.byteLength(eml, 'latin1')} bytes, ${mail.hiddenStories} stories left out`);
    expect(part.encoding).toBe('quoted-printable');
    expect(encodedBytes).toBe(mail.encodedHtmlBytes);
    expect(encodedBytes).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
    // Encoding really adds: a budget on the UTF-8 string would have let this grow past the limit.
    expect(encodedBytes).toBeGreaterThan(Buffer.byteLength(mail.html) * 1.03);
    // The footer with the unsubscribe link is inside the budget, not clipped.
    expect(mail.html).toMatch(/data-footer>[^]*Darse de baja<\/a><\/td><\/tr>/);

    const more = [...mail.html.matchAll(/data-more="(\d+)">(\d+) noticias más — <code[^>]*>(centinela digest [^<]+ --all)<\/code>/g)];
    expect(more.length).toBeGreaterThan(0);
    for (const [, count, shown] of more) expect(shown).toBe(count);
    const hidden = more.reduce((n, m) => n + Number(m[1]), 0);
    expect(hidden).toBe(mail.hiddenStories);
    expect(mail.html).toContain(`data-trimmed="${hidden}">Por el tamaño del correo se omitieron ${hidden} noticias`);
    expect(mail.text).toContain(`Por el tamaño del correo se omitieron ${hidden} noticias`);
    const shownStories = (mail.html.match(/data-story=/g) ?? []).length;
    expect(shownStories + hidden).toBe(digest.totalStories);
  });

  it('draws the weekly chart over 12 weeks, one bar per week with its number and a date under every week', async () => {
    const digest = busyWeekDigest();
    const weeks = ['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'];
    expect(digest.chart.buckets.map((b) => b.day)).toEqual(weeks);
    const extortion = digest.chart.rows.find((r) => r.theme === 'extortion')!.counts;
    expect(extortion).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, digest.counts.find((c) => c.theme === 'extortion')!.count]);
    const { html } = await composeDigestMail({ digest, to: 'a@example.pe', from: 'd@example.pe', now: new Date('2026-11-23T12:00:00.000Z') });
    for (const week of weeks) expect(html).toContain(`>${Number(week.slice(8))}/${week.slice(5, 7)}</td>`);
    expect(html).toContain(`data-bar="2026-11-16:${extortion[11]}"`);
  });
});
