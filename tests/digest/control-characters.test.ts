/**
 * No control character reaches any part of a digest (field case 11's kind of
 * fault: old CMSs send `&#147;`-style references that decode to C1 controls,
 * and stray C0 bytes ride along). C1 characters are read as the windows-1252
 * punctuation they stand for; everything else becomes a space.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../lambdas/digest/build-digest.ts';
import { cleanText, hasControlCharacters } from '../../lambdas/digest/clean-text.ts';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { createOutboxMailer } from '../../lambdas/mail/outbox-mailer.ts';
import { CATALOG } from './make-article.ts';

// As a windows-1252 CMS's numeric references decode: &#147; → U+0093, &#148; → U+0094, &#150; → U+0096, &#145;/&#146; → U+0091/U+0092.
const TITLE = '\u0093Los Pulpos\u0094: capturan a extorsionadores que cobraban cupos en Trujillo \u0096 video';
const SUMMARY = 'La PNP intervino a la banda \u0093Los Pulpos\u0094, acusada de extorsión a transportistas; el fiscal dijo que \u0091no habrá tregua\u0092.\u0007 Más\u000bdatos\u001b[31m aquí.';

describe('control characters in a digest', () => {
  it('reads C1 characters as the windows-1252 punctuation they stand for and turns the other controls into spaces', () => {
    expect(cleanText(TITLE)).toBe('“Los Pulpos”: capturan a extorsionadores que cobraban cupos en Trujillo – video');
    expect(cleanText(SUMMARY)).toBe('La PNP intervino a la banda “Los Pulpos”, acusada de extorsión a transportistas; el fiscal dijo que ‘no habrá tregua’. Más datos [31m aquí.');
    expect(cleanText('a\u0081b\u2028c\ud800d')).toBe('a b cd');
  });

  it('leaves none in the HTML, the text part or the .eml, from titles, outlets, ledes or snippets', async () => {
    const listing = {
      articleId: 'pulpos', title: TITLE, url: 'https://semanario.example.pe/nota/los-pulpos', feedName: 'Semanario\u0085Policial',
      publishedAt: '2026-11-20T14:00:00.000Z', score: 7, themes: ['extortion'], regions: ['la-libertad'], countries: ['PE'],
    };
    const digest = buildDigest({
      lang: 'es',
      period: periodStarting('daily', '2026-11-20'),
      themes: CATALOG.themes,
      regionNames: { 'la-libertad': 'La\u0000Libertad' },
      listingsByTheme: new Map([['extortion', [listing]]]),
      details: new Map([['pulpos', { lede: SUMMARY, why: { extortion: { snippet: '\u0093cobraban cupos\u0094 a\u0008 transportistas', term: 'cupos' } }, sources: [] }]]),
      filters: { regions: [], minScore: 0 },
    });
    const mail = await composeDigestMail({ digest, to: 'ana@example.pe', from: 'digest@centinela.test', now: new Date('2026-11-21T12:00:00.000Z') });
    const sent = await createOutboxMailer(await mkdtemp(path.join(tmpdir(), 'centinela-c1-')), () => 'c1').send(mail);
    const eml = await readFile(sent.files!.find((f) => f.endsWith('.eml'))!);
    const parsed = await simpleParser(eml);

    for (const [part, text] of [['html', mail.html], ['text', mail.text], ['eml', eml.toString('utf8')], ['parsed html', String(parsed.html)], ['parsed text', parsed.text ?? '']] as const) {
      expect(hasControlCharacters(text), part).toBe(false);
    }
    expect(parsed.html).toContain('“Los Pulpos”: capturan a extorsionadores que cobraban cupos en Trujillo – video');
    expect(parsed.html).toContain('el fiscal dijo que ‘no habrá tregua’.');
    expect(parsed.html).toContain('“cobraban <strong style="font-style:normal">cupos</strong>” a transportistas');
    expect(parsed.text).toContain('Semanario…Policial'); // 0x85 is windows-1252's ellipsis
    expect(parsed.text).toContain('La Libertad');
  });
});
