import type { PlannedPack } from '../../core/bundle/plan-evidence-pack.js';
import { SIGNATURE_FILE } from '../../core/bundle/types.js';
import { escapeCode, escapeMarkdown } from '../../core/util/escape-markdown.js';
import type { BuiltBundle } from '../../flows/build-bundle.js';
import type { LedgerRecord } from '../../flows/record-in-ledger.js';

/** Where the pack's pull requests came from, and what asking GitHub cost and found. */
export interface PullsOrigin {
  /** `github`: listed through the API; `file`: the pulls input; `decision logs`: those the decision logs name. */
  pulls: 'github' | 'file' | 'decision logs';
  /** Requests made to GitHub (listing and decision-log artifacts); absent when it was not asked. */
  requests?: number;
  /** Commits compared, when listed through the API. */
  commits?: number;
  /** Decision-log artifacts that could not be read. */
  notes: string[];
}

/** Pull requests named one by one in the summary; the pack's index has them all. */
const LISTED_PULLS = 50;

/** The job summary of a published bundle: where it is, what it holds, and any override of required controls. */
export function renderBundleSummary(built: BuiltBundle, recorded: LedgerRecord | undefined, pack: PlannedPack | undefined, origin: PullsOrigin, overrideGiven?: string): string {
  const d = built.manifest.data;
  const rows = [
    ['Commit', `\`${d.commit}\``],
    ['Artifacts', `${d.artifacts.length} (${d.artifacts.reduce((n, a) => n + a.size, 0)} bytes)`],
    ['Gates', d.gates ? d.gates.conclusion : 'no decision log of this commit among the artifacts'],
    ['manifest.json sha256', `\`${built.manifestSha256}\``],
    ['Previous release', d.previous ? `${d.previousRelease} (\`${d.previous}\`)` : 'none (first of the chain)'],
    ['Signature', built.signed ? SIGNATURE_FILE : 'not signed'],
    ['Store', built.published ? `${built.published.url}${built.published.alreadyPresent ? ' (already published, identical)' : ''}` : 'not published'],
    ['Audit ledger', recorded ? `entry ${recorded.seq} of ${recorded.url} (sha256 \`${recorded.sha256}\`)` : 'not recorded'],
    ['Ledger head witnessed', d.ledger ? `entry ${d.ledger.seq} (sha256 \`${d.ledger.sha256}\`), in manifest.json` : 'none'],
    ...(pack ? packRows(pack, origin, overrideGiven) : [['Evidence pack', 'not gathered (pack false, and the catalog requires no control for releases)']]),
  ];
  return [`## Release evidence ${d.release}`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '', ...(pack ? pullList(pack) : [])].join('\n');
}

/** The job summary of a release refused for controls required for releases without evidence. */
export function renderRefusalSummary(release: string, pack: PlannedPack): string {
  const { controls, missing } = pack.index.required;
  return [
    `## Release evidence ${escapeMarkdown(release, 200)}: refused`,
    '',
    `Nothing was written or published: the pack holds no evidence for ${missing.length} control(s) the catalog requires for every release. Add their evidence, or publish anyway with the \`override-required\` input set to the reason (recorded in the pack and shown here).`,
    '',
    '| Control | Evidence in the pack |',
    '| --- | --- |',
    ...controls.map((c) => `| ${c.id} | ${c.evidence.length > 0 ? c.evidence.map((e) => escapeCode(e)).join(', ') : '**none**'} |`),
    '',
  ].join('\n');
}

function packRows(pack: PlannedPack, origin: PullsOrigin, overrideGiven: string | undefined): string[][] {
  const p = pack.index;
  const override = p.required.override;
  const asked = origin.requests === undefined ? '' : `; ${origin.requests} GitHub request(s)`;
  const source = origin.pulls === 'file' ? 'from the pulls input'
    : origin.pulls === 'decision logs' ? 'those the decision logs name'
    : p.previousRelease === null ? 'those the decision logs name: first release of the chain, no previous release to compare with'
    : `merged since ${escapeMarkdown(p.previousRelease, 200)}: ${origin.commits ?? 0} commit(s) compared through the GitHub API`;
  return [
    ['Evidence pack', `${p.pulls.length} pull request(s), ${p.reports.length} drill/drift report(s)${p.ledger ? `, ledger entries ${p.ledger.from} to ${p.ledger.to}` : ''}, catalog \`${p.catalog.digest.slice(0, 12)}\`, under \`pack/\``],
    ['Pull requests', `${source}${asked}`],
    ['Without a decision log', p.pullsWithoutDecisionLog.length > 0 ? p.pullsWithoutDecisionLog.map((n) => `#${n}`).join(', ') : 'none'],
    ...(origin.notes.length > 0 ? [['Not read', origin.notes.slice(0, 20).map((n) => escapeMarkdown(n, 300)).join('<br>')]] : []),
    ['Required for releases', override ? `⚠️ **OVERRIDDEN**: published without evidence for ${override.controls.join(', ')} by @${escapeMarkdown(override.by, 100)}: ${escapeMarkdown(override.reason, 1000)}`
      : `${p.required.controls.length === 0 ? 'no control' : `${p.required.controls.length} control(s), each with evidence`}${overrideGiven ? ` (override-required was given, and not needed: ${escapeMarkdown(overrideGiven, 1000)})` : ''}`],
  ];
}

function pullList(pack: PlannedPack): string[] {
  const pulls = pack.index.pulls;
  if (pulls.length === 0) return [];
  return [
    '| Pull request | Title | Decision logs |',
    '| --- | --- | --- |',
    ...pulls.slice(0, LISTED_PULLS).map((p) => `| #${p.number} | ${p.title ? escapeMarkdown(p.title, 200) : ''} | ${p.decisionLogs.length} |`),
    ...(pulls.length > LISTED_PULLS ? [`| … | ${pulls.length - LISTED_PULLS} more in pack/index.json | |`] : []),
    '',
  ];
}
