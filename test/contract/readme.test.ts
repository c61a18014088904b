import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { renderReadmeSections } from '../../core/render/render-readme-sections.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README.md', () => {
  it('has the generated catalog and configuration references up to date (run npm run docs)', () => {
    expect(readme).toBe(renderReadmeSections(readme));
  });

  it('names the two set-up commands, and .ci/run calls exactly its test command', () => {
    expect(readme).toContain('npm ci && npm run build && npm run example');
    expect(readme).toMatch(/^npm test\s+#/m);
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('documents every control of the catalog', () => {
    for (let i = 1; i <= 30; i++) expect(readme).toContain(`**GA-${String(i).padStart(2, '0')}**`);
  });
});
