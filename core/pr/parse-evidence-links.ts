/** A manual evidence link read from a PR body: the controls it covers, its title and URL. */
export interface EvidenceLinkCandidate {
  controls: string[];
  title: string;
  url: string;
  /** 1-based line in the PR body. */
  line: number;
}

/** A line of the Evidence section that is not a valid link, with what was expected. */
export interface EvidenceLinkProblem {
  line: number;
  message: string;
}

/** GitHub's own limit on a PR body; longer input is cut there. */
export const MAX_BODY_CHARS = 65_536;
/** Most links read from one PR. */
export const MAX_LINKS = 100;

const CONTROL_ID = /^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$/;
const FORMAT = 'write it as "- GA-05: [title](https://...)", naming one or more control ids before the colon';

/**
 * Reads the manual evidence links of a PR body: list items of the `## Evidence` section, each
 * `- <control ids>: [title](https://url)` (the format of templates/pull_request_template.md).
 * HTML comments (where the template's examples live), fenced and indented code, and quotes are
 * ignored. Only https URLs without credentials are kept, and they are never fetched. Scanning is
 * linear: no regular expression here can be made slow by a long or crafted body.
 */
export function parseEvidenceLinks(body: string): { links: EvidenceLinkCandidate[]; problems: EvidenceLinkProblem[] } {
  const links: EvidenceLinkCandidate[] = [];
  const problems: EvidenceLinkProblem[] = [];
  const lines = stripComments(body.slice(0, MAX_BODY_CHARS)).split('\n');
  let inSection = false;
  let fence: string | undefined;
  let overflow = false;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (fence !== undefined) {
      if (trimmed.startsWith(fence)) fence = undefined;
      return;
    }
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      fence = trimmed.slice(0, 3);
      return;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (heading && line.length - trimmed.length < 4) {
      const level = heading[1]!.length;
      if (level <= 2) inSection = level === 2 && headingText(heading[2]!) === 'evidence';
      return;
    }
    if (!inSection || line.startsWith('    ') || line.startsWith('\t') || trimmed.startsWith('>')) return;
    const item = /^[-*+]\s+(.*)$/.exec(trimmed);
    if (!item) return;
    if (links.length >= MAX_LINKS) {
      if (!overflow) problems.push({ line: index + 1, message: `more than ${MAX_LINKS} evidence links; the rest are not read` });
      overflow = true;
      return;
    }
    const parsed = parseItem(item[1]!.trim());
    if ('message' in parsed) problems.push({ line: index + 1, message: parsed.message });
    else links.push({ ...parsed, line: index + 1 });
  });
  return { links, problems };
}

/** `GA-05, GA-19: [Q4 failover drill](https://...)` into its parts, or what is wrong with it. */
function parseItem(text: string): Omit<EvidenceLinkCandidate, 'line'> | { message: string } {
  const colon = text.indexOf(':');
  if (colon === -1 || text.slice(0, colon).includes('[')) return { message: `no control ids before a colon; ${FORMAT}` };
  const ids = text.slice(0, colon).split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !CONTROL_ID.test(id));
  if (ids.length === 0 || bad !== undefined) return { message: `${bad === undefined ? 'no control id' : `"${bad.slice(0, 40)}" is not a control id`}; ${FORMAT}` };
  const rest = text.slice(colon + 1).trim();
  let title: string;
  let url: string;
  if (rest.startsWith('[') && rest.endsWith(')') && rest.lastIndexOf('](') > 0) {
    const split = rest.lastIndexOf('](');
    title = rest.slice(1, split).trim();
    url = rest.slice(split + 2, -1).trim();
  } else {
    url = rest.replace(/^<|>$/g, '');
    title = url;
  }
  const problem = urlProblem(url);
  if (problem) return { message: `${problem}; ${FORMAT}` };
  if (title === '' || title.length > 200) return { message: `the link title must be 1 to 200 characters; ${FORMAT}` };
  return { controls: [...new Set(ids)], title, url };
}

/** A heading's text without its optional closing hashes, lower-cased (a linear scan, no backtracking). */
function headingText(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || /\s/.test(text[hashes - 1]!))) end = hashes;
  return text.slice(0, end).trim().toLowerCase();
}

/** Why a URL cannot be evidence, or undefined when it is a plain https URL. */
export function urlProblem(url: string): string | undefined {
  if (url.length === 0) return 'the link has no URL';
  if (url.length > 2048) return 'the URL is longer than 2048 characters';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url.slice(0, 80)}" is not a URL`;
  }
  if (parsed.protocol !== 'https:') return `only https links count as evidence, not ${parsed.protocol.replace(/:$/, '')}`;
  if (parsed.username || parsed.password) return 'the URL carries credentials; link to the page without them';
  if (/\s/.test(url)) return 'the URL contains spaces';
  return undefined;
}

/** The text without HTML comments (an unclosed comment runs to the end, as GitHub renders it). */
function stripComments(text: string): string {
  let out = '';
  let from = 0;
  for (let start = text.indexOf('<!--'); start !== -1; start = text.indexOf('<!--', from)) {
    out += text.slice(from, start);
    const end = text.indexOf('-->', start + 4);
    if (end === -1) return `${out}${'\n'.repeat(countLines(text.slice(start)))}`;
    // Keep the line count, so line numbers still point into the original body.
    out += '\n'.repeat(countLines(text.slice(start, end + 3)));
    from = end + 3;
  }
  return out + text.slice(from);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Whether a PR body lists at least one manual evidence link (approvals then matter). */
export function hasEvidenceLinks(body: string): boolean {
  return parseEvidenceLinks(body).links.length > 0;
}
