/**
 * A picture of the gate-notes comment for the README: the comment the app posts on the failing
 * example (examples/pr-failing, the same one templates/gate-notes.md holds), rendered as GitHub
 * renders a comment (GitHub-flavoured Markdown with `marked`, GitHub's Markdown CSS from
 * `github-markdown-css`), opened in Debian's Chromium through playwright-core, and saved as
 * docs/images/gate-notes-pr-failing.png. Two controls are shown opened, as a reader would open
 * them, so the picture shows the explanation and the next steps too.
 *
 * Run by hand: `npx tsx scripts/screenshot-gate-notes.ts [chromium path]` (default /usr/bin/chromium,
 * or $MAESTRO_BROWSER).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { chromium } from 'playwright-core';
import { renderGateNotesSample } from './render-gate-notes-sample.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/images/gate-notes-pr-failing.png');
const browserPath = process.argv[2] ?? process.env.MAESTRO_BROWSER ?? '/usr/bin/chromium';
/** The controls shown opened. */
const OPEN = ['GA-25', 'GA-30'];

const markdown = await renderGateNotesSample(root);
const css = readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
const body = await marked.parse(markdown, { gfm: true, breaks: false });
const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
  body { margin: 0; background: #fff; }
  .comment { box-sizing: border-box; width: 900px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; }
  .comment header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; border-radius: 6px 6px 0 0; font: 14px -apple-system, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif; color: #57606a; }
  .comment header b { color: #1f2328; }
  .markdown-body { padding: 16px; font-size: 14px; }
</style></head><body><div class="comment"><header><b>maestro-conductor</b> <span>bot</span> commented</header><article class="markdown-body">${body}</article></div></body></html>`;

const browser = await chromium.launch({ executablePath: browserPath, headless: true, chromiumSandbox: false, args: ['--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 940, height: 600 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  for (const id of OPEN) await page.locator('details', { has: page.locator(`summary a:text-is("${id}")`) }).evaluate((details) => details.setAttribute('open', ''));
  mkdirSync(dirname(out), { recursive: true });
  await page.locator('.comment').screenshot({ path: out });
  process.stdout.write(`wrote ${out} (${markdown.length} characters of Markdown)\n`);
} finally {
  await browser.close();
}
