import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { runMaestro } from '../helpers/run-maestro.js';

const base = 'test/fixtures/sbom/express-4.17.1/cyclonedx-npm.cdx-1.4.json';
const head = 'test/fixtures/sbom/express-4.21.2/npm-sbom.spdx.json';
const subject = ['--repo', 'octo/app', '--sha', 'd'.repeat(40)];

describe('maestro sbom-diff', () => {
  it('passes a real dependency upgrade and writes a valid report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'maestro-sbom-')), 'report.json');
    const { code, stdout } = runMaestro(['sbom-diff', '--base', base, '--head', head, ...subject, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('### ✅ SBOM diff: No dependency policy violations (');
    expect(parseEvidence(readFileSync(out), 'report.json').status).toBe('valid');
  });

  it('exits 1 on denied packages, each given with a repeated option', () => {
    const { code, stdout } = runMaestro(['sbom-diff', '--base', base, '--head', head, '--deny-package', 'pkg:npm/es-errors', '--deny-package', 'gopd', '--format', 'json', ...subject]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).data.violations.map((v: { purl: string }) => v.purl)).toEqual(['pkg:npm/es-errors@1.3.0', 'pkg:npm/gopd@1.2.0']);
  });

  it('exits 2 on a file that is not an SBOM, naming the field', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'maestro-sbom-')), 'bad.json');
    writeFileSync(bad, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library' }] }));
    const { code, stderr } = runMaestro(['sbom-diff', '--base', base, '--head', bad, ...subject]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error SBOM_INVALID: SBOM ${bad} at /components/0/name must be a non-empty string`);
  });
});
