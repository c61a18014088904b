import { describe, expect, it } from '@jest/globals';
import { combineCatalogs, describeCatalog, withShippedOrigin } from '../../../core/controls/combine-catalogs.js';
import { describeCatalogProblem, parseCatalogFiles, type CatalogFileText } from '../../../core/controls/parse-catalog-files.js';
import type { Catalog } from '../../../core/controls/types.js';
import { toSchemaIssues } from '../../../core/evidence/schema-issues.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { validateControl } from '../../../core/generated/control-validator.js';

const IN = 'in acme/.github';
const schema = (value: unknown) => (validateControl(value) ? [] : toSchemaIssues(validateControl.errors ?? [], value));

/** A valid control file of the org, as YAML. */
function control(id: string, extra = ''): string {
  return [
    `id: ${id}`,
    'title: Release notes',
    'priority: P1',
    'blocking: true',
    'description: Every release-labelled pull request links its release notes.',
    'frameworks: { soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PS.3.1] }',
    'applies: { labels: [release] }',
    'evidence:',
    '  - kind: link',
    '    description: A reviewer approved the link to the release notes.',
    '    scope: commit',
    '    maxAge: P30D',
    '    link: true',
    extra,
  ].join('\n');
}

const file = (name: string, text: string): CatalogFileText => ({ name: `maestro/controls/${name} ${IN}`, text });

function problemsOf(files: CatalogFileText[]): string[] {
  const parsed = parseCatalogFiles(files, schema);
  if (parsed.ok) throw new Error('expected the catalog to be refused');
  return parsed.problems.map(describeCatalogProblem);
}

describe('custom control files are validated like the shipped catalog, each problem naming the file and the key', () => {
  it('accepts valid files', () => {
    const parsed = parseCatalogFiles([file('org-01.yml', control('ORG-01')), file('org-02.yml', control('ORG-02'))], schema);
    expect(parsed.ok && parsed.catalog.controls.map((c) => [c.id, c.source])).toEqual([['ORG-01', `maestro/controls/org-01.yml ${IN}`], ['ORG-02', `maestro/controls/org-02.yml ${IN}`]]);
  });

  it.each([
    ['malformed YAML', 'id: ORG-01\ntitle: [unclosed\n', /^maestro\/controls\/x\.yml in acme\/\.github line \d+: not valid YAML: .+; fix the YAML at that line$/],
    ['a duplicate key', `${control('ORG-01')}\npriority: P0\n`, /^maestro\/controls\/x\.yml in acme\/\.github line 15: not valid YAML: duplicate key "priority" at the top level \(lines 3 and 15\): a key may appear only once in a mapping; fix the YAML at that line$/],
    ['an unknown key', `${control('ORG-01')}\nseverity: high\n`, /^maestro\/controls\/x\.yml in acme\/\.github at \/severity: unknown field "severity"; fix the field; Maestro's controls\/control\.schema\.json documents every field$/],
    ['a wrong value', control('ORG-01').replace('priority: P1', 'priority: P9'), /^maestro\/controls\/x\.yml in acme\/\.github at \/priority: .*P0.*; fix the field/],
    ['a requirement rule a schema cannot express', control('ORG-01').replace('maxAge: P30D', 'maxAge: P30X'), /^maestro\/controls\/x\.yml in acme\/\.github at \/evidence\/0\/maxAge: /],
    ['hostile YAML (a billion laughs)', `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`, /^maestro\/controls\/x\.yml in acme\/\.github: not valid YAML: .*alias.*; fix the YAML at that line$/i],
  ])('refuses %s', (_what, text, message) => {
    const problems = problemsOf([file('x.yml', text)]);
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it('refuses a control id used twice among the files, naming both', () => {
    expect(problemsOf([file('a.yml', control('ORG-01')), file('b.yml', control('ORG-01'))])).toEqual([
      `maestro/controls/b.yml ${IN} at /id: control id ORG-01 is defined twice, in maestro/controls/a.yml ${IN} and in maestro/controls/b.yml ${IN}; give each control its own id (a control with the id of a shipped one replaces it when the catalog extends the shipped one)`,
    ]);
  });

  it('collects the problems of every file in one pass', () => {
    expect(problemsOf([file('a.yml', 'id: [\n'), file('b.yml', `${control('ORG-02')}\nextra: 1\n`), file('c.yml', control('ORG-03'))])).toHaveLength(2);
  });
});

describe('combineCatalogs', () => {
  const shipped = withShippedOrigin(defaultCatalog, '0.1.0');
  const parsed = parseCatalogFiles([file('ga-25.yml', control('GA-25')), file('org-01.yml', control('ORG-01'))], schema);
  if (!parsed.ok) throw new Error('fixture');
  const custom: Catalog = parsed.catalog;
  const where = { source: 'org' as const, location: 'acme/.github@1a2b3c4 maestro/controls', files: 2 };

  it('extend: adds the org controls, replaces the shipped control of the same id, and says so', () => {
    const combined = combineCatalogs(shipped, custom, 'extend', where, '0.1.0');
    expect(combined.controls).toHaveLength(31);
    expect(combined.controls.find((c) => c.id === 'GA-25')!.title).toBe('Release notes');
    expect(combined.controls.map((c) => c.id)).toEqual([...combined.controls.map((c) => c.id)].sort());
    expect(combined.origin).toEqual({ source: 'org', mode: 'extend', location: where.location, files: 2, overrides: ['GA-25'], shippedVersion: '0.1.0' });
    expect(combined.digest).not.toBe(shipped.digest);
    expect(describeCatalog(combined.origin, combined.digest)).toBe(`org acme/.github@1a2b3c4 maestro/controls (2 files, digest ${combined.digest.slice(0, 12)}) extending shipped v0.1.0 (replaces GA-25)`);
  });

  it('replace: the org controls alone, with their own digest', () => {
    const combined = combineCatalogs(shipped, custom, 'replace', where, '0.1.0');
    expect(combined.controls.map((c) => c.id)).toEqual(['GA-25', 'ORG-01']);
    expect(combined.digest).toBe(custom.digest);
    expect(describeCatalog(combined.origin, combined.digest)).toBe(`org acme/.github@1a2b3c4 maestro/controls (2 files, digest ${custom.digest.slice(0, 12)}) replacing shipped v0.1.0`);
  });

  it('names the shipped catalog by its version', () => {
    expect(describeCatalog(shipped.origin, shipped.digest)).toBe(`shipped v0.1.0 (digest ${shipped.digest.slice(0, 12)})`);
  });
});
