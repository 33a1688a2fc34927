/**
 * Every relative link in README.md, SECURITY.md and docs/*.md leads somewhere:
 * the file or folder exists, and a #anchor names a heading of the target page
 * (GitHub's heading ids, computed by github-slugger from the heading's text).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGES = ['README.md', 'SECURITY.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The visible text of inline tokens (what GitHub slugs), without markup. */
function plainText(tokens: Token[] | undefined, raw: string): string {
  if (!tokens) return raw;
  return tokens
    .map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens, '') : 'text' in token ? String(token.text) : ''))
    .join('');
}

interface Page {
  anchors: Set<string>;
  links: string[];
}

const pages = new Map<string, Page>();
function readPage(file: string): Page {
  let page = pages.get(file);
  if (page) return page;
  const slugger = new GithubSlugger();
  page = { anchors: new Set(), links: [] };
  const found = page;
  marked.walkTokens(marked.lexer(readFileSync(path.join(ROOT, file), 'utf8')), (token) => {
    if (token.type === 'heading') found.anchors.add(slugger.slug(plainText(token.tokens, token.text)));
    if (token.type === 'link' || token.type === 'image') found.links.push(token.href);
  });
  pages.set(file, page);
  return page;
}

/** What is wrong with one link of `file`, or undefined when it resolves. */
function brokenLink(file: string, href: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined; // https:, mailto: — not ours to check offline
  const [target = '', anchor] = href.split('#', 2);
  const targetFile = target ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target))) : file;
  if (targetFile.startsWith('..')) return `${href}: leads out of the repository`;
  if (!existsSync(path.join(ROOT, targetFile))) return `${href}: ${targetFile} does not exist`;
  if (anchor === undefined) return undefined;
  if (!targetFile.endsWith('.md')) return `${href}: an anchor into a file that is not Markdown`;
  return readPage(targetFile).anchors.has(decodeURIComponent(anchor)) ? undefined : `${href}: ${targetFile} has no heading #${anchor}`;
}

describe('links in the docs', () => {
  it('checks the README, SECURITY.md and every page of docs/', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'SECURITY.md', 'docs/design.md', 'docs/data.md']));
  });

  for (const file of PAGES) {
    it(`${file}: every relative link and #anchor resolves`, () => {
      const { links } = readPage(file);
      expect(links.map((href) => brokenLink(file, href)).filter(Boolean)).toEqual([]);
    });
  }

  it('finds a missing file, a missing heading and a link out of the repository', () => {
    expect(brokenLink('README.md', 'docs/nowhere.md')).toBe('docs/nowhere.md: docs/nowhere.md does not exist');
    expect(brokenLink('README.md', 'docs/design.md#no-such-heading')).toBe('docs/design.md#no-such-heading: docs/design.md has no heading #no-such-heading');
    expect(brokenLink('docs/design.md', '../../x.md')).toBe('../../x.md: leads out of the repository');
    expect(brokenLink('docs/design.md', '#the-write-protocol')).toBeUndefined();
    expect(brokenLink('docs/data.md', '#npx-centinela-query')).toBeUndefined();
  });
});
