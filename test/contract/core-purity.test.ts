import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourcesUnder(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

describe('core/ stays pure', () => {
  it.each([
    ["import { readFile } from 'node:fs/promises';", 'node:fs/promises'],
    ["import { Octokit } from '@octokit/rest';", '@octokit/rest'],
    ["import { S3Client } from '@aws-sdk/client-s3';", '@aws-sdk/client-s3'],
    ["import * as core from '@actions/core';", '@actions/core'],
    ["import { request } from 'node:https';", 'node:https'],
  ])('refuses %s in core/engine', async (code, module) => {
    expect(await lint(`${code}\nexport const x = 1;\n`, 'core/engine/example.ts')).toContainEqual(expect.stringContaining(`no-restricted-imports: '${module}'`));
  });

  it('refuses fetch and process in core/engine', async () => {
    const messages = await lint("export const x = () => fetch('https://example.com');\nexport const y = process.env.HOME;\n", 'core/engine/example.ts');
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining("no-restricted-globals: Unexpected use of 'fetch'"), expect.stringContaining("no-restricted-globals: Unexpected use of 'process'")]));
  });

  it('allows file-system access in adapters/', async () => {
    expect(await lint("import { readFile } from 'node:fs/promises';\nexport const read = (p: string) => readFile(p);\n", 'adapters/fs/example.ts')).toEqual([]);
  });

  it('refuses an import of an adapter or a flow in core/, whatever the folder', async () => {
    const messages = await lint("import { readInputFile } from '../../adapters/fs/read-input-file.js';\nexport const r = readInputFile;\n", 'core/ports/example.ts');
    expect(messages).toContainEqual(expect.stringContaining('import-x/no-restricted-paths'));
  });

  it('holds for every file of core/, with no exemption', () => {
    const offenders = sourcesUnder(join(root, 'core'))
      .filter((f) => /from '(node:)?(fs|fs\/promises|http|https|net|child_process|os)'|from '@(octokit|aws-sdk|actions|sigstore)\/|from '(ioredis|bullmq|playwright-core|yauzl|prom-client)'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
