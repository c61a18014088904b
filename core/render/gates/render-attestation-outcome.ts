import type { ArtifactResult, AttestationData } from '../../gates/attestation/types.js';
import { escapeCode, escapeMarkdown } from '../../util/escape-markdown.js';
import { renderBudgetTable } from '../render-budget-table.js';
import { GITHUB_TEXT_LIMIT } from '../render-gate-notes.js';
import type { GateBody } from '../render-gate-outcome.js';

/** The attestation gate's Markdown body: one row per artifact and the quarantine, within `limit` characters; the policy in the footer. */
export function renderAttestationOutcome(data: AttestationData, limit = GITHUB_TEXT_LIMIT): GateBody {
  const policy = [
    data.policy.identity ? `identity ${escapeCode(data.policy.identity, 300)}` : undefined,
    data.policy.issuer ? `issuer ${escapeCode(data.policy.issuer, 200)}` : undefined,
    data.policy.key ? 'public key' : undefined,
    data.policy.predicateType ? `predicate ${escapeCode(data.policy.predicateType, 200)}` : undefined,
    `trusted root ${escapeCode(data.policy.trustedRoot ?? 'shipped', 200)}`,
  ].filter(Boolean);
  const sections = [renderBudgetTable(['Artifact', 'Result', 'Signer', 'Provenance', 'Problems'], data.artifacts.map(row), limit - 4000, 'the attestation-verification report (maestro verify-attestation --format json)').join('\n')];
  const { paths, mode } = data.quarantine;
  if (paths.length > 0) sections.push([`**Quarantined** (${mode})`, '', ...paths.slice(0, 50).map((p) => `- ${escapeCode(p, 300)}`), ...(paths.length > 50 ? [`- and ${paths.length - 50} more`] : [])].join('\n'));
  return { sections, footer: `Policy: ${policy.join(' · ')}.` };
}

function row(a: ArtifactResult): string[] {
  const signer = a.identity ? `${escapeCode(a.identity, 200)}${a.issuer ? ` via ${escapeCode(a.issuer, 100)}` : ''}` : a.keyId ? `key ${escapeCode(a.keyId, 80)}` : '–';
  const p = a.provenance;
  const provenance = p ? `${escapeCode(`${p.sourceRepo}@${p.ref}`, 200)} ${escapeCode(p.workflow, 150)}${p.commit ? ` ${escapeCode(p.commit.slice(0, 12))}` : ''}<br>builder ${escapeCode(p.builder, 150)}` : a.predicateType ? escapeCode(a.predicateType, 150) : '–';
  const problems = a.errors.length > 0 ? a.errors.map((e) => `**${e.check}**: ${escapeMarkdown(e.message, 400)}`).join('<br>') : '–';
  return [`${escapeCode(a.path, 200)}<br>${escapeCode(a.digest.slice(0, 19))}…`, a.verified ? '✅ verified' : '❌ unverified', signer, provenance, problems];
}
