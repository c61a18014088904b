import { markdownTable } from 'markdown-table';
import { escapeCode, escapeMarkdown } from '../util/escape-markdown.js';
import type { LedgerVerification } from './verification-types.js';

/**
 * The verification as markdown: the verdict and the first bad entry first (the one to look at), then
 * every problem, the seals, and what is not yet sealed. The same text serves a terminal and a job summary.
 */
export function renderLedgerVerification(result: LedgerVerification): string {
  const lines: string[] = [];
  const where = escapeCode(result.location, 300);
  if (result.ok) {
    lines.push(`## Audit ledger intact`, '', `${result.entries} entries in ${where}${result.head ? `, head entry ${result.head.seq} (sha256 \`${result.head.sha256}\`)` : ''}.`);
  } else {
    const bad = result.firstBad!;
    lines.push(`## Audit ledger TAMPERED`, '', `First bad entry: ${bad.seq !== undefined ? `**entry ${bad.seq}**` : escapeCode(bad.key, 300)} (${bad.problem}): ${escapeMarkdown(bad.detail, 1000)}`, '', `${result.entries} entries in ${where}; ${result.problems.length} problem(s).`);
  }
  if (result.problems.length > 1) {
    lines.push('', '### Problems', '', markdownTable([['Entry', 'Object', 'Problem', 'Detail'], ...result.problems.slice(0, 100).map((p) => [p.seq === undefined ? '-' : String(p.seq), escapeCode(p.key, 200), p.problem, escapeMarkdown(p.detail, 500)])]));
    if (result.problems.length > 100) lines.push('', `... and ${result.problems.length - 100} more (see --format json).`);
  }
  lines.push('', '### Seals', '');
  if (result.seals.length === 0) lines.push('No seals: nothing is signed yet (`maestro ledger seal`).');
  else lines.push(markdownTable([['Seal', 'Entry', 'Result', 'Detail'], ...result.seals.map((s) => [escapeCode(s.key, 200), String(s.seq), s.result, escapeMarkdown(s.detail, 500)])]));
  if (result.unsealed > 0) lines.push('', `${result.unsealed} entr${result.unsealed === 1 ? 'y is' : 'ies are'} after the last seal: not yet covered by a signature (not an error by itself).`);
  if (result.seals.some((s) => s.result === 'unverified')) lines.push('', 'Seal signatures were not checked: pass --key <public key PEM>, or --identity and --issuer for keyless seals.');
  if (result.notes.length > 0) lines.push('', '### Notes', '', ...result.notes.map((n) => `- ${escapeMarkdown(n, 500)}`));
  return `${lines.join('\n')}\n`;
}
