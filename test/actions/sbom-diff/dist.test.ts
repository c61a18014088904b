import { describe, expect, it } from '@jest/globals';
import { runActionBundle } from '../../helpers/run-action-bundle.js';

const subject = { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40) };
const base = 'test/fixtures/sbom/express-4.17.1/npm-sbom.cdx.json';
const head = 'test/fixtures/sbom/express-4.21.2/npm-sbom.cdx.json';

describe('the committed bundle of actions/sbom-diff', () => {
  it('shows the real express upgrade and passes', async () => {
    const run = await runActionBundle('sbom-diff', { base, head, upload: 'false' }, subject);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ conclusion: 'pass', added: '23', removed: '1', 'version-changed': '21', 'license-changed': '0', violations: '0' });
    expect(run.summary).toContain('| 23 | 1 | 21 | 0 |');
  });

  it('fails on denied packages given one per line, annotating each', async () => {
    const run = await runActionBundle('sbom-diff', { base, head, 'deny-packages': 'pkg:npm/es-errors\ngopd\n', upload: 'false' }, subject);
    expect(run.code).toBe(1);
    expect(run.outputs.violations).toBe('2');
    expect(run.log).toContain('::error title=SBOM denied-package::es-errors@1.3.0 is a denied package (pkg:npm/es-errors@1.3.0)');
  });

  it('fails the step with a usage error when a required input is missing', async () => {
    const run = await runActionBundle('sbom-diff', { base, upload: 'false' }, subject);
    expect(run.code).toBe(1);
    expect(run.log).toContain("::error::error USAGE: the input head is required and was not given%0A  remedy: set head in the step's with: block.");
  });

  it('refuses an unknown copyleft level', async () => {
    const run = await runActionBundle('sbom-diff', { base, head, copyleft: 'some', upload: 'false' }, subject);
    expect(run.code).toBe(1);
    expect(run.log).toContain('error USAGE: copyleft "some" is not one of strong, all, off');
  });
});
