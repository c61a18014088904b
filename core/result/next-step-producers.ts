import type { EvidenceKind } from '../evidence/kinds.js';

/** Who makes one kind of evidence: the workflow and job in CI, and the command to run it by hand. */
export interface EvidenceProducer {
  /** The job in few words, for titles: "the a11y job". */
  job: string;
  /** The words after "Run": the job and the workflow or action that produce it in CI. */
  where: string;
  /** The `maestro` command that produces the report locally, placeholders in angle brackets. */
  command?: string;
  /** The reusable workflow to dispatch again for repo-wide evidence made on a schedule. */
  scheduled?: string;
}

/**
 * Where each kind of evidence comes from: the jobs of the reusable workflows in workflows/ (the
 * gates of ga-gates.yml, the scheduled drift.yml and drills.yml) and the CLI command of each gate.
 */
export const EVIDENCE_PRODUCERS: Record<EvidenceKind, EvidenceProducer> = {
  a11y: { job: 'the a11y job', where: 'the a11y job of ga-gates.yml (actions/a11y)', command: 'maestro a11y --url <page url> --out a11y.json' },
  'k6-summary': { job: 'the k6 job', where: 'the k6 job of ga-gates.yml (actions/k6)', command: 'maestro k6 --summary <k6 summary.json> --out k6-summary.json' },
  'slo-burn': { job: 'the slo job', where: 'the slo job of ga-gates.yml (actions/slo)', command: 'maestro slo --prometheus <url> --slo <slos.yml> --out slo-burn.json' },
  'schema-diff': { job: 'the schema-diff job', where: 'the schema-diff job of ga-gates.yml (actions/schema-diff)', command: 'maestro schema-diff --new schema.graphql --out schema-diff.json' },
  'attestation-verification': { job: 'the attestation job', where: 'the attestation job of ga-gates.yml (actions/attestation)', command: 'maestro verify-attestation --artifact <file> --bundle <file.sigstore.json> --out attestation.json' },
  'sbom-diff': { job: 'the sbom-diff job', where: 'the sbom-diff job of ga-gates.yml (actions/sbom-diff)', command: 'maestro sbom-diff --base <base sbom.json> --head <head sbom.json> --out sbom-diff.json' },
  'policy-test': { job: 'the policy tests', where: 'the policy test job, which uploads a policy-test report as a maestro-evidence artifact' },
  'drill-report': { job: 'the drill', where: 'the drill job of drills.yml', command: 'maestro drill <worm|restore|incident> --out drill-report.json', scheduled: 'drills.yml' },
  'drift-report': { job: 'the drift check', where: 'the drift job of drift.yml', command: 'maestro drift --template <template> --repo .github/workflows --report drift-report.json', scheduled: 'drift.yml' },
  waiver: { job: 'a waiver', where: 'a /waive command from an approver' },
  'decision-log': { job: 'the gate', where: 'a gate evaluation', command: 'maestro gate --decision-log decision-log.json' },
  'evidence-manifest': { job: 'the evidence bundle', where: 'the release evidence bundle (release-evidence.yml)', command: 'maestro evidence bundle' },
  link: { job: 'a link', where: 'a link in the Evidence section of the pull request body, approved by a reviewer' },
};

/** The run id and its page, from an artifact's link (`…/actions/runs/<id>/artifacts/<n>`) or a run's. */
export function workflowRunOf(url: string | undefined): { id: string; url: string; repo: string } | undefined {
  const match = url ? /^(https?:\/\/[^/]+\/([^/]+\/[^/]+)\/actions\/runs\/(\d+))(?:\/artifacts\/\d+)?\/?$/.exec(url) : null;
  return match ? { id: match[3]!, url: match[1]!, repo: match[2]! } : undefined;
}
