const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Text for HTML: every character that could open a tag, an entity or leave a quoted attribute is
 * escaped, so evidence (pull request titles, reasons, file names) is shown as written and never
 * runs. Safe in text and in double- or single-quoted attribute values; never used for URLs.
 */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

/**
 * A relative link to a site path: each segment percent-encoded (a `:` too, so no segment can become
 * a scheme such as `javascript:`), then escaped for the attribute.
 */
export function href(...segments: string[]): string {
  return esc(segments.flatMap((s) => s.split('/')).map((s) => (s === '..' ? '..' : encodeURIComponent(s))).join('/'));
}

/** `../` as many times as a page lies below the site's root. */
export function up(depth: number): string {
  return '../'.repeat(depth);
}
