import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { actionProblems, workflowProblems } from '../helpers/workflow-parser.js';

const root = resolve(import.meta.dirname, '../..');

/** Every *.yml of a folder (not recursive), as paths relative to the repository. */
function ymlIn(dir: string): string[] {
  const full = join(root, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)) : [];
}

const workflows = [...ymlIn('workflows'), ...ymlIn('templates/.github/workflows'), ...ymlIn('.github/workflows')];
const actions = [...(existsSync(join(root, 'action.yml')) ? ['action.yml'] : []), ...readdirSync(join(root, 'actions'), { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => ymlIn(join('actions', d.name)).filter((f) => /\/action\.ya?ml$/.test(f)))];
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('workflows and actions, read by GitHub\'s own parser', () => {
  it('finds the reusable workflows, the caller templates and the actions', () => {
    expect(workflows).toEqual(expect.arrayContaining(['workflows/ga-gates.yml', 'workflows/drift.yml', 'workflows/drills.yml', 'templates/.github/workflows/maestro.yml']));
    expect(actions).toContain('action.yml');
  });

  it.each(workflows)('%s parses with no error and its expressions name declared things', async (path) => {
    expect(await workflowProblems(path, read(path))).toEqual([]);
  });

  it.each(actions)('%s parses with no error and its expressions name declared things', (path) => {
    expect(actionProblems(path, read(path))).toEqual([]);
  });

  describe('a deliberately broken copy of ga-gates.yml', () => {
    const text = read('workflows/ga-gates.yml');
    it.each([
      ['an unknown key', text.replace('    runs-on: ${{ inputs.runs-on }}\n    permissions:\n      contents: read\n      pull-requests: read', '    runs-on: ${{ inputs.runs-on }}\n    permission:\n      contents: read'), /Unexpected value 'permission'/],
      ['an expression that does not parse', text.replace("contains(fromJSON(needs.plan.outputs.gates), 'k6')", "contains(fromJSON(needs.plan.outputs.gates), 'k6'"), /Unexpected symbol: 'EOF'/],
      ['an unknown context', text.replace('${{ inputs.url }}', '${{ input.url }}'), /Unrecognized named-value: 'input'/],
      ['an undeclared input', text.replace('${{ inputs.url }}', '${{ inputs.page }}'), /uses inputs\.page, which is not declared/],
      ['a needs of a job that does not exist', text.replace('needs: [plan, schema-diff, attestation, a11y, k6, slo]', 'needs: [plan, sbom]'), /sbom/],
      ['an output of a step id that does not exist', text.replace('${{ steps.gate.outputs.conclusion }}', '${{ steps.gates.outputs.conclusion }}'), /steps\.gates/],
      ['YAML that does not parse', text.replace('jobs:\n', 'jobs:\n  broken: [\n'), /must be sufficiently indented/],
    ])('fails with %s', async (_what, broken, message) => {
      expect(broken).not.toBe(text);
      const problems = await workflowProblems('workflows/ga-gates.yml', broken);
      expect(problems.join('\n')).toMatch(message);
    });
  });

  it('fails a broken copy of the root action.yml', () => {
    expect(actionProblems('action.yml', read('action.yml').replace('using: node24', 'using: node99')).join('\n')).toMatch(/node99/);
  });

  describe('pins', () => {
    const files = [...workflows, ...actions].map((path) => ({ path, text: read(path) }));
    const uses = files.flatMap(({ path, text }) => [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((m) => ({ path, ref: m[1]!, comment: m[2]!.trim() })));

    it('pins every action and reusable workflow to a full commit SHA with its version in a comment', () => {
      const loose = uses.filter((u) => !u.ref.startsWith('./') && !/@[0-9a-f]{40}$/.test(u.ref));
      expect(loose).toEqual([]);
      expect(uses.filter((u) => !u.ref.startsWith('./') && !/^# v\d+\.\d+\.\d+$/.test(u.comment))).toEqual([]);
    });

    it('pins Maestro Conductor itself to one release everywhere, so a release moves every reference at once', () => {
      const own = uses.filter((u) => u.ref.startsWith('maestro-conductor/maestro-conductor'));
      expect(own.length).toBeGreaterThan(5);
      expect(new Set(own.map((u) => `${u.ref.split('@')[1]} ${u.comment}`)).size).toBe(1);
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
    it.each(ymlIn('workflows'))('%s grants nothing at the top and declares permissions on every job', (path) => {
      const doc = parse(read(path)) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, { permissions?: unknown }> };
      expect(Object.keys(doc.on)).toEqual(['workflow_call']);
      expect(doc.permissions).toEqual({});
      for (const [id, job] of Object.entries(doc.jobs)) expect([id, job.permissions]).toEqual([id, expect.any(Object)]);
    });

    it.each(ymlIn('templates/.github/workflows'))('%s grants its reusable workflow\'s jobs no less than they ask for', (path) => {
      const caller = parse(read(path)) as { jobs: Record<string, { uses: string; permissions: Record<string, string> }> };
      for (const job of Object.values(caller.jobs)) {
        const callee = parse(read(`workflows/${job.uses.split('/').at(-1)!.split('@')[0]}`)) as { jobs: Record<string, { permissions: Record<string, string> }> };
        for (const needed of Object.values(callee.jobs)) {
          for (const [scope, level] of Object.entries(needed.permissions)) expect([scope, job.permissions[scope] === 'write' || job.permissions[scope] === level]).toEqual([scope, true]);
        }
      }
    });
  });
});
