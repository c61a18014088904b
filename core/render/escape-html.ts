import { truncate } from '../util/escape-markdown.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped from untrusted text.
const INVISIBLE = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH_SPACE = '\u200B';
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Untrusted text inside raw HTML that GitHub renders (the text of a `<summary>`, never an attribute):
 * no tags, one line, bounded,
 * and no @-mention, #-reference or bare URL that GitHub would turn into a link or a notification.
 */
export function escapeHtml(text: string, maxLength = 300): string {
  return truncate(text.replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim(), maxLength)
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`);
}

/** An http(s) URL as an attribute value, or undefined for any other scheme. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/["<>\s'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/&/g, '&amp;');
  } catch {
    return undefined;
  }
}
