import { describe, expect, it } from 'vitest';
import { composeDigestMail, HTML_BUDGET_BYTES } from '../../lambdas/digest/digest-mail.ts';
import { renderDigestHtml, renderDigestText } from '../../lambdas/digest/render-digest.ts';
import { HOSTILE_TITLE, sampleDigest } from './sample-digest.ts';

const NOW = new Date('2026-11-21T12:00:00.000Z');

describe('rendering a digest', () => {
  it('turns feed titles with <script>, onerror= and javascript: links into inert text in HTML', () => {
    const html = renderDigestHtml(sampleDigest({ hostile: true }), { maxStoriesPerTheme: 10 });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b /i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i); // no event-handler attribute in any real tag
    expect(html).not.toMatch(/href="(?!https?:)/i);
    expect(html).not.toContain('javascript:alert(document.cookie)');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; Extorsión en Ate');
    expect(html).toContain('&lt;b onmouseover=alert(2)&gt;Feed&lt;/b&gt;');
  });

  it('keeps the hostile title as plain words in the text part, without its javascript: link', () => {
    const text = renderDigestText(sampleDigest({ hostile: true }), { maxStoriesPerTheme: 10 });
    expect(text).toContain(`- ${HOSTILE_TITLE}`);
    expect(text).not.toContain('javascript:alert(document.cookie)');
  });

  it('has no script, style sheet, image or class: tables and inline styles only', () => {
    const html = renderDigestHtml(sampleDigest(), { maxStoriesPerTheme: 10 });
    expect(html).not.toMatch(/<(script|style|img|link|iframe)\b/i);
    expect(html).not.toMatch(/\bclass=/);
    expect(html).toMatch(/<table role="presentation"/);
  });

  it('speaks the subscriber\'s language', () => {
    expect(renderDigestHtml(sampleDigest({ lang: 'en' }), { maxStoriesPerTheme: 3 })).toContain('Stories per day (last 14 days)');
    expect(renderDigestHtml(sampleDigest({ lang: 'es' }), { maxStoriesPerTheme: 3 })).toContain('Noticias por día (últimos 14 días)');
    expect(renderDigestHtml(sampleDigest({ lang: 'en' }), { maxStoriesPerTheme: 3 })).toContain('Top stories');
    expect(renderDigestHtml(sampleDigest({ lang: 'es' }), { maxStoriesPerTheme: 3 })).toContain('Lo principal');
  });

  it('stays under 100 KB of HTML as sent on a busy day, saying how many more and which command lists them', async () => {
    const digest = sampleDigest({ perTheme: 400 });
    const mail = await composeDigestMail({
      digest,
      to: 'ana@example.pe',
      from: 'digest@centinela.test',
      now: NOW,
      maxStoriesPerTheme: 300,
      moreCommand: (theme) => `centinela digest --subscriber ana@example.pe --theme ${theme} --all`,
    });
    expect(mail.encodedHtmlBytes).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
    expect(mail.encodedHtmlBytes).toBeGreaterThan(HTML_BUDGET_BYTES * 0.7);
    expect(mail.storiesPerTheme).toBeLessThan(300);
    expect(mail.storiesPerTheme).toBeGreaterThan(10);
    const hidden = (theme: string) => digest.sections.find((s) => s.theme === theme)!.stories.length - mail.storiesPerTheme;
    expect(mail.html).toContain(`${hidden('extortion')} noticias más — <code style="font-size:12px">centinela digest --subscriber ana@example.pe --theme extortion --all</code>`);
    expect(mail.text).toContain(`${hidden('prisons')} noticias más: centinela digest --subscriber ana@example.pe --theme prisons --all`);
  });

  it('shows ten stories per theme when they fit', async () => {
    const mail = await composeDigestMail({ digest: sampleDigest({ perTheme: 30 }), to: 'a@example.pe', from: 'd@example.pe', now: NOW });
    expect(mail.storiesPerTheme).toBe(10);
    expect(mail.hiddenStories).toBe(3 * 20);
    expect(mail.html.match(/data-theme="extortion"[\s\S]*?<\/td><\/tr>/)![0].match(/data-story=/g)).toHaveLength(10);
  });
});
