import type { ReportContext } from '../../evidence/build-report.js';
import { renderSbomDiffOutcome } from '../../render/gates/render-sbom-diff-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { GateOutcome } from '../../result/gate-outcome.js';
import { checkSbomPolicy } from './check-sbom-policy.js';
import { diffSboms } from './diff-sboms.js';
import type { ParsedSbom, SbomDiffData, SbomPolicy } from './types.js';

/** The report keeps at most this many entries per list (evidence-schemas/sbom-diff.v1.json); the counts stay exact. */
const MAX_LISTED = 200_000;

/**
 * The SBOM diff gate: components added, removed, version- and license-changed, and the policy
 * violations of the components the change introduces. It fails on any violation.
 */
export function evaluateSbomDiff(base: ParsedSbom, head: ParsedSbom, policy: SbomPolicy, context: ReportContext): GateOutcome<SbomDiffData> {
  const diff = diffSboms(base, head);
  const violations = checkSbomPolicy(diff.introduced, policy);
  const counts = { added: diff.added.length, removed: diff.removed.length, versionChanged: diff.versionChanged.length, licenseChanged: diff.licenseChanged.length };
  const data: SbomDiffData = {
    base: { format: base.format, file: base.file, components: base.components.size },
    head: { format: head.format, file: head.file, components: head.components.size },
    counts,
    added: diff.added.slice(0, MAX_LISTED),
    removed: diff.removed.slice(0, MAX_LISTED),
    versionChanged: diff.versionChanged.slice(0, MAX_LISTED),
    licenseChanged: diff.licenseChanged.slice(0, MAX_LISTED),
    policy: { deniedLicenses: policy.deniedLicenses, deniedPackages: policy.deniedPackages },
    violations: violations.slice(0, MAX_LISTED),
  };
  const tally = `${counts.added} added, ${counts.removed} removed, ${counts.versionChanged} version changes, ${counts.licenseChanged} license changes`;
  const headline = violations.length === 0 ? `No dependency policy violations (${tally}).` : `${violations.length} dependency policy ${violations.length === 1 ? 'violation' : 'violations'}: ${violations.slice(0, 3).map((v) => v.message).join('; ')}${violations.length > 3 ? '; …' : ''} (${tally}).`;
  return buildGateOutcome({
    gate: 'sbom-diff',
    kind: 'sbom-diff',
    data,
    context,
    passed: violations.length === 0,
    headline,
    body: renderSbomDiffOutcome(data, policy.copyleft),
    annotations: violations.slice(0, 50).map((v) => ({ level: 'error', title: `SBOM ${v.rule}`, message: `${v.message} (${v.purl})` })),
    outputs: { added: String(counts.added), removed: String(counts.removed), 'version-changed': String(counts.versionChanged), 'license-changed': String(counts.licenseChanged), violations: String(violations.length) },
  });
}
