/** Everything a feed supplies is hostile until escaped; these are the only ways it reaches HTML. */
import { httpUrl } from '../model/http-url.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An http(s) URL safe for an href, or undefined (javascript:, data: and junk are dropped). */
export function safeHref(url: string): string | undefined {
  return httpUrl(url)?.toString();
}

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}
