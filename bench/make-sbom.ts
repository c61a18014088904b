import { seededRandom } from './lib.js';

const LICENSES = ['MIT', 'MIT', 'MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', '(MIT OR Apache-2.0)'];

/** A CycloneDX 1.6 SBOM of `n` npm components as cyclonedx-npm writes it (pretty-printed), seeded. */
export function makeCycloneDx(n: number): string {
  const random = seededRandom(n);
  const refs: string[] = [];
  const components = Array.from({ length: n }, (_, i) => {
    const version = `${Math.floor(random() * 10)}.${Math.floor(random() * 20)}.${Math.floor(random() * 30)}`;
    const name = i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`;
    const ref = `app@1.0.0|${name}@${version}`;
    refs.push(ref);
    const license = LICENSES[i % LICENSES.length]!;
    const digest = Array.from({ length: 8 }, () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')).join('').repeat(2);
    return {
      type: 'library',
      name,
      version,
      'bom-ref': ref,
      licenses: license.startsWith('(') ? [{ expression: license }] : [{ license: { id: license, acknowledgement: 'declared' } }],
      purl: `pkg:npm/${name.replace('@', '%40')}@${version}`,
      externalReferences: [{ url: `https://registry.npmjs.org/${name}/-/pkg-${i}-${version}.tgz`, type: 'distribution', hashes: [{ alg: 'SHA-512', content: digest }] }],
      properties: [{ name: 'cdx:npm:package:path', value: `node_modules/${name}` }],
    };
  });
  const dependencies = refs.map((ref) => ({ ref, dependsOn: [...new Set(Array.from({ length: Math.floor(random() * 6) }, () => refs[Math.floor(random() * n)]!))].filter((r) => r !== ref) }));
  const metadata = {
    timestamp: '2026-11-20T12:00:00.000Z',
    tools: { components: [{ type: 'application', name: 'cyclonedx-npm', group: '@cyclonedx', version: '6.0.1', 'bom-ref': 'tool-cyclonedx-npm' }] },
    component: { type: 'application', name: 'app', version: '1.0.0', 'bom-ref': 'app@1.0.0', purl: 'pkg:npm/app@1.0.0' },
  };
  return JSON.stringify({ $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1, metadata, components, dependencies: [{ ref: 'app@1.0.0', dependsOn: refs.slice(0, 20) }, ...dependencies] }, null, 2);
}
