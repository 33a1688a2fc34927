/**
 * The main text of an article page (full-text feeds): drop what is not the
 * story (navigation, scripts, ads, share bars, comments, related links), find
 * the element that holds the story, and keep its paragraphs.
 */
import { load, type CheerioAPI } from 'cheerio/slim';

const NEVER_TEXT =
  'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, nav, header, footer, aside, figure figcaption';
const BOILERPLATE = [
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=complementary]', '[aria-hidden=true]',
  '#comments', '.comments', '[class*=comment]', '[id*=comment]', '[class*=disqus]',
  '[class*=advert]', '[id*=advert]', '[class*=publicidad]', '[class^=ad-]', '[class*=" ad-"]', '[id^=ad-]', '[id^=div-gpt]', '.ads', '.ad',
  '[class*=share]', '[class*=social]', '[class*=newsletter]', '[class*=related]', '[class*=relacionad]', '[class*=recomend]',
  '[class*=breadcrumb]', '[class*=subscribe]', '[class*=suscri]', '[class*=cookie]', '[class*=popup]', '[class*=modal]',
].join(', ');
const CONTAINERS = [
  '[itemprop=articleBody]', '.article-body', '.article__body', '.story-contents', '.story-body', '.entry-content',
  '.post-content', '.td-post-content', '.news-body', '.nota-cuerpo', '.cuerpo', 'article', 'main', '[role=main]',
];
const MIN_PARAGRAPH = 25;

/** Paragraphs of the main text joined by blank lines; '' when the page has no recognisable story. */
export function extractArticleText(html: string): string {
  const $ = load(html);
  $(NEVER_TEXT).remove();
  $(BOILERPLATE).remove();
  const container = pickContainer($);
  const paragraphs: string[] = [];
  container.find('p, h2, h3, blockquote, li').each((_, element) => {
    const node = $(element);
    if (node.parents('p, blockquote, li').length > 0) return; // counted with its parent
    const text = clean(node.text());
    const heading = element.tagName === 'h2' || element.tagName === 'h3';
    if (text.length >= MIN_PARAGRAPH || (heading && text.length > 0)) paragraphs.push(text);
  });
  return paragraphs.join('\n\n');
}

/** The known story container with the most paragraph text, else the parent of the most paragraph text. */
function pickContainer($: CheerioAPI) {
  let best: { node: ReturnType<CheerioAPI>; score: number } | undefined;
  for (const selector of CONTAINERS) {
    $(selector).each((_, element) => {
      const node = $(element);
      const score = paragraphLength($, node);
      if (!best || score > best.score) best = { node, score };
    });
    if (best && best.score >= 200) return best.node;
  }
  const parents = new Map<unknown, { node: ReturnType<CheerioAPI>; score: number }>();
  $('p').each((_, element) => {
    const parent = $(element).parent();
    const key = parent.get(0);
    if (!key) return;
    const entry = parents.get(key) ?? { node: parent, score: 0 };
    entry.score += clean($(element).text()).length;
    parents.set(key, entry);
  });
  const byParent = [...parents.values()].sort((a, b) => b.score - a.score)[0];
  if (byParent && (!best || byParent.score > best.score)) return byParent.node;
  return best?.node ?? $('body');
}

function paragraphLength($: CheerioAPI, node: ReturnType<CheerioAPI>): number {
  let total = 0;
  node.find('p').each((_, p) => {
    total += clean($(p).text()).length;
  });
  return total;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
