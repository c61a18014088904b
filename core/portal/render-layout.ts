import { esc, up } from './escape-html.js';
import { formatUtc } from './format-utc.js';

/**
 * The policy every page carries: nothing but the site's own files may load (no CDN, no font, no
 * beacon), no inline script runs (a title that smuggled a `<script>` past escaping still could not),
 * no form posts anywhere, and the artifacts are fetched from the site's own folder only.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** One page of the site. */
export interface PageInput {
  title: string;
  /** How many folders below the site root the page lies (0 for index.html). */
  depth: number;
  /** The page's main content, already HTML. */
  body: string;
  /** When the site was built (RFC 3339), shown in the footer. */
  builtAt: string;
  /** Breadcrumbs after "Releases": label and site-relative link (undefined for the current page). */
  trail?: Array<{ label: string; href?: string }>;
}

/** The HTML document of a page: language, title, the policy, the stylesheet, landmarks, and the script last. */
export function renderPage(page: PageInput): string {
  const root = up(page.depth);
  const trail = [{ label: 'Releases', href: page.trail?.length ? `${root}index.html` : undefined }, ...(page.trail ?? [])];
  const crumbs = trail.map((t) => (t.href ? `<li><a href="${t.href}">${esc(t.label)}</a></li>` : `<li aria-current="page">${esc(t.label)}</li>`)).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${esc(page.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}assets/portal.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><nav aria-label="Breadcrumb"><ol class="crumbs">${crumbs}</ol></nav></header>
<main id="main">
${page.body}
</main>
<footer><p>Built by <code>maestro portal build</code> on ${esc(formatUtc(page.builtAt))}. A static site: every file it shows lies in its own folder; it makes no request elsewhere. Times are in UTC.</p></footer>
<script src="${root}assets/portal.js" defer></script>
</body>
</html>
`;
}
