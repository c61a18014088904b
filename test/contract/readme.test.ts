import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { anchorsOf } from '../helpers/markdown-links.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const ci = readFileSync(join(root, '.ci/run'), 'utf8');
const section = (heading: string) => readme.slice(readme.indexOf(`${heading}\n`)).split(/\n## /)[0]!;

/** The Debian packages each scripts/services/<name>-start.sh installs with apt-get. */
const servicePackages = readdirSync(join(root, 'scripts/services'))
  .filter((f) => f.endsWith('-start.sh'))
  .flatMap((f) => [...readFileSync(join(root, 'scripts/services', f), 'utf8').matchAll(/apt-get install [^\n]*?--no-install-recommends ([^>\n]+)/g)].flatMap((m) => m[1]!.trim().split(/\s+/)));

describe('README.md', () => {
  it('is a front door: under 250 lines, with a contents list whose links all land', () => {
    expect(readme.split('\n').length).toBeLessThan(250);
    const contents = section('## Contents');
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(6);
    const anchors = anchorsOf(readme);
    for (const link of links) expect(anchors).toContain(link);
  });

  it('says what GA and the ig- prefix stand for', () => {
    expect(readme).toMatch(/\*\*GA\*\* means \*general availability\*/);
    expect(readme).toMatch(/\*\*`ig-`\*\* \(`ig-evidence`, `ig-verify`\) stands for \*IntelGraph\*/);
  });

  it('shows the gate-notes comment of the failing example', () => {
    expect(readme).toContain('](docs/images/gate-notes-pr-failing.png)');
    expect(existsSync(join(root, 'docs/images/gate-notes-pr-failing.png'))).toBe(true);
  });

  it('offers the four paths: the App, Actions only, the CLI, an auditor verifying a release', () => {
    const paths = section('## Choose your path');
    expect([...paths.matchAll(/^### (.*)$/gm)].map((m) => m[1])).toEqual(['The GitHub App', 'GitHub Actions only', 'The CLI', 'An auditor verifying a release']);
  });

  it('names the two set-up commands, and .ci/run calls exactly its test command', () => {
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    expect(block).toEqual(['npm ci && npm run example', 'npm test']);
    expect(ci.split('\n')).toContain(block[1]);
    expect(ci).toMatch(/^npm run docs --silent -- --check$/m);
  });

  it('says which Debian packages npm test installs, which services it starts, and how to keep them', () => {
    expect(servicePackages).toEqual(expect.arrayContaining(['redis-server', 'prometheus', 'radosgw', 'chromium']));
    const quickStart = section('## Quick start');
    for (const pkg of servicePackages) expect(quickStart).toContain(`\`${pkg}\``);
    for (const service of ['Redis', 'Prometheus', 'Ceph RADOS Gateway', 'Chromium']) expect(quickStart).toContain(service);
    expect(quickStart).toContain('MAESTRO_KEEP_SERVICES=1');
  });

  it('links the guides and every generated reference page', () => {
    for (const page of ['docs/reference/cli.md', 'docs/reference/controls.md', 'docs/reference/config.md', 'docs/rollout.md', 'docs/custom-catalogs.md', 'docs/permissions.md', 'docs/drift.md', 'docs/cli-install.md', 'CONTRIBUTING.md']) {
      expect(readme).toContain(`](${page})`);
    }
  });
});
