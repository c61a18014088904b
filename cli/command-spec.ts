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
    summary: 'Apply the accessibility thresholds (no critical, at most 4 minor by default) to axe-core results, counting only violations new against a baseline when one is given. Exit 0 passed, 1 failed, 2 bad input.',
    options: [
      { name: 'results', type: 'string', value: 'file', required: true, description: 'axe-core results: the JSON of axe.run(), one object or an array with one per page' },
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
];
