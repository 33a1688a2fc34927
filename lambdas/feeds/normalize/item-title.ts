import { decodeHTML } from 'entities';
import { cleanText } from './clean-text.ts';
import { htmlToText } from './html-text.ts';

/** Active or embedded HTML that is never part of a headline: removed with its content (script, style) or as a tag. */
const ACTIVE_HTML = /<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>|<\/?(?:script|style|img|iframe|object|embed|svg|video|audio|source|link|meta)\b[^<>]*>/gi;

/**
 * HTML tags that feeds really put in plain-text RSS titles. Only these are
 * removed: any other text in angle brackets (`<<Los Pulpos>>`,
 * `<Los Injertos del Cono Norte>`) is part of the title.
 */
const INLINE_TAGS = /<\/?(?:b|i|u|s|em|strong|span|font|small|big|mark|sup|sub|abbr|cite|q|del|ins|strike|p|div|h[1-6])(?:\s[^<>]*)?>|<br\s*\/?>|<a\s+href\s*=[^<>]*>|<\/a>/gi;

/**
 * An item's title as text. A title is text unless the feed marks it as HTML
 * (Atom `type="html"` or `type="xhtml"`, RFC 4287 §3.1): then it is rendered
 * to text. An RSS title is text with at most the common inline tags above
 * removed and leftover HTML references (`&amp;quot;` written twice escaped)
 * decoded. Control characters never survive (clean-text.ts).
 */
export function itemTitle(elements: unknown[] | undefined, fallback: string | undefined): string {
  const element = Array.isArray(elements) ? elements[0] : undefined;
  const raw = typeof element === 'string' ? element : element && typeof element === 'object' ? (element as { _?: unknown })._ : undefined;
  const type = element && typeof element === 'object' ? (element as { $?: { type?: unknown } }).$?.type : undefined;
  const text = typeof raw === 'string' ? raw : fallback;
  if (!text) return '';
  if (type === 'html' || type === 'xhtml') return oneLine(htmlToText(text));
  // Both patterns start with "<": most titles have none and skip them.
  const plain = text.includes('<') ? text.replace(ACTIVE_HTML, '').replace(INLINE_TAGS, '') : text;
  return oneLine(cleanText(/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(plain) ? decodeHTML(plain) : plain));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
