import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSbom } from '../../../../core/gates/sbom-diff/parse-sbom.js';
import { isPurl, licenseExpressionError } from '../../../../core/gates/sbom-diff/sbom-problems.js';

/** Fixtures are mutated freely. */
type Json = Record<string, any>;

const fixtures = resolve(import.meta.dirname, '../../../fixtures/sbom');
const read = (file: string): Json => JSON.parse(readFileSync(resolve(fixtures, file), 'utf8')) as Json;
const cdx16 = read('express-4.21.2/cyclonedx-npm.cdx-1.6.json');
const cdx14 = read('express-4.17.1/cyclonedx-npm.cdx-1.4.json');
const spdx = read('express-4.21.2/npm-sbom.spdx.json');
/** The real SBOM with one change: each rule is broken on an otherwise valid document. */
const broken = (doc: Json, change: (d: Json) => void): Json => {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
};
const invalid = (pointer: string, message: RegExp) => expect.objectContaining({ code: 'SBOM_INVALID', pointer, message: expect.stringMatching(message) });

describe('parseSbom on real SBOMs', () => {
  it.each([
    ['express-4.17.1/cyclonedx-npm.cdx-1.4.json', 'cyclonedx-1.4'],
    ['express-4.17.1/npm-sbom.cdx.json', 'cyclonedx-1.5'],
    ['express-4.17.1/npm-sbom.spdx.json', 'spdx-2.3'],
    ['express-4.21.2/cyclonedx-npm.cdx-1.6.json', 'cyclonedx-1.6'],
    ['express-4.21.2/npm-sbom.cdx.json', 'cyclonedx-1.5'],
    ['express-4.21.2/npm-sbom.spdx.json', 'spdx-2.3'],
  ])('accepts %s as written by its tool', (file, format) => {
    const sbom = parseSbom(read(file), file);
    expect(sbom.format).toBe(format);
    expect(sbom.components.size).toBeGreaterThan(40);
  });
});

