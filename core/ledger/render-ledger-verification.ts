import { markdownTable } from 'markdown-table';
import { escapeCode, escapeMarkdown } from '../util/escape-markdown.js';
import type { LedgerVerification } from './verification-types.js';

/**
 * The verification as markdown: the verdict and the first bad entry first (the one to look at), then
 * every problem, the seals, the witnessed heads, and what is not yet sealed. The verdict never says
 * more than was checked: "intact" needs seal signatures checked, and without a witnessed head it
 * says how far. The same text serves a terminal and a job summary.
 */
export function renderLedgerVerification(result: LedgerVerification): string {
  const where = escapeCode(result.location, 300);
  const head = result.head ? `, head entry ${result.head.seq} (sha256 \`${result.head.sha256}\`)` : '';
  const total = result.problems.length + (result.moreProblems ?? 0);
  const lines: string[] = [];
  if (result.verdict === 'tampered') {
    const bad = result.firstBad!;
    lines.push(`## Audit ledger TAMPERED`, '', `First bad entry: ${bad.seq !== undefined ? `**entry ${bad.seq}**` : escapeCode(bad.key, 300)} (${bad.problem}): ${escapeMarkdown(bad.detail, 1000)}`, '', `${result.entries} entries in ${where}; ${total} problem(s).`);
  } else if (result.verdict === 'unverified') {
    lines.push('## Audit ledger: chain consistent, seals not verified', '', `${result.entries} entries in ${where}${head}. Every entry and link holds, but no seal signature was checked: whoever can write to the store could have rewritten the ledger and its seals together.`);
    lines.push('', result.ok ? 'Accepted as it is with --no-seals.' : 'Pass --key <public key PEM>, or --identity and --issuer for keyless seals; --no-seals accepts the chain without them.');
  } else if (result.witnesses.length > 0) {
    lines.push('## Audit ledger intact', '', `${result.entries} entries in ${where}${head}; sealed through entry ${result.sealedThrough}; it holds ${result.witnesses.length === 1 ? 'the head' : `the ${result.witnesses.length} heads`} witnessed outside the store.`);
  } else {
    lines.push(`## Audit ledger intact through entry ${result.head?.seq ?? 0}`, '', `${result.entries} entries in ${where}${head}; sealed through entry ${result.sealedThrough}.`);
    lines.push('', 'No witnessed head was given: entries cut off the end after a seal, or rewritten after the last seal, would not show. Hold the ledger against a head recorded outside the store: --witness <release bundle> or --expect-head <seq>:<sha256> from a check run.');
  }
  if (total > 1) {
    lines.push('', '### Problems', '', markdownTable([['Entry', 'Object', 'Problem', 'Detail'], ...result.problems.slice(0, 100).map((p) => [p.seq === undefined ? '-' : String(p.seq), escapeCode(p.key, 200), p.problem, escapeMarkdown(p.detail, 500)])]));
    if (total > 100) lines.push('', `... and ${total - 100} more (see --format json${result.moreProblems ? ', which keeps the first 1,000' : ''}).`);
  }
  lines.push('', '### Seals', '');
  if (result.seals.length === 0) lines.push('No seals: nothing is signed yet (`maestro ledger seal`).');
  else lines.push(markdownTable([['Seal', 'Entry', 'Result', 'Detail'], ...result.seals.map((s) => [escapeCode(s.key, 200), String(s.seq), s.result, escapeMarkdown(s.detail, 500)])]));
  if (result.witnesses.length > 0) {
    lines.push('', '### Witnessed heads', '', markdownTable([['Witness', 'Head', 'Result', 'Detail'], ...result.witnesses.map((w) => [escapeMarkdown(w.source, 300), `${w.seq}:${escapeCode(w.sha256)}`, w.result, escapeMarkdown(w.detail, 500)])]));
  }
  if (result.unsealed > 0) lines.push('', `${result.unsealed} entr${result.unsealed === 1 ? 'y is' : 'ies are'} after the last seal: not yet covered by a signature (not an error by itself; only a witnessed head vouches for them).`);
  if (result.seals.some((s) => s.result === 'unverified')) lines.push('', 'Seal signatures were not checked: pass --key <public key PEM>, or --identity and --issuer for keyless seals.');
  if (result.notes.length > 0) lines.push('', '### Notes', '', ...result.notes.map((n) => `- ${escapeMarkdown(n, 500)}`));
  return `${lines.join('\n')}\n`;
}
