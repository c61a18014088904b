import { renderBudgetTable } from '../../render/render-budget-table.js';
import { escapeCode, escapeMarkdown } from '../../render/escape-markdown.js';
import { GITHUB_TEXT_LIMIT } from '../../render/render-gate-notes.js';
import type { ArtifactResult, AttestationData } from './types.js';

/** The attestation gate for a job summary or PR comment: verdict, policy, one row per artifact, quarantine. */
export function renderAttestations(data: AttestationData, passed: boolean, headline: string, limit = GITHUB_TEXT_LIMIT): string {
  const policy = [
    data.policy.identity ? `identity ${escapeCode(data.policy.identity, 300)}` : undefined,
    data.policy.issuer ? `issuer ${escapeCode(data.policy.issuer, 200)}` : undefined,
    data.policy.key ? 'public key' : undefined,
    data.policy.predicateType ? `predicate ${escapeCode(data.policy.predicateType, 200)}` : undefined,
    `trusted root ${escapeCode(data.policy.trustedRoot ?? 'shipped', 200)}`,
  ].filter(Boolean);
  const out = [
    `### Attestations ${passed ? '✅ verified' : '❌ failed'}`,
    '',
    escapeMarkdown(headline, 1500),
    '',
    `Policy: ${policy.join(' · ')}`,
    '',
    ...renderBudgetTable(['Artifact', 'Result', 'Signer', 'Provenance', 'Problems'], data.artifacts.map(row), limit - 4000, 'the attestation-verification report (maestro verify-attestation --format json)'),
    '',
  ];
  if (data.quarantine.paths.length > 0) {
    out.push(`**Quarantined** (${data.quarantine.mode})`, '', ...data.quarantine.paths.slice(0, 50).map((p) => `- ${escapeCode(p, 300)}`), ...(data.quarantine.paths.length > 50 ? [`- and ${data.quarantine.paths.length - 50} more`] : []), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function row(a: ArtifactResult): string[] {
  const signer = a.identity ? `${escapeCode(a.identity, 200)}${a.issuer ? ` via ${escapeCode(a.issuer, 100)}` : ''}` : a.keyId ? `key ${escapeCode(a.keyId, 80)}` : '–';
  const p = a.provenance;
  const provenance = p ? `${escapeCode(`${p.sourceRepo}@${p.ref}`, 200)} ${escapeCode(p.workflow, 150)}${p.commit ? ` ${escapeCode(p.commit.slice(0, 12))}` : ''}<br>builder ${escapeCode(p.builder, 150)}` : a.predicateType ? escapeCode(a.predicateType, 150) : '–';
  const problems = a.errors.length > 0 ? a.errors.map((e) => `**${e.check}**: ${escapeMarkdown(e.message, 400)}`).join('<br>') : '–';
  return [`${escapeCode(a.path, 200)}<br>${escapeCode(a.digest.slice(0, 19))}…`, a.verified ? '✅ verified' : '❌ unverified', signer, provenance, problems];
}
