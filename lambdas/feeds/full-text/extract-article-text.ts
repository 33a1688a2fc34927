/**
 * The main text of an article page (full-text feeds): drop what is not the
 * story (navigation, scripts, ads, share bars, comments, related links), find
 * the element that holds the story, and keep its paragraphs.
 *
 * htmlparser2's DOM (parseDocument), queried with css-select and read with
 * domutils: the engine cheerio runs on, without cheerio's API layer and its
 * HTML serialiser, which poll-feed never used (issue 15: ~40 KB of its bundle).
 */
import { compile, is, selectAll } from 'css-select';
import { isTag, type AnyNode, type Document, type Element } from 'domhandler';
import { removeElement, textContent, uniqueSort } from 'domutils';
import { parseDocument } from 'htmlparser2';

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

// Compiled once per container; HTML mode (tag and attribute names lower-cased by the parser).
const query = (selector: string) => compile<AnyNode, Element>(selector, { xmlMode: false });
const neverText = query(NEVER_TEXT);
const boilerplate = query(BOILERPLATE);
const containers = CONTAINERS.map(query);
const blocks = query('p, h2, h3, blockquote, li');
const blockParents = query('p, blockquote, li');
const paragraph = query('p');
const body = query('body');
const select = (compiled: ReturnType<typeof query>, nodes: AnyNode | AnyNode[]) => selectAll<AnyNode, Element>(compiled, nodes);

/** Paragraphs of the main text joined by blank lines; '' when the page has no recognisable story. */
export function extractArticleText(html: string): string {
  const document = parseDocument(html);
  select(neverText, document).forEach(removeElement);
  select(boilerplate, document).forEach(removeElement);
  const paragraphs: string[] = [];
  for (const element of find(blocks, pickContainer(document))) {
    if (ancestors(element).some((ancestor) => is<AnyNode, Element>(ancestor, blockParents))) continue; // counted with its parent
    const text = clean(textContent(element));
    const heading = element.name === 'h2' || element.name === 'h3';
    if (text.length >= MIN_PARAGRAPH || (heading && text.length > 0)) paragraphs.push(text);
  }
  return paragraphs.join('\n\n');
}

/** The known story container with the most paragraph text, else the parent of the most paragraph text. */
function pickContainer(document: Document): Element[] {
  let best: { node: Element; score: number } | undefined;
  for (const container of containers) {
    for (const node of select(container, document)) {
      const score = paragraphLength(node);
      if (!best || score > best.score) best = { node, score };
    }
    if (best && best.score >= 200) return [best.node];
  }
  const parents = new Map<Element, number>();
  for (const p of select(paragraph, document)) {
    const parent = p.parent;
    if (!parent || !isTag(parent)) continue; // a top-level <p> has the document, not an element, as parent
    parents.set(parent, (parents.get(parent) ?? 0) + clean(textContent(p)).length);
  }
  const byParent = [...parents].sort((a, b) => b[1] - a[1])[0];
  if (byParent && (!best || byParent[1] > best.score)) return [byParent[0]];
  return best ? [best.node] : select(body, document);
}

/** Descendants of `roots` matching `selector`, in document order, each once. */
function find(selector: ReturnType<typeof query>, roots: Element[]): Element[] {
  return uniqueSort(select(selector, roots.flatMap((root) => root.children)));
}

function ancestors(element: Element): Element[] {
  const found: Element[] = [];
  for (let node = element.parent; node && isTag(node); node = node.parent) found.push(node);
  return found;
}

function paragraphLength(node: Element): number {
  return find(paragraph, [node]).reduce((total, p) => total + clean(textContent(p)).length, 0);
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