describe('parseSbom on CycloneDX that breaks the specification', () => {
  it.each<[string, Json, string, RegExp]>([
    ['an unknown top-level property', broken(cdx16, (d) => (d.extra = 1)), '/extra', /is not a property of a CycloneDX BOM/],
    ['a component type outside the enum', broken(cdx16, (d) => (d.components[3].type = 'lib')), '/components/3/type', /must be one of the component types of CycloneDX 1\.6 \(application, .*\), not "lib"/],
    ['a 1.5 component type in a 1.4 BOM', broken(cdx14, (d) => (d.components[0].type = 'platform')), '/components/0/type', /component types of CycloneDX 1\.4/],
    ['a component without a name', broken(cdx16, (d) => delete d.components[2].name), '/components/2/name', /must be a non-empty string/],
    ['a version that is a number', broken(cdx16, (d) => (d.components[2].version = 1)), '/components/2/version', /must be a string/],
    ['an unknown component property', broken(cdx16, (d) => (d.components[2].license = 'MIT')), '/components/2/license', /is not a property of a CycloneDX 1\.6 component/],
    ['a property of 1.6 in a 1.4 BOM', broken(cdx14, (d) => (d.components[2].tags = ['x'])), '/components/2/tags', /is not a property of a CycloneDX 1\.4 component/],
    ['a bom-ref given twice', broken(cdx16, (d) => (d.components[5]['bom-ref'] = d.components[4]['bom-ref'])), '/components/5/bom-ref', /repeats the bom-ref "sbom-fixture@1\.0\.0\|.*" of an earlier element/],
    ['a dependency on an unknown bom-ref', broken(cdx16, (d) => d.dependencies[1].dependsOn.push('nowhere@1.0.0')), '/dependencies/1/dependsOn/31', /names "nowhere@1\.0\.0", which is the bom-ref of no component or service/],
    ['a dependency entry for an unknown bom-ref', broken(cdx16, (d) => (d.dependencies[2].ref = 'ghost')), '/dependencies/2/ref', /names "ghost"/],
    ['a dependsOn listing a ref twice', broken(cdx16, (d) => d.dependencies[1].dependsOn.push(d.dependencies[1].dependsOn[0])), '/dependencies/1/dependsOn/31', /repeats "sbom-fixture@1\.0\.0\|accepts@1\.3\.8"; items are unique/],
    ['a short dependsOn listing a ref twice', broken(cdx16, (d) => (d.dependencies[0].dependsOn = [d.components[0]['bom-ref'], d.components[0]['bom-ref']])), '/dependencies/0/dependsOn/1', /items are unique/],
    ['provides in a 1.4 dependency', broken(cdx14, (d) => (d.dependencies[1].provides = [])), '/dependencies/1/provides', /is not a property of a CycloneDX 1\.4 dependency/],
    ['the same dependency entry twice', broken(cdx16, (d) => d.dependencies.push(structuredClone(d.dependencies[3]))), '/dependencies/73', /repeats an earlier dependency entry/],
    ['a purl with a space', broken(cdx16, (d) => (d.components[1].purl = 'pkg:npm/acc epts@1.3.8')), '/components/1/purl', /not a package URL/],
    ['a purl with a bad escape', broken(cdx16, (d) => (d.components[1].purl = 'pkg:npm/%4gaccepts@1.3.8')), '/components/1/purl', /not a package URL/],
    ['a license with both id and name', broken(cdx16, (d) => (d.components[1].licenses[0].license.name = 'MIT License')), '/components/1/licenses/0/license', /exactly one of id and name/],
    ['a license id that is not an SPDX id', broken(cdx16, (d) => (d.components[1].licenses[0].license.id = 'Mit')), '/components/1/licenses/0/license/id', /"Mit" is not an SPDX license id/],
    ['an acknowledgement outside the enum', broken(cdx16, (d) => (d.components[1].licenses[0].license.acknowledgement = 'guessed')), '/components/1/licenses/0/license/acknowledgement', /declared or concluded/],
    ['a license expression that does not parse', broken(cdx16, (d) => (d.components[1].licenses = [{ expression: 'MIT OR' }])), '/components/1/licenses/0/expression', /"MIT OR" is not an SPDX license expression: it ends where a license is expected/],
    ['an expression beside a license in 1.6', broken(cdx16, (d) => d.components[1].licenses.push({ expression: 'MIT' })), '/components/1/licenses', /either licenses or exactly one expression/],
    ['an entry with license and expression', broken(cdx16, (d) => (d.components[1].licenses[0].expression = 'MIT')), '/components/1/licenses/0/license', /cannot stand beside expression/],
    ['licenses that are strings', broken(cdx16, (d) => (d.components[1].licenses = ['MIT'])), '/components/1/licenses/0', /must be a JSON object/],
    ['a hash algorithm outside the enum', broken(cdx16, (d) => (d.components[1].hashes = [{ alg: 'SHA512', content: 'ab'.repeat(64) }])), '/components/1/hashes/0/alg', /must be one of MD5, SHA-1/],
    ['a hash that is not hex', broken(cdx16, (d) => (d.components[1].hashes = [{ alg: 'SHA-256', content: 'zz'.repeat(32) }])), '/components/1/hashes/0/content', /hex digest/],
    ['an external reference type outside the enum', broken(cdx16, (d) => (d.components[1].externalReferences = [{ url: 'https://x', type: 'homepage' }])), '/components/1/externalReferences/0/type', /external reference type of CycloneDX 1\.6, not "homepage"/],
    ['a scope outside the enum', broken(cdx16, (d) => (d.components[1].scope = 'dev')), '/components/1/scope', /required, optional or excluded/],
    ['a serial number that is no UUID URN', broken(cdx16, (d) => (d.serialNumber = 'abc')), '/serialNumber', /urn:uuid:/],
    ['a metadata timestamp that is no date-time', broken(cdx16, (d) => (d.metadata.timestamp = '23/11/2026')), '/metadata/timestamp', /RFC 3339/],
    ['tools as an object in 1.4', broken(cdx14, (d) => (d.metadata.tools = { components: [] })), '/metadata/tools', /must be an array of tools/],
    ['a BOM version of 0', broken(cdx16, (d) => (d.version = 0)), '/version', /integer of at least 1/],
    ['a nested component list that is no array', broken(cdx16, (d) => (d.components[1].components = {})), '/components/1/components', /must be an array of components/],
    ['a property without a name in 1.6', broken(cdx16, (d) => (d.components[1].properties = [{ value: 'x' }])), '/components/1/properties/0', /string name and a string value/],
    ['a service without a name', broken(cdx16, (d) => (d.services = [{ 'bom-ref': 'svc' }])), '/services/0/name', /must be a non-empty string/],
    ['two equal components without bom-ref', broken(cdx16, (d) => d.components.push({ type: 'library', name: 'x', version: '1' }, { version: '1', name: 'x', type: 'library' })), '/components/71', /same component as an earlier one of this array/],
  ])('refuses %s with SBOM_INVALID at its pointer', (_name, document, pointer, message) => {
    expect(() => parseSbom(document, 'sbom.json')).toThrow(invalid(pointer, message));
  });

  it('tells components without bom-ref apart by their nested components, and lets the same component appear in different arrays', () => {
    const leaf = (name: string) => ({ type: 'library', name });
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ ...leaf('a'), components: [leaf('x')] }, { ...leaf('a'), components: [leaf('y')] }, { ...leaf('b'), components: [leaf('x')] }] };
    expect(parseSbom(doc, 'sbom.json').withoutPurl).toBe(6);
    doc.components.push({ ...leaf('a'), components: [leaf('y')] });
    expect(() => parseSbom(doc, 'sbom.json')).toThrow(invalid('/components/3', /same component as an earlier one/));
  });

  it('lists every problem in one error, each with its pointer, and stops at 20', () => {
    const two = broken(cdx16, (d) => {
      d.components[1].type = 'lib';
      d.dependencies[2].ref = 'ghost';
    });
    expect(() => parseSbom(two, 'sbom.json')).toThrow(expect.objectContaining({ message: expect.stringMatching(/^SBOM sbom\.json at \/components\/1\/type must be one of .*\n {2}and 1 more:\n {2}- at \/dependencies\/2\/ref names "ghost"/) }));
    const many = broken(cdx16, (d) => d.components.forEach((c: Json) => (c.type = 'lib')));
    expect(() => parseSbom(many, 'sbom.json')).toThrow(expect.objectContaining({ message: expect.stringMatching(/and 19 more \(reading stopped there\)/) }));
  });

  it('reads a 100,000-component SBOM with its dependency graph, and names the one broken ref at its end', () => {
    const components = Array.from({ length: 100_000 }, (_, i) => ({ type: 'library', name: `p${i}`, version: '1.0.0', 'bom-ref': `p${i}@1.0.0`, purl: `pkg:npm/p${i}@1.0.0`, licenses: [{ license: { id: 'MIT' } }] }));
    const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i + 1 < components.length ? [components[i + 1]!['bom-ref']] : [] }));
    const doc = JSON.parse(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components, dependencies })) as Json;
    expect(parseSbom(doc, 'big.json').components.size).toBe(100_000);
    doc.dependencies[99_999].dependsOn = ['p100000@1.0.0'];
    expect(() => parseSbom(doc, 'big.json')).toThrow(invalid('/dependencies/99999/dependsOn/0', /names "p100000@1\.0\.0"/));
  });
});

