import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildBundle, type BuildBundleInput } from '../../flows/build-bundle.js';
import type { SignMode } from '../../adapters/sigstore/parse-sign-mode.js';
import { statementSigner } from '../../adapters/sigstore/statement-signer.js';
import { makeReport } from './build-evidence.js';
import { buildIo } from './real-adapters.js';

export const RELEASE_COMMIT = 'c'.repeat(40);

/** A fresh temporary folder. */
export function tempDir(prefix = 'maestro-bundle-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path -> content) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** An artifacts folder as a release workflow gathers it: reports, a decision log of the release commit, a binary. */
export function makeArtifacts(dir: string): string {
  const decisionLog = makeReport('decision-log', {
    gate: { checkName: 'Enforce GA Gates Evidence', conclusion: 'success', evaluatedAt: '2026-11-20T11:00:00Z', catalogDigest: 'd'.repeat(64) },
    decisions: [
      { decisionId: `dec_${'a'.repeat(16)}`, ruleId: 'GA-01', result: 'pass', explanation: 'met', evidence: [] },
      { decisionId: `dec_${'b'.repeat(16)}`, ruleId: 'GA-02', result: 'waived', explanation: 'waived', evidence: [] },
    ],
  }, { sha: RELEASE_COMMIT });
  delete (decisionLog.subject as { pr?: number }).pr;
  return writeTree(dir, {
    'gates/decision-log.json': JSON.stringify(decisionLog),
    'reports/notes.txt': 'release notes\n',
    'sbom/app.spdx.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251)),
  });
}

/** Generates an ECDSA P-256 key pair with openssl, as a user would; returns the PEM file paths. */
export function makeKeyPair(dir: string): { privateKey: string; publicKey: string } {
  const privateKey = join(dir, 'signing-key.pem');
  const publicKey = join(dir, 'signing-key.pub.pem');
  const raw = execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
  writeFileSync(privateKey, execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt'], { input: raw }));
  execFileSync('openssl', ['ec', '-in', privateKey, '-pubout', '-out', publicKey], { stdio: 'ignore' });
  return { privateKey, publicKey };
}

/** Builds a bundle with fixed release inputs through the real adapters, signed as `sign` says; override what the test is about. */
export function build(input: Partial<Omit<BuildBundleInput, 'signer'>> & Pick<BuildBundleInput, 'artifactsDir' | 'outDir'> & { sign?: SignMode }) {
  const { sign, ...rest } = input;
  return buildBundle({ release: 'v1.0.0', repo: 'acme/web', commit: RELEASE_COMMIT, createdAt: '2026-11-20T12:00:00Z', producer: { name: 'maestro evidence bundle', version: 'test' }, ...rest, ...(sign ? { signer: statementSigner(sign) } : {}) }, buildIo);
}

/** A clone with the release commit tagged v2.0.0, as actions/checkout leaves it on a tag push. */
export function taggedRepo(dir: string): { workspace: string; sha: string } {
  const workspace = join(dir, 'repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z', GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z' } }).trim();
  execFileSync('git', ['init', '-q', workspace]);
  writeFileSync(join(workspace, 'README'), 'web\n');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'add', '.');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '-m', 'release');
  git('tag', 'v2.0.0');
  return { workspace, sha: git('rev-parse', 'HEAD') };
}
