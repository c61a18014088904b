import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { fixDrift } from '../../../core/drift/fix-drift.js';
import { realworld } from '../../helpers/shared-dir.js';

// Workflows of public projects (read in place; see ../shared/realworld/workflows/sources.tsv), named
// <org>--<repo>--<workflow>.yml. Within one org, the first repo's copy of a workflow is taken as the
// template and every other repo's copy of the same workflow as a repository that may have drifted.
const dir = realworld.path('workflows');
const files = !realworld.dir ? [] : readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
const workflowOf = (file: string): string => file.split('--')[2]!.replace('.yml', '').replace(/^codeql-analysis$/, 'codeql');
const orgOf = (file: string): string => file.split('--')[0]!;
const groups = new Map<string, string[]>();
for (const file of files) groups.set(`${orgOf(file)}/${workflowOf(file)}`, [...(groups.get(`${orgOf(file)}/${workflowOf(file)}`) ?? []), file]);
const pairs = [...groups.values()].filter((g) => g.length > 1).flatMap(([template, ...repos]) => repos.map((repo) => [template!, repo!] as const));
const read = (file: string) => ({ path: `.github/workflows/${workflowOf(file)}.yml`, text: readFileSync(join(dir, file), 'utf8') });
const jobsOf = (text: string): string[] => Object.keys((parse(text) as { jobs?: Record<string, unknown> }).jobs ?? {});

realworld.describe('drift on real workflows of public projects', () => {
  it('pairs several workflows of the same organisation, most of them drifted', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    const drifted = pairs.filter(([t, r]) => detectDrift({ template: [read(t)], repo: [read(r)], templateSource: t, pairSingleFiles: true }).status === 'drift');
    expect(drifted.length).toBeGreaterThan(pairs.length / 2);
  });

  it.each(pairs)('template %s against %s: compared, and any drift fixed back to the template keeping the repo\'s own jobs', (templateFile, repoFile) => {
    const input = { template: [read(templateFile)], repo: [read(repoFile)], templateSource: templateFile, pairSingleFiles: true };
    const before = detectDrift(input);
    expect(before.status).not.toBe('invalid');
    const fixed = fixDrift(input);
    if (before.status === 'clean') return expect(fixed).toEqual([]);
    expect(fixed).toHaveLength(1);
    const after = detectDrift({ ...input, repo: fixed });
    expect(after).toMatchObject({ status: 'clean', changes: [] });
    // Jobs only the repository has are its own additions: they survive the fix.
    const own = jobsOf(input.repo[0]!.text).filter((job) => !jobsOf(input.template[0]!.text).includes(job));
    expect(jobsOf(fixed[0]!.text)).toEqual(expect.arrayContaining(own));
  });
});
