import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSbomPolicy } from '../../../../core/gates/sbom-diff/check-sbom-policy.js';
import { diffSboms, packageKey } from '../../../../core/gates/sbom-diff/diff-sboms.js';
import { evaluateSbomDiff } from '../../../../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../../../../core/gates/sbom-diff/parse-sbom.js';
import type { SbomComponent, SbomPolicy } from '../../../../core/gates/sbom-diff/types.js';
import { parseEvidence } from '../../../../core/evidence/parse-evidence.js';
import '../../../helpers/build-evidence.js';

const fixtures = resolve(import.meta.dirname, '../../../fixtures/sbom');
const load = (file: string) => parseSbom(JSON.parse(readFileSync(resolve(fixtures, file), 'utf8')), file);
const context = { subject: { repo: 'octo/app', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00Z' };
const policy: SbomPolicy = { deniedLicenses: [], deniedPackages: [], copyleft: 'strong' };

/** A CycloneDX 1.6 SBOM of the given components. */
const cdx = (components: object[]) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
const lib = (name: string, version: string, license?: string) => ({ type: 'library', name, version, purl: `pkg:npm/${name}@${version}`, ...(license ? { licenses: [{ license: { id: license } }] } : {}) });

describe('parseSbom and diffSboms with real SBOMs of express 4.17.1 and 4.21.2', () => {
  it.each([
    ['npm sbom CycloneDX', 'express-4.17.1/npm-sbom.cdx.json', 'express-4.21.2/npm-sbom.cdx.json', 'cyclonedx-1.5'],
    ['cyclonedx-npm 1.4 to 1.6', 'express-4.17.1/cyclonedx-npm.cdx-1.4.json', 'express-4.21.2/cyclonedx-npm.cdx-1.6.json', 'cyclonedx-1.4'],
    ['npm sbom SPDX 2.3', 'express-4.17.1/npm-sbom.spdx.json', 'express-4.21.2/npm-sbom.spdx.json', 'spdx-2.3'],
  ])('finds the same dependency changes from %s', (_name, baseFile, headFile, format) => {
    const base = load(baseFile);
    expect(base.format).toBe(format);
    const diff = diffSboms(base, load(headFile));
    expect(diff.versionChanged).toContainEqual({ purl: 'pkg:npm/express@4.21.2', name: 'express', from: '4.17.1', to: '4.21.2' });
    expect(diff.added.map((c) => c.purl)).toContain('pkg:npm/call-bind-apply-helpers@1.0.2');
    expect([diff.added.length, diff.versionChanged.length, diff.licenseChanged.length]).toEqual([23, 21, 0]);
  });

  it('reads licenses by id and keeps the purl as the key', () => {
    const sbom = load('express-4.21.2/cyclonedx-npm.cdx-1.6.json');
    expect(sbom.components.get('pkg:npm/express@4.21.2')).toEqual({ purl: 'pkg:npm/express@4.21.2', name: 'express', version: '4.21.2', licenses: ['MIT'] });
  });
});

describe('diffSboms', () => {
  const parse = (components: object[]) => parseSbom(cdx(components), 'sbom.json');

  it('matches packages by purl without version, and handles packages present in several versions', () => {
    const diff = diffSboms(parse([lib('a', '1.0.0'), lib('b', '1.0.0'), lib('b', '2.0.0'), lib('gone', '1.0.0')]), parse([lib('a', '1.1.0'), lib('b', '2.0.0'), lib('b', '3.0.0'), lib('new', '1.0.0')]));
    expect(diff.versionChanged).toEqual([{ purl: 'pkg:npm/a@1.1.0', name: 'a', from: '1.0.0', to: '1.1.0' }]);
    expect(diff.added.map((c) => c.purl)).toEqual(['pkg:npm/b@3.0.0', 'pkg:npm/new@1.0.0']);
    expect(diff.removed.map((c) => c.purl)).toEqual(['pkg:npm/b@1.0.0', 'pkg:npm/gone@1.0.0']);
  });

  it('reports a license change of the same version', () => {
    const diff = diffSboms(parse([lib('a', '1.0.0', 'MIT')]), parse([lib('a', '1.0.0', 'GPL-3.0-only')]));
    expect(diff.licenseChanged).toEqual([{ purl: 'pkg:npm/a@1.0.0', name: 'a', from: ['MIT'], to: ['GPL-3.0-only'] }]);
  });

  it('keys scoped and qualified purls without their version', () => {
    expect(packageKey('pkg:npm/%40scope/name@1.2.3?arch=x64#sub')).toBe('pkg:npm/%40scope/name?arch=x64#sub');
  });
});

describe('checkSbomPolicy', () => {
  const c = (name: string, licenses: string[]): SbomComponent => ({ purl: `pkg:npm/${name}@1.0.0`, name, version: '1.0.0', licenses });
  it.each<[string, { component: SbomComponent; before?: SbomComponent }, Partial<SbomPolicy>, string[]]>([
    ['a new GPL package', { component: c('x', ['GPL-3.0-only']) }, {}, ['copyleft-license']],
    ['a dual-licensed package with a permissive choice', { component: c('x', ['(MIT OR GPL-3.0-or-later)']) }, {}, []],
    ['a GPL package that was already GPL', { component: c('x', ['GPL-2.0-only']), before: c('x', ['GPL-2.0-or-later']) }, {}, []],
    ['a package relicensed from MIT to AGPL', { component: c('x', ['AGPL-3.0-only']), before: c('x', ['MIT']) }, {}, ['copyleft-license']],
    ['an LGPL package with strong copyleft checks', { component: c('x', ['LGPL-2.1-only']) }, {}, []],
    ['an LGPL package with all copyleft checks', { component: c('x', ['LGPL-2.1-only']) }, { copyleft: 'all' }, ['copyleft-license']],
    ['a GPL package with copyleft checks off', { component: c('x', ['GPL-3.0-only']) }, { copyleft: 'off' }, []],
    ['a denied package by purl', { component: c('left-pad', ['MIT']) }, { deniedPackages: ['pkg:npm/left-pad'] }, ['denied-package']],
    ['a denied package by name', { component: c('left-pad', ['MIT']) }, { deniedPackages: ['left-pad'] }, ['denied-package']],
    ['a denied license, in any case', { component: c('x', ['wtfpl']) }, { deniedLicenses: ['WTFPL'] }, ['denied-license']],
  ])('%s', (_name, introduced, overrides, rules) => {
    expect(checkSbomPolicy([introduced], { ...policy, ...overrides }).map((v) => v.rule)).toEqual(rules);
  });
});

describe('parseSbom', () => {
  it.each([
    ['a JSON document that is no SBOM', { name: 'x' }, '', /is neither a CycloneDX SBOM/],
    ['CycloneDX 1.3', { bomFormat: 'CycloneDX', specVersion: '1.3' }, '/specVersion', /this gate reads 1\.4, 1\.5 and 1\.6/],
    ['SPDX 2.2', { spdxVersion: 'SPDX-2.2' }, '/spdxVersion', /reads SPDX-2\.3/],
    ['components that are not an array', cdx({} as never), '/components', /must be an array/],
    ['a component without a name', cdx([{ type: 'library', purl: 'pkg:npm/a@1' }]), '/components/0/name', /must be a non-empty string/],
    ['a purl that is not one', cdx([{ type: 'library', name: 'a', purl: 'npm:a@1' }]), '/components/0/purl', /not a package URL/],
    ['a license entry that is not an object', cdx([{ ...lib('a', '1'), licenses: ['MIT'] }]), '/components/0/licenses/0', /must be a JSON object/],
  ])('refuses %s with SBOM_INVALID at the field', (_name, document, pointer, message) => {
    expect(() => parseSbom(document, 'sbom.json')).toThrow(expect.objectContaining({ code: 'SBOM_INVALID', pointer, message: expect.stringMatching(message) }));
  });

  it('reads 100,000 components and nested assemblies 10,000 deep without recursion', () => {
    const many = cdx(Array.from({ length: 100_000 }, (_, i) => lib(`p${i}`, '1.0.0', 'MIT')));
    expect(parseSbom(JSON.parse(JSON.stringify(many)), 'big.json').components.size).toBe(100_000);
    let nested: { components?: object[] } & object = lib('leaf', '1.0.0');
    for (let i = 0; i < 10_000; i++) nested = { ...lib(`n${i}`, '1.0.0'), components: [nested] };
    expect(parseSbom(cdx([nested]), 'deep.json').components.size).toBe(10_001);
  });
});

describe('evaluateSbomDiff', () => {
  it('fails on a violation and makes a valid report with a Markdown table', () => {
    const base = parseSbom(cdx([lib('a', '1.0.0', 'MIT')]), 'base.json');
    const head = parseSbom(cdx([lib('a', '1.0.0', 'MIT'), lib('gpl-thing', '2.0.0', 'GPL-3.0-only')]), 'head.json');
    const outcome = evaluateSbomDiff(base, head, policy, context);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.headline).toMatch(/^1 dependency policy violation: gpl-thing@2\.0\.0 brings the copyleft license GPL-3\.0-only/);
    expect(outcome.outputs).toEqual({ added: '1', removed: '0', 'version-changed': '0', 'license-changed': '0', violations: '1' });
    expect(outcome.markdown).toContain('| copyleft-license | `pkg:npm/gpl-thing@2.0.0` |');
    expect(parseEvidence(Buffer.from(JSON.stringify(outcome.report)), 'r.json').status).toBe('valid');
  });

  it('passes the real express upgrade and escapes package text', () => {
    const outcome = evaluateSbomDiff(load('express-4.17.1/npm-sbom.cdx.json'), load('express-4.21.2/npm-sbom.cdx.json'), policy, context);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.markdown).toContain('| 23 | 1 | 21 | 0 |');
    const hostile = evaluateSbomDiff(parseSbom(cdx([]), 'a'), parseSbom(cdx([{ ...lib('x', '1'), licenses: [{ license: { name: '<script>alert(1)</script> @admins' } }] }]), 'b'), policy, context);
    expect(hostile.markdown).not.toMatch(/[^\\]<script/);
    expect(hostile.markdown).not.toContain('@admins');
  });
});
