import { parseSbom } from '../core/gates/sbom-diff/parse-sbom.js';
import { getGc, seededRandom, since } from './lib.js';
function makeSbom(n: number): string {
  const random = seededRandom(n);
  const licenses = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause'];
  const components = Array.from({ length: n }, (_, i) => {
    const version = `${Math.floor(random() * 10)}.${Math.floor(random() * 20)}.${Math.floor(random() * 30)}`;
    return { type: 'library', 'bom-ref': `pkg-${i}@${version}`, name: `pkg-${i}`, version, purl: `pkg:npm/pkg-${i}@${version}`, licenses: [{ license: { id: licenses[i % licenses.length] } }], hashes: [{ alg: 'SHA-512', content: 'ab'.repeat(64) }] };
  });
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }, null, 2);
}
const gc = getGc();
for (const n of (process.argv[2] ?? '10000,25000,50000').split(',').map(Number)) {
  const text = makeSbom(n);
  const s = { parse: [] as number[], both: [] as number[] };
  for (let round = 0; round < 15; round++) {
    for (const what of round % 2 ? ['parse', 'both'] : ['both', 'parse']) {
      gc();
      const start = process.hrtime.bigint();
      const doc = JSON.parse(text) as unknown;
      if (what === 'both') parseSbom(doc, 'sbom.json');
      if (round >= 3) s[what as 'parse' | 'both'].push(since(start));
    }
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
  console.log(n, (text.length / 1e6).toFixed(1) + 'MB', 'parse', med(s.parse).toFixed(1), 'both', med(s.both).toFixed(1), 'ratio', (med(s.both) / med(s.parse)).toFixed(2));
}
