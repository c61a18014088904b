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
];
