import { GATE_OUTPUT_OPTIONS } from './gate-options.js';

/** One option of a command, declared once: parsing, validation and help come from it. */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder shown in help: `--event <file>`. */
  value?: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
  default?: string;
  /** The option may be repeated; its value is then the list of values given. */
  multiple?: boolean;
}

/** A command: its words (`controls list`), arguments, options, and the module that runs it. */
export interface CommandSpec {
  words: string[];
  summary: string;
  /** Positional arguments as shown in help: `<paths...>`; a trailing `...` takes several. */
  args?: Array<{ name: string; required: boolean; variadic?: boolean }>;
  options: OptionSpec[];
  /** Loads and runs the command; returns the exit code. */
  run: (options: Record<string, string | string[] | boolean | undefined>, args: string[]) => Promise<number>;
}

const catalogOption: OptionSpec = { name: 'catalog', type: 'string', value: 'dir', description: 'folder of control files (default: the catalog shipped with maestro)' };

/** Every command of `maestro`. Each command's code is loaded only when it runs. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['gate'],
    summary: 'Evaluate a pull request against the controls catalog and print gate notes. Exit 0 passed or nothing applies, 1 failed, 2 bad input.',
    options: [
      { name: 'event', type: 'string', value: 'file', required: true, description: 'pull_request webhook payload (JSON), e.g. $GITHUB_EVENT_PATH' },
      { name: 'evidence', type: 'string', value: 'dir', required: true, description: 'folder of evidence reports (*.json, searched recursively)' },
      { name: 'changed-files', type: 'string', value: 'file', description: 'changed paths, one per line or a JSON array (without it, path rules are assumed to match)' },
      { name: 'config', type: 'string', value: 'file', description: 'repo config (default: .github/maestro.yml when present)' },
      { name: 'no-config', type: 'boolean', description: 'ignore .github/maestro.yml and use the defaults' },
      catalogOption,
      { name: 'waivers', type: 'string', value: 'file', description: 'waivers: a JSON array of waiver reports' },
      { name: 'links', type: 'string', value: 'file', description: 'manual evidence: a JSON array of link reports approved by reviewers' },
      { name: 'now', type: 'string', value: 'time', description: 'evaluation time, RFC 3339 (default: now); fixes freshness and waiver expiry for reproducible runs' },
      { name: 'format', type: 'string', value: 'format', choices: ['markdown', 'json'], default: 'markdown', description: 'output format' },
      { name: 'decision-log', type: 'string', value: 'file', description: 'also write the decisions as a decision-log evidence report' },
    ],
    run: async (o) => (await import('./commands/gate.js')).gateCommand(o as never),
  },
  {
    words: ['validate'],
    summary: 'Check evidence reports against their schemas. Exit 0 all valid, 1 some invalid, 2 unreadable.',
    args: [{ name: 'paths', required: true, variadic: true }],
    options: [{ name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' }],
    run: async (o, args) => (await import('./commands/validate.js')).validateCommand(args, o as never),
  },
  {
    words: ['controls', 'list'],
    summary: 'List every control with its priority, blocking flag and evidence kinds.',
    options: [catalogOption, { name: 'format', type: 'string', value: 'format', choices: ['text', 'json', 'markdown'], default: 'text', description: 'output format' }],
    run: async (o) => (await import('./commands/controls.js')).listControls(o as never),
  },
  {
    words: ['controls', 'show'],
    summary: 'Show one control: framework mappings, when it applies, and its evidence requirements.',
    args: [{ name: 'id', required: true }],
    options: [catalogOption, { name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' }],
    run: async (o, args) => (await import('./commands/controls.js')).showControl(args[0]!, o as never),
  },
  {
    words: ['drift'],
    summary: 'Compare a repository\'s workflows with the CI template: missing jobs and steps, changed or unpinned actions, widened permissions, template version. Exit 0 clean, 1 drift, 2 invalid workflow or bad input.',
    options: [
      { name: 'template', type: 'string', value: 'file|dir', required: true, description: 'template workflow file, or a folder of them (a checkout: its .github/workflows)' },
      { name: 'repo', type: 'string', value: 'file|dir', required: true, description: 'repository workflow file, or a folder of them (a checkout: its .github/workflows); files are paired by name' },
      { name: 'format', type: 'string', value: 'format', choices: ['markdown', 'json'], default: 'markdown', description: 'output format; json prints the drift-report evidence' },
      { name: 'repo-name', type: 'string', value: 'owner/name', description: 'repository the report is about (default: $GITHUB_REPOSITORY); needed for json, --report and --store' },
      { name: 'sha', type: 'string', value: 'sha', description: 'commit whose workflows were read (default: $GITHUB_SHA); needed for json, --report and --store' },
      { name: 'template-source', type: 'string', value: 'text', description: 'where the template comes from, as the report names it (default: the --template path)' },
      { name: 'now', type: 'string', value: 'time', description: 'report time, RFC 3339 (default: now)' },
      { name: 'report', type: 'string', value: 'file', description: 'also write the drift-report evidence to this file' },
      { name: 'fix', type: 'boolean', description: 'restore the template in the repository files, keeping their own jobs and steps (nothing is written when a workflow does not parse)' },
      { name: 'store', type: 'string', value: 'url', description: 'also store the drift-report write-once in s3://<bucket>/<prefix>?... (Object Lock) or file://<dir>, as drift/<time>/<owner>/<repo>.json' },
    ],
    run: async (o) => (await import('./commands/drift.js')).driftCommand(o as never),
  },
  {
    words: ['scoreboard'],
    summary: 'Evidence scoreboard: the share of merged pull requests whose gate passed without override, per repository and rolled up, with shields.io badges; from a file or fetched from GitHub. Exit 0, 1 below --fail-under, 2 bad input.',
    options: [
      { name: 'input', type: 'string', value: 'file', description: 'merged pull requests with their gate results: {"pulls": [{"repo", "number", "mergedAt", "gate"}]} (or --github)' },
      { name: 'github', type: 'string', value: 'org|owner/repo,...', description: 'fetch the merged pull requests and their gate check runs from GitHub instead (GraphQL, 100 a request; token from $GITHUB_TOKEN)' },
      { name: 'check-name', type: 'string', value: 'name', default: 'Enforce GA Gates Evidence', description: 'with --github: the gate check run\'s name (checkName of .github/maestro.yml)' },
      { name: 'api-url', type: 'string', value: 'url', description: 'with --github: GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)' },
      { name: 'pulls-out', type: 'string', value: 'file', description: 'with --github: also write the fetched pull requests in the --input format' },
      { name: 'days', type: 'string', value: 'n', default: '30', description: 'window: pull requests merged in the last n days' },
      { name: 'now', type: 'string', value: 'time', description: 'end of the window, RFC 3339 (default: now)' },
      { name: 'format', type: 'string', value: 'format', choices: ['markdown', 'json'], default: 'markdown', description: 'output format' },
      { name: 'badges', type: 'string', value: 'dir', description: 'write shields.io endpoint JSON and SVG badges: <dir>/org.{json,svg} and <dir>/<owner>/<repo>.{json,svg}' },
      { name: 'label', type: 'string', value: 'text', default: 'evidence', description: 'badge label' },
      { name: 'fail-under', type: 'string', value: 'percent', description: 'exit 1 when the rolled-up share is below this percentage' },
    ],
    run: async (o) => (await import('./commands/scoreboard.js')).scoreboardCommand(o as never),
  },
  {
    words: ['evidence', 'bundle'],
    summary: 'Build a release evidence bundle (artifacts, manifest.json, signature), optionally sign it and publish it write-once. Exit 0 built, 2 bad input.',
    options: [
      { name: 'release', type: 'string', value: 'tag', required: true, description: 'release tag, such as v1.2.0; its commit and time come from git unless --commit and --created-at are given' },
      { name: 'artifacts', type: 'string', value: 'dir', required: true, description: 'folder of the release\'s evidence artifacts, copied into the bundle under their relative paths' },
      { name: 'out', type: 'string', value: 'dir', required: true, description: 'new or empty folder that receives the complete bundle' },
      { name: 'previous', type: 'string', value: 'manifest', description: 'previous release\'s manifest.json, bundle folder or store URL (<store>/<tag>): chains the releases by sha256' },
      { name: 'previous-release', type: 'string', value: 'tag', description: 'previous release\'s tag, read from --store (instead of --previous)' },
      { name: 'sign', type: 'string', value: 'mode', description: 'keyless (Sigstore with the workflow\'s OIDC token) or key:<ECDSA P-256 private key PEM>' },
      { name: 'store', type: 'string', value: 'url', description: 'publish to s3://<bucket>/<prefix>?... (Object Lock) or file://<dir>, under <store>/<tag>/, manifest last' },
      { name: 'repo', type: 'string', value: 'owner/name', description: 'repository of the release (default: $GITHUB_REPOSITORY)' },
      { name: 'commit', type: 'string', value: 'sha', description: 'commit of the release (default: the tag\'s commit)' },
      { name: 'created-at', type: 'string', value: 'time', description: 'RFC 3339 time of the release (default: the tag commit\'s committer time)' },
      { name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' },
      { name: 'ledger', type: 'string', value: 'url', description: 'also record the act in the audit ledger at this store URL (file:///<dir> or s3://<bucket>/<prefix>?...); seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY' },
    ],
    run: async (o) => (await import('./commands/evidence.js')).bundleCommand(o as never),
  },
  {
    words: ['verify'],
    summary: 'Verify a release evidence bundle: hashes, signature and signer, hash chain, S3 retention. Exit 0 all checks hold, 1 some failed, 2 bad input.',
    args: [{ name: 'bundle', required: true }],
    options: [
      { name: 'identity', type: 'string', value: 'identity', description: 'keyless: expected certificate identity (workflow URI or e-mail), or /regex/' },
      { name: 'issuer', type: 'string', value: 'url', description: 'keyless: expected OIDC issuer, such as https://token.actions.githubusercontent.com' },
      { name: 'key', type: 'string', value: 'pub.pem', description: 'key-based: the signer\'s public key (PEM)' },
      { name: 'trusted-root', type: 'string', value: 'file', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro)' },
      { name: 'releases', type: 'string', value: 'dir|url', description: 'where earlier releases lie as <tag>/manifest.json (default: beside the bundle)' },
      { name: 'offline', type: 'boolean', description: 'read local folders only; fail rather than use the network' },
      { name: 'allow-unsigned', type: 'boolean', description: 'accept a bundle without a signature' },
      { name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' },
    ],
    run: async (o, args) => (await import('./commands/verify.js')).verifyCommand(args[0]!, o as never),
  },
  {
    words: ['drill', 'worm'],
    summary: 'WORM proof drill: try to delete, overwrite and shorten the lock of an object in the store; record the refusals in a drill-report. Exit 0 all refused, 1 not.',
    options: [
      { name: 'store', type: 'string', value: 'url', required: true, description: 's3://<bucket>/<prefix>?... of the evidence store' },
      { name: 'out', type: 'string', value: 'file', description: 'write the drill-report evidence here' },
      { name: 'repo', type: 'string', value: 'owner/name', description: 'repository the report is evidence for (default: $GITHUB_REPOSITORY)' },
      { name: 'commit', type: 'string', value: 'sha', description: 'commit the report is evidence for (default: $GITHUB_SHA)' },
      { name: 'probe-retention', type: 'string', value: 'seconds', default: '86400', description: 'how long the probe object stays locked' },
      { name: 'ledger', type: 'string', value: 'url', description: 'also record the act in the audit ledger at this store URL (file:///<dir> or s3://<bucket>/<prefix>?...); seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY' },
    ],
    run: async (o) => (await import('./commands/drill.js')).wormDrillCommand(o as never),
  },
  {
    words: ['drill', 'restore'],
    summary: 'Restore drill: fetch the newest (or given) release bundle from the store, verify it end to end, time it against the RTO; record it in a drill-report. Exit 0 restored and verified in time, 1 missing, altered or late, 2 bad input.',
    options: [
      { name: 'store', type: 'string', value: 'url', required: true, description: 'the evidence store holding bundles as <tag>/: s3://<bucket>/<prefix>?..., file://<dir> or a folder' },
      { name: 'release', type: 'string', value: 'tag', description: 'release to restore (default: the newest bundle in the store, by its manifest\'s createdAt)' },
      { name: 'rto', type: 'string', value: 'duration', required: true, description: 'recovery time objective, ISO 8601 (PT4H, PT30M, PT90S)' },
      { name: 'rpo', type: 'string', value: 'duration', description: 'recovery point objective: the restored release may be at most this old' },
      { name: 'identity', type: 'string', value: 'identity', description: 'keyless: expected certificate identity of the bundle\'s signer, or /regex/' },
      { name: 'issuer', type: 'string', value: 'url', description: 'keyless: expected OIDC issuer' },
      { name: 'key', type: 'string', value: 'pub.pem', description: 'key-based: the signer\'s public key (PEM)' },
      { name: 'trusted-root', type: 'string', value: 'file', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro)' },
      { name: 'allow-unsigned', type: 'boolean', description: 'accept a bundle without a signature' },
      { name: 'out', type: 'string', value: 'file', description: 'write the drill-report evidence here' },
      { name: 'repo', type: 'string', value: 'owner/name', description: 'repository the report is evidence for (default: $GITHUB_REPOSITORY)' },
      { name: 'commit', type: 'string', value: 'sha', description: 'commit the report is evidence for (default: $GITHUB_SHA)' },
      { name: 'ledger', type: 'string', value: 'url', description: 'also record the act in the audit ledger at this store URL (file:///<dir> or s3://<bucket>/<prefix>?...); seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY' },
    ],
    run: async (o) => (await import('./commands/drill.js')).restoreDrillCommand(o as never),
  },
  {
    words: ['drill', 'incident'],
    summary: 'Mock incident drill: open an issue from the drill form with its checklist, watch it until a person comments, is assigned or closes it, and measure the time to that first acknowledgement against the target; record it in a drill-report. Needs GITHUB_TOKEN (issues: write). Exit 0 acknowledged in time, 1 late or not at all, 2 bad input.',
    options: [
      { name: 'repo', type: 'string', value: 'owner/name', description: 'repository the drill issue is opened in and the report is evidence for (default: $GITHUB_REPOSITORY)' },
      { name: 'template', type: 'string', value: 'file', default: '.github/ISSUE_TEMPLATE/drill-report.yml', description: 'issue form the drill issue is made from (Maestro ships templates/.github/ISSUE_TEMPLATE/drill-report.yml)' },
      { name: 'ack-target', type: 'string', value: 'duration', default: 'PT15M', description: 'time to first acknowledgement the drill must meet, ISO 8601; the drill waits this long at most' },
      { name: 'poll', type: 'string', value: 'duration', default: 'PT30S', description: 'how often the issue is checked for an acknowledgement' },
      { name: 'issue', type: 'string', value: 'number', description: 'resume measuring a drill issue opened earlier instead of opening one' },
      { name: 'api-url', type: 'string', value: 'url', description: 'GitHub REST API URL (default: $GITHUB_API_URL or https://api.github.com)' },
      { name: 'out', type: 'string', value: 'file', description: 'write the drill-report evidence here' },
      { name: 'commit', type: 'string', value: 'sha', description: 'commit the report is evidence for (default: $GITHUB_SHA)' },
      { name: 'ledger', type: 'string', value: 'url', description: 'also record the act in the audit ledger at this store URL (file:///<dir> or s3://<bucket>/<prefix>?...); seals per LEDGER_SIGNING_KEY and LEDGER_SEAL_EVERY' },
    ],
    run: async (o) => (await import('./commands/drill.js')).incidentDrillCommand(o as never),
  },
  {
    words: ['schema-diff'],
    summary: 'Diff two GraphQL schemas (breaking, dangerous, safe), list deprecations and check persisted operations. Exit 0 passed, 1 breaking changes without the approval label, 2 bad input.',
    options: [
      { name: 'new', type: 'string', value: 'schema', required: true, description: 'the new schema: SDL or introspection JSON file, or <git ref>:<path>' },
      { name: 'old', type: 'string', value: 'schema', description: 'the old schema, as --new (default: origin/<PR base branch>:<new path>)' },
      { name: 'operations', type: 'string', value: 'dir', description: 'folder of persisted operations (.graphql) to validate against the new schema' },
      { name: 'approval-label', type: 'string', value: 'label', default: 'approved-breaking-change', description: 'PR label that accepts breaking changes (recorded in the report)' },
      { name: 'labels', type: 'string', value: 'list', description: "the PR's labels, comma-separated (default: from the event)" },
      { name: 'event', type: 'string', value: 'file', description: 'pull_request webhook payload: labels and base branch (default: $GITHUB_EVENT_PATH on pull_request runs)' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/schema-diff.js')).schemaDiffCommand(o as never),
  },
  {
    words: ['verify-attestation'],
    summary: 'Verify Sigstore bundles for artifacts offline (signature, certificate chain, transparency log, signer identity and issuer, artifact digest as subject), read SLSA provenance, quarantine unverified artifacts. Exit 0 all verified, 1 some unverified, 2 bad input.',
    options: [
      { name: 'artifact', type: 'string', value: 'file', multiple: true, required: true, description: 'an artifact to verify (repeat for several)' },
      { name: 'bundle', type: 'string', value: 'file', multiple: true, required: true, description: "a Sigstore bundle (.sigstore.json) or the npm registry's attestations JSON (repeat for several)" },
      { name: 'identity', type: 'string', value: 'SAN', description: "expected certificate identity; ^... or /.../ is a regular expression (e.g. ^https://github.com/acme/web/)" },
      { name: 'issuer', type: 'string', value: 'url', description: 'expected OIDC issuer (GitHub Actions: https://token.actions.githubusercontent.com)' },
      { name: 'key', type: 'string', value: 'pub.pem', description: 'PEM public key for key-signed bundles' },
      { name: 'trusted-root', type: 'string', value: 'json', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro; never fetched)' },
      { name: 'predicate-type', type: 'string', value: 'uri', default: 'slsa', description: 'required predicate: slsa (SLSA provenance v0.2 or v1), a predicate type URI, or any' },
      { name: 'quarantine', type: 'string', value: 'mode', choices: ['rename', 'move', 'none'], default: 'rename', description: 'what to do with unverified artifacts: add .quarantined, move them to --quarantine-dir, or leave them' },
      { name: 'quarantine-dir', type: 'string', value: 'dir', default: 'quarantine', description: 'where --quarantine move puts unverified artifacts' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/verify-attestation.js')).verifyAttestationCommand(o as never),
  },
  {
    words: ['sbom-diff'],
    summary: 'Diff two SBOMs (CycloneDX 1.4-1.6 or SPDX 2.3 JSON) by package URL: added, removed, version- and license-changed components; fail on denied packages or licenses and on new copyleft licenses. Exit 0 passed, 1 policy violated, 2 bad input.',
    options: [
      { name: 'base', type: 'string', value: 'sbom.json', required: true, description: 'SBOM of the base branch or previous release' },
      { name: 'head', type: 'string', value: 'sbom.json', required: true, description: 'SBOM of the change' },
      { name: 'deny-license', type: 'string', value: 'spdx-id', multiple: true, description: 'SPDX license id that added or changed components may not carry' },
      { name: 'deny-package', type: 'string', value: 'purl or name', multiple: true, description: 'package that may not be added, as a purl without version (pkg:npm/left-pad) or a name' },
      { name: 'copyleft', type: 'string', value: 'level', choices: ['strong', 'all', 'off'], default: 'strong', description: 'fail on new copyleft licenses: strong (GPL, AGPL, ...), all (also LGPL, MPL, EPL, ...), or off' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/sbom-diff.js')).sbomDiffCommand(o as never),
  },
  {
    words: ['k6'],
    summary: 'Evaluate a k6 end-of-test summary: the thresholds k6 recorded, the catalog\'s (p95 < 350 ms, p99 < 900 ms, failed requests < 1%) and yours, and p(95) against a baseline run. Exit 0 passed, 1 failed (a missing statistic fails), 2 bad input.',
    options: [
      { name: 'summary', type: 'string', value: 'file', required: true, description: 'k6 summary: the --summary-export file or the JSON of handleSummary() data' },
      { name: 'threshold', type: 'string', value: 'metric:expression', multiple: true, description: "extra threshold, such as 'http_req_duration{scenario:browse}:p(95)<300'" },
      { name: 'baseline', type: 'string', value: 'file', description: 'summary of a baseline run (such as the base branch) to compare p(95) with' },
      { name: 'max-p95-regression', type: 'string', value: 'percent', description: 'largest allowed growth of http_req_duration p(95) against the baseline (default: 10)' },
      { name: 'no-catalog-thresholds', type: 'boolean', description: "skip the catalog's thresholds; k6's own and --threshold ones remain" },
      catalogOption,
      { name: 'config', type: 'string', value: 'file', description: 'repo config whose thresholds.k6-summary (p95Ms, p99Ms, failedRate) override the catalog (default: .github/maestro.yml when present)' },
      { name: 'no-config', type: 'boolean', description: 'ignore .github/maestro.yml' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/k6.js')).k6Command(o as never),
  },
  {
    words: ['slo'],
    summary: 'Error budget burn of SLOs: budget consumed and multi-window burn rates from Prometheus (or precomputed SLIs), with the policy warn > 20%, block > 30%, lift a block < 10%. Exit 0 passed (warnings included), 1 an SLO blocks or could not be evaluated, 2 bad input.',
    options: [
      { name: 'prometheus', type: 'string', value: 'url', description: 'Prometheus base URL, such as http://127.0.0.1:9090; the Authorization header comes from $MAESTRO_PROMETHEUS_AUTHORIZATION' },
      { name: 'slo', type: 'string', value: 'file', description: 'SLO definitions (YAML): service, objective, window, and good/total or errorRatio PromQL with {{window}}' },
      { name: 'slis', type: 'string', value: 'file', description: 'precomputed SLIs (JSON), instead of --slo and --prometheus' },
      { name: 'at', type: 'string', value: 'time', description: 'evaluation time, RFC 3339 or Unix seconds (default: now)' },
      { name: 'previous', type: 'string', value: 'file', description: "the previous slo-burn report: its blocks hold until the budget consumed falls below the policy's releaseBelow" },
      { name: 'timeout', type: 'string', value: 'duration', description: 'per-query timeout, such as 30s or 2m (default: 30s)' },
      { name: 'header', type: 'string', value: 'name: value', multiple: true, description: "extra request header, such as 'X-Scope-OrgID: tenant-1'" },
      { name: 'ca-file', type: 'string', value: 'file', description: 'PEM CA bundle to verify the Prometheus certificate with' },
      { name: 'client-cert', type: 'string', value: 'file', description: 'PEM client certificate for mutual TLS (with --client-key)' },
      { name: 'client-key', type: 'string', value: 'file', description: 'PEM key of the client certificate' },
      { name: 'insecure-skip-verify', type: 'boolean', description: 'do not verify the TLS certificate (test setups only)' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/slo.js')).sloCommand(o as never),
  },
  {
    words: ['a11y'],
    summary: 'Apply the accessibility thresholds (no critical, at most 4 minor by default) to axe-core results, or scan pages in headless Chromium with axe-core (--url), counting only violations new against a baseline when one is given. Exit 0 passed, 1 failed, 2 bad input.',
    options: [
      { name: 'results', type: 'string', value: 'file', description: 'axe-core results: the JSON of axe.run(), one object or an array with one per page (or --url)' },
      { name: 'url', type: 'string', value: 'url', multiple: true, description: 'scan this page in headless Chromium with axe-core instead of reading results (repeatable)' },
      { name: 'allow-host', type: 'string', value: 'host', multiple: true, description: 'refuse any --url on another host (repeatable; host or host:port)' },
      { name: 'browser-path', type: 'string', value: 'file', description: 'Chrome or Chromium executable (default: $CHROME_BIN, /usr/bin/google-chrome, else /usr/bin/chromium); never downloaded' },
      { name: 'tag', type: 'string', value: 'tag', multiple: true, description: 'axe rule tags to run (repeatable; default: wcag2a, wcag2aa, wcag21a, wcag21aa)' },
      { name: 'wait-until', type: 'string', value: 'state', choices: ['load', 'domcontentloaded', 'networkidle', 'commit'], description: 'load state each page must reach before the scan (default: load)' },
      { name: 'wait-for', type: 'string', value: 'selector', description: 'CSS selector each page must show before the scan' },
      { name: 'page-timeout', type: 'string', value: 'ms', description: 'milliseconds each page may take to load, wait and be scanned (default: 30000)' },
      { name: 'header', type: 'string', value: 'name: value', multiple: true, description: 'HTTP header sent with every request of the scan (repeatable)' },
      { name: 'cookie', type: 'string', value: 'name=value', multiple: true, description: "cookie set on every scanned URL's host (repeatable)" },
      { name: 'login-script', type: 'string', value: 'file', description: 'JavaScript run once in the first page before the scan (an async function body); its session is kept for every page' },
      { name: 'screenshots', type: 'string', value: 'dir', description: 'folder of the page screenshots (default: the folder of --out, else a11y-screenshots)' },
      { name: 'baseline', type: 'string', value: 'file', description: "the base branch's a11y report or axe results: only violations absent there count" },
      { name: 'max-critical', type: 'string', value: 'n', description: 'most critical violations that pass (default: the catalog, 0)' },
      { name: 'max-serious', type: 'string', value: 'n', description: 'most serious violations that pass (default: no bound)' },
      { name: 'max-moderate', type: 'string', value: 'n', description: 'most moderate violations that pass (default: no bound)' },
      { name: 'max-minor', type: 'string', value: 'n', description: 'most minor violations that pass (default: the catalog, 4)' },
      catalogOption,
      { name: 'config', type: 'string', value: 'file', description: 'repo config whose thresholds.a11y (maxCritical, maxSerious, maxModerate, maxMinor) override the catalog (default: .github/maestro.yml when present)' },
      { name: 'no-config', type: 'boolean', description: 'ignore .github/maestro.yml' },
      ...GATE_OUTPUT_OPTIONS,
    ],
    run: async (o) => (await import('./commands/a11y.js')).a11yCommand(o as never),
  },
  {
    words: ['ledger', 'verify'],
    summary: 'Verify the audit ledger: every entry\'s bytes and hash links from the first entry (changed, removed, reordered or forked entries), and every seal\'s signature over the head it sealed. Exit 0 intact, 1 tampered (naming the first bad entry and why), 2 unreadable or bad input.',
    args: [{ name: 'store', required: true }],
    options: [
      { name: 'key', type: 'string', value: 'pub.pem', description: 'key-signed seals: the signer\'s public key (PEM)' },
      { name: 'identity', type: 'string', value: 'identity', description: 'keyless seals: expected certificate identity (workflow URI or e-mail), or /regex/' },
      { name: 'issuer', type: 'string', value: 'url', description: 'keyless seals: expected OIDC issuer, such as https://token.actions.githubusercontent.com' },
      { name: 'trusted-root', type: 'string', value: 'file', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro)' },
      { name: 'format', type: 'string', value: 'format', choices: ['markdown', 'json'], default: 'markdown', description: 'output format' },
    ],
    run: async (o, args) => (await import('./commands/ledger.js')).ledgerVerifyCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'export'],
    summary: 'Export the audit ledger\'s events for SIEM tools, in chain order, after checking the chain (a tampered ledger is not exported). Exit 0 exported, 1 tampered, 2 unreadable or bad input.',
    args: [{ name: 'store', required: true }],
    options: [
      { name: 'format', type: 'string', value: 'format', choices: ['jsonl', 'csv'], default: 'jsonl', description: 'JSON Lines, or RFC 4180 CSV with a header row (cells that a spreadsheet would run as formulas are prefixed with \')' },
      { name: 'since', type: 'string', value: 'time', description: 'only events that took effect at or after this RFC 3339 time or date (YYYY-MM-DD, midnight UTC)' },
      { name: 'out', type: 'string', value: 'file', description: 'write to this file (atomically) instead of standard output' },
    ],
    run: async (o, args) => (await import('./commands/ledger.js')).ledgerExportCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'seal'],
    summary: 'Seal the audit ledger: sign the current head (its position and sha256, which covers every entry before it) as a Sigstore bundle stored under seals/. Exit 0 sealed or already sealed, 2 bad input.',
    args: [{ name: 'store', required: true }],
    options: [{ name: 'sign', type: 'string', value: 'mode', required: true, description: 'keyless (Sigstore with the workflow\'s OIDC token) or key:<ECDSA P-256 private key PEM>' }],
    run: async (o, args) => (await import('./commands/ledger.js')).ledgerSealCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'append'],
    summary: 'Append one audit event (a JSON file: action, actor, at, repo, and optionally deliveryId, number, sha, controlId, before, after, reason) to the audit ledger. Exit 0 appended, 2 bad input.',
    args: [{ name: 'store', required: true }],
    options: [
      { name: 'event', type: 'string', value: 'file', required: true, description: 'the audit event (JSON, at most 64 KiB; reason at most 2000 characters, before and after at most 8 KiB each)' },
      { name: 'sign', type: 'string', value: 'mode', description: 'sign periodic seals with keyless or key:<PEM> (default: $LEDGER_SIGNING_KEY)' },
      { name: 'seal-every', type: 'string', value: 'n', description: 'seal after every n entries (default: $LEDGER_SEAL_EVERY; needs --sign)' },
    ],
    run: async (o, args) => (await import('./commands/ledger.js')).ledgerAppendCommand(args[0]!, o as never),
  },
];
