/** Control characters and bidi overrides: removed, they can hide or reorder text in a review. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped from untrusted text.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** Characters that Markdown or HTML interpret anywhere in a line; each is backslash-escaped. */
const MARKDOWN_SPECIAL = /[\\`*_[\]|<>~#]/g;
/** What starts a block (list, heading, quote, ordered list, setext rule) when at the start of the text. */
const BLOCK_START = /^(\s*)([-+=>]|\d+[.)])/;
/** An `&` that would start a character reference; a lone `&` renders as itself. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Makes untrusted text (PR titles, evidence strings, file names) render as the same text in
 * GitHub Markdown, in a paragraph or a table cell: no HTML, no links or images, no formatting,
 * no table breaks, no @-mentions or #-references that notify anyone, one line, bounded length.
 */
export function escapeMarkdown(text: string, maxLength = 500): string {
  const single = truncate(joinLines(text.replace(INVISIBLE, '')), maxLength);
  return single
    .replace(ENTITY, '&amp;')
    .replace(MARKDOWN_SPECIAL, '\\$&')
    .replace(BLOCK_START, (_m, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\\#/g, `\\#${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`);
}

/**
 * The lines of a text joined by single spaces, the whitespace around each line break dropped. Split
 * and trim, not one `\s*[\r\n]+\s*` pattern: that backtracks quadratically on a long run of spaces.
 */
function joinLines(text: string): string {
  const parts = text.split(/[\r\n]+/);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (i === 0 ? part.trimEnd() : i === parts.length - 1 ? part.trimStart() : part.trim())).join(' ');
}

/** Untrusted text inside an inline code span (paths, refs): no backticks, no newlines, pipes escaped for tables. */
export function escapeCode(text: string, maxLength = 200): string {
  const single = truncate(text.replace(INVISIBLE, '').replace(/[\r\n]+/g, ' '), maxLength).replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${single.replace(/^ | $/g, ' ')}\``;
}

/**
 * A link to an http(s) URL with escaped text, or the escaped text alone when the URL is not one:
 * `javascript:` and other schemes never become links.
 */
export function markdownLink(text: string, url: string | undefined): string {
  const label = escapeMarkdown(text, 200);
  if (!url) return label;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return label;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return label;
  const href = parsed.href.replace(/[()<>\s|"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label}](${href})`;
}

/** Cuts text to `max` characters (whole code points), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
