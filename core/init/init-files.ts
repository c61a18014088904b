/** One file `maestro init` writes into a repository. */
export interface InitFile {
  /** Where it goes, relative to the repository's root, with `/`. */
  path: string;
  /** What it is for, in a few words, shown when it is written. */
  purpose: string;
  /** Where its text comes from: a file shipped in the maestro package (relative to the package root), or text made here. */
  source: { template: string } | { text: string };
}

/** What `maestro init` sets up: one repository, or also the organisation's `.github` repository. */
export interface InitScope {
  /** For the organisation's `.github` repository: also the organisation workflows (drift sweep, drills, scoreboard) and the issue forms. */
  org: boolean;
}

/**
 * The starter `.github/maestro.yml`: report-only, so that adopting Maestro cannot block a merge
 * before the gate notes were read. Every other key keeps its default.
 */
export const STARTER_CONFIG = `# Maestro Conductor: how the gate "Enforce GA Gates Evidence" treats this repository's pull requests.
# Every key is optional and unknown keys are errors; each is described in
# https://github.com/maestro-conductor/maestro-conductor/blob/main/docs/configuration.md
version: 1

# report-only: every pull request is evaluated and gets its gate notes, but the check never fails.
# Once the notes read right, set \`mode: enforce\` and make the check required in branch protection.
mode: report-only
`;

const WORKFLOWS = 'templates/.github/workflows';

/** The caller workflows every repository carries. */
const REPO_WORKFLOWS: InitFile[] = [
  { path: '.github/workflows/maestro.yml', purpose: 'the GA gates on every pull request', source: { template: `${WORKFLOWS}/maestro.yml` } },
  { path: '.github/workflows/maestro-drift.yml', purpose: 'daily CI template drift check (evidence for GA-30)', source: { template: `${WORKFLOWS}/maestro-drift.yml` } },
];

/**
 * What the organisation's `.github` repository carries besides: the workflows that run once for the
 * whole organisation, and the issue forms. The same lists as templates/manifest.yml, which drift
 * compares with (a test holds them equal).
 */
const ORG_WORKFLOWS: InitFile[] = [
  { path: '.github/workflows/maestro-drift-sweep.yml', purpose: 'nightly drift sweep of every repository, by the app', source: { template: `${WORKFLOWS}/maestro-drift-sweep.yml` } },
  { path: '.github/workflows/maestro-drills.yml', purpose: 'monthly WORM, restore and incident drills', source: { template: `${WORKFLOWS}/maestro-drills.yml` } },
  { path: '.github/workflows/maestro-scoreboard.yml', purpose: 'weekly evidence scoreboard badges', source: { template: `${WORKFLOWS}/maestro-scoreboard.yml` } },
  // Issue forms in the .github repository are every repository's default.
  { path: '.github/ISSUE_TEMPLATE/drill-report.yml', purpose: 'issue form: drill report', source: { template: 'templates/.github/ISSUE_TEMPLATE/drill-report.yml' } },
  { path: '.github/ISSUE_TEMPLATE/exception-request.yml', purpose: 'issue form: exception request', source: { template: 'templates/.github/ISSUE_TEMPLATE/exception-request.yml' } },
  { path: '.github/ISSUE_TEMPLATE/ga-gap.yml', purpose: 'issue form: GA gap', source: { template: 'templates/.github/ISSUE_TEMPLATE/ga-gap.yml' } },
];

/** The files `maestro init` writes, in the order it lists them. */
export function initFiles(scope: InitScope): InitFile[] {
  return [
    { path: '.github/maestro.yml', purpose: 'gate configuration, report-only: the gate reports and never blocks', source: { text: STARTER_CONFIG } },
    ...REPO_WORKFLOWS,
    ...(scope.org ? ORG_WORKFLOWS : []),
    { path: '.github/pull_request_template.md', purpose: 'pull request template with its Evidence section', source: { template: 'templates/pull_request_template.md' } },
  ];
}