describe('parseSbom on SPDX 2.3 that breaks the specification', () => {
  it.each<[string, Json, string, RegExp]>([
    ['an SPDXID of the wrong form', broken(spdx, (d) => (d.packages[1].SPDXID = 'Package-accepts')), '/packages/1/SPDXID', /must be an SPDXID \(SPDXRef- followed by/],
    ['an SPDXID given twice', broken(spdx, (d) => (d.packages[2].SPDXID = d.packages[1].SPDXID)), '/packages/2/SPDXID', /repeats the SPDXID SPDXRef-Package-accepts-1\.3\.8/],
    ['a relationship to an unknown element', broken(spdx, (d) => (d.relationships[1].relatedSpdxElement = 'SPDXRef-Package-nowhere')), '/relationships/1/relatedSpdxElement', /names "SPDXRef-Package-nowhere", which is the SPDXID of no element/],
    ['a relationship from an unknown element', broken(spdx, (d) => (d.relationships[1].spdxElementId = 'SPDXRef-gone')), '/relationships/1/spdxElementId', /names "SPDXRef-gone"/],
    ['a relationship type outside the enum', broken(spdx, (d) => (d.relationships[1].relationshipType = 'USES')), '/relationships/1/relationshipType', /not "USES"/],
    ['documentDescribes naming an unknown element', broken(spdx, (d) => (d.documentDescribes = ['SPDXRef-x'])), '/documentDescribes/0', /names "SPDXRef-x"/],
    ['a data license other than CC0-1.0', broken(spdx, (d) => (d.dataLicense = 'MIT')), '/dataLicense', /CC0-1\.0/],
    ['a creation date that is no date-time', broken(spdx, (d) => (d.creationInfo.created = 'today')), '/creationInfo/created', /RFC 3339/],
    ['a creator without its type', broken(spdx, (d) => (d.creationInfo.creators = ['npm'])), '/creationInfo/creators/0', /"Tool: \.\.\."/],
    ['a namespace with a fragment', broken(spdx, (d) => (d.documentNamespace = 'https://x.test/doc#1')), '/documentNamespace', /absolute URI without "#"/],
    ['a purl reference that is no purl', broken(spdx, (d) => (d.packages[1].externalRefs[0].referenceLocator = 'npm/accepts@1.3.8')), '/packages/1/externalRefs/0/referenceLocator', /not a package URL/],
    ['a reference category outside the enum', broken(spdx, (d) => (d.packages[1].externalRefs[0].referenceCategory = 'PACKAGE')), '/packages/1/externalRefs/0', /referenceCategory/],
    ['a declared license that is no expression', broken(spdx, (d) => (d.packages[1].licenseDeclared = 'MIT AND')), '/packages/1/licenseDeclared', /is not an SPDX license expression/],
    ['a package without downloadLocation', broken(spdx, (d) => delete d.packages[1].downloadLocation), '/packages/1/downloadLocation', /URL, NONE or NOASSERTION/],
    ['an unknown package property', broken(spdx, (d) => (d.packages[1].purl = 'pkg:npm/accepts@1.3.8')), '/packages/1/purl', /is not a property of an SPDX 2\.3 package/],
    ['a checksum that is not lower-case hex', broken(spdx, (d) => (d.packages[1].checksums[0].checksumValue = 'ABC')), '/packages/1/checksums/0', /lower-case hex digest/],
    ['a package purpose outside the enum', broken(spdx, (d) => (d.packages[1].primaryPackagePurpose = 'LIB')), '/packages/1/primaryPackagePurpose', /must be one of OTHER, INSTALL/],
  ])('refuses %s with SBOM_INVALID at its pointer', (_name, document, pointer, message) => {
    expect(() => parseSbom(document, 'sbom.spdx.json')).toThrow(invalid(pointer, message));
  });

  it('accepts relationships to NOASSERTION and to elements of a declared external document', () => {
    const doc = broken(spdx, (d) => {
      d.externalDocumentRefs = [{ externalDocumentId: 'DocumentRef-base', spdxDocument: 'https://x.test/base', checksum: { algorithm: 'SHA1', checksumValue: 'a'.repeat(40) } }];
      d.relationships.push({ spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: 'NOASSERTION', relationshipType: 'OTHER' }, { spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: 'DocumentRef-base:SPDXRef-Package-x', relationshipType: 'AMENDS' });
    });
    expect(parseSbom(doc, 'sbom.spdx.json').components.size).toBe(73);
    expect(() => parseSbom(broken(doc, (d) => (d.relationships.at(-1).relatedSpdxElement = 'DocumentRef-other:SPDXRef-x')), 'sbom.spdx.json')).toThrow(invalid('/relationships/131/relatedSpdxElement', /DocumentRef-other/));
  });
});

describe('licenseExpressionError', () => {
  it.each([
    ['MIT', undefined],
    ['(MIT OR Apache-2.0)', undefined],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', undefined],
    ['LicenseRef-scancode-x AND DocumentRef-a:LicenseRef-b', undefined],
    ['Apache-2.0+ and mit', undefined],
    ['MIT OR', 'ends where a license is expected'],
    ['(MIT', 'has unbalanced parentheses'],
    ['MIT)', 'has an unbalanced or misplaced ")"'],
    ['MIT Apache-2.0', 'has "Apache-2.0" where AND, OR or WITH is expected'],
    ['AND MIT', 'has AND where a license is expected'],
    ['MIT / Apache-2.0', 'has an unexpected character at position 5'],
  ])('%s', (expression, error) => {
    expect(licenseExpressionError(expression)).toBe(error);
  });
});

describe('isPurl', () => {
  it.each([
    ['pkg:npm/%40scope/name@1.2.3', true],
    ['pkg:maven/org.apache/commons-io@2.0?type=jar&classifier=sources#src/main', true],
    ['pkg:golang/github.com/a/b@v1.0.0', true],
    ['pkg:npm/a', true],
    ['npm:a@1', false],
    ['pkg:npm/', false],
    ['pkg:1npm/a', false],
    ['pkg:npm/a@', false],
    ['pkg:npm/a?noval', false],
    ['pkg:npm/a%2', false],
  ])('%s is %s', (purl, expected) => {
    expect(isPurl(purl)).toBe(expected);
  });
});
