import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { main } from '../../cli/main.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { build, makeArtifacts, makeKeyPair, tempDir, writeTree } from '../helpers/release-bundle.js';

/**
 * The bundle mutation corpus: a store of three signed, chained releases built and published by the
 * product (v1.0.0 <- v1.1.0 <- v1.2.0), tampered with one way per row, then `maestro verify` run on
 * it in this process as bin/maestro.cjs runs it. Every row must exit 1 and print exactly the failed
 * checks listed, each naming what changed.
 */

const H = '[0-9a-f]{64}';
const rx = (source: string) => new RegExp(`^${source}$`);
/** The signature check of a manifest edited in a field its signed statement does not repeat. */
const CHANGED_AFTER_SIGNING = new RegExp(`^signature manifest\\.sigstore\\.json: signs a manifest with sha256 ${H}, but manifest\\.json has sha256 ${H}: the manifest changed after signing$`);
/** The manifest schema's rule for artifact paths, as a failed check quotes it. */
const PATH_PATTERN = String.raw`^(?!(?:.*/)?\.{1,2}(?:/|$))[A-Za-z0-9._+@=,-]+(?:/[A-Za-z0-9._+@=,-]+)*$`;
/** The folder of a copied store, in file:// URLs. */
const W = String.raw`file:///\S+`;
/** What the Sigstore verifier says of a signature that does not verify, after what the envelope shows. */
const SIG = String.raw`manifest\.sigstore\.json: signature check failed: the signature does not match the signed content: the artifact, the payload or the signature was altered \(signature verification failed; trusted root: the Sigstore public-good trusted root shipped with the sigstore library\) \(rebuild or re-download the artifact and its bundle from the publisher; do not ship this artifact\.\)`;
let template = '';
let keys: { privateKey: string; publicKey: string };

beforeAll(async () => {
  template = tempDir('maestro-mutations-');
  keys = makeKeyPair(template);
  const other = makeKeyPair(tempDir());
  const artifactsDir = makeArtifacts(join(template, 'artifacts'));
  const store = pathToFileURL(join(template, 'store')).href;
  const sign = { type: 'key' as const, keyFile: keys.privateKey };
  await build({ artifactsDir, outDir: join(template, 'out/v1.0.0'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z', sign, store });
  await build({ artifactsDir, outDir: join(template, 'out/v1.1.0'), release: 'v1.1.0', createdAt: '2026-11-21T12:00:00Z', previousRelease: 'v1.0.0', sign, store });
  await build({ artifactsDir, outDir: join(template, 'out/v1.2.0'), release: 'v1.2.0', createdAt: '2026-11-22T12:00:00Z', previousRelease: 'v1.1.0', sign, store });
  // Forgeries: v1.1.0 as someone with another key signs it, and another v1.0.0 built from other notes.
  await build({ artifactsDir, outDir: join(template, 'forged/v1.1.0-other-key'), release: 'v1.1.0', createdAt: '2026-11-21T12:00:00Z', previous: join(template, 'store/v1.0.0'), sign: { type: 'key', keyFile: other.privateKey } });
  const otherNotes = writeTree(join(template, 'other-artifacts'), { 'reports/notes.txt': 'other notes\n' });
  await build({ artifactsDir: otherNotes, outDir: join(template, 'forged/v1.0.0-other'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z', sign });
  // Beyond detection by design: a newest release rebuilt and signed by the holder of the trusted key, and an unsigned bundle.
  await build({ artifactsDir: otherNotes, outDir: join(template, 'forged/v1.2.0-resigned'), release: 'v1.2.0', createdAt: '2026-11-22T12:00:00Z', previous: join(template, 'store/v1.1.0'), sign });
  await build({ artifactsDir, outDir: join(template, 'unsigned/v1.0.0'), release: 'v1.0.0', createdAt: '2026-11-20T12:00:00Z' });
});

afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

/** A fresh copy of the store, and the ways a person with write access to it could change it. */
function workspace() {
  const dir = tempDir('maestro-mutation-');
  cpSync(template, dir, { recursive: true });
  const store = join(dir, 'store');
  const at = (path: string) => join(store, path);
  const write = (path: string, bytes: string | Buffer) => {
    if (existsSync(at(path))) chmodSync(at(path), 0o644);
    writeFileSync(at(path), bytes);
  };
  const bytes = (path: string) => readFileSync(at(path));
  const json = (path: string) => JSON.parse(bytes(path).toString('utf8')) as Record<string, any>;
  /** Rewrites a manifest as the builder lays it out, so only the edited field differs. */
  const manifest = (release: string, edit: (m: Record<string, any>) => void) => {
    const m = json(`${release}/manifest.json`);
    edit(m);
    write(`${release}/manifest.json`, `${JSON.stringify(m, null, 2)}\n`);
  };
  const signature = (release: string, edit: (s: Record<string, any>) => void) => {
    const s = json(`${release}/manifest.sigstore.json`);
    edit(s);
    write(`${release}/manifest.sigstore.json`, `${JSON.stringify(s)}\n`);
  };
  /** Changes the signed statement inside the DSSE envelope (the signature no longer covers it). */
  const statement = (release: string, edit: (s: Record<string, any>) => void) =>
    signature(release, (s) => {
      const st = JSON.parse(Buffer.from(s.dsseEnvelope.payload, 'base64').toString('utf8'));
      edit(st);
      s.dsseEnvelope.payload = Buffer.from(JSON.stringify(st)).toString('base64');
    });
  const remove = (path: string) => rmSync(at(path), { recursive: true, force: true });
  const copy = (from: string, to: string) => {
    remove(to);
    cpSync(from.startsWith('/') ? from : at(from), at(to), { recursive: true });
  };
  return { dir, store, at, write, bytes, manifest, signature, statement, remove, copy, forged: (name: string) => join(dir, 'forged', name) };
}
type Workspace = ReturnType<typeof workspace>;

/** `maestro verify <location> --key <public key> ...args` in this process: exit code and output. */
async function verify(location: string, args: string[] = []): Promise<{ code: number | string | undefined; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  await main(['verify', location, '--key', keys.publicKey, ...args]);
  const code = process.exitCode;
  jest.restoreAllMocks();
  return { code, stdout, stderr };
}

const failures = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('FAIL  ')).map((l) => l.slice(6));

interface Row {
  tamper: (w: Workspace) => void;
  /** The bundle verified, below the store; v1.1.0 unless said. */
  target?: string;
  args?: string[];
  /** Every failed check, in the order printed: exact strings, or regular expressions for lines with digests. */
  fails: Array<string | RegExp>;
}

const NOTES = 'reports/notes.txt';
const LOG = 'gates/decision-log.json';
const SBOM = 'sbom/app.spdx.bin';
const V11 = 'v1.1.0';

const CORPUS: Record<string, Row> = {
  // Manifest fields, each rewritten in the builder's layout.
  'manifest: data.release changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.release = 'v1.1.1')), fails: [
      rx(String.raw`release v1\.1\.0: the manifest is of release v1\.1\.1, but v1\.1\.0 was asked for \(the last segment of ${W}/store/v1\.1\.0\)`),
      'contents subject.ref: is refs/tags/v1.1.0, but data.release v1.1.1 makes it refs/tags/v1.1.1: one of them was changed',
      rx(String.raw`signature manifest\.sigstore\.json: signs the manifest of release v1\.1\.0 \(sha256 ${H}\), not this manifest\.json of release v1\.1\.1 \(sha256 ${H}\): the signature of another release, or a manifest whose release was changed \(release is v1\.1\.1, the signed statement says v1\.1\.0\)`),
      rx(String.raw`chain v1\.1\.1: cannot find the earlier releases: the bundle's location ${W}/store/v1\.1\.0 does not end with its tag v1\.1\.1; pass --releases <folder or URL holding <tag>/manifest\.json>`),
    ] },
  'manifest: subject.repo changed': { tamper: (w) => w.manifest(V11, (m) => (m.subject.repo = 'acme/evil')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(repo is acme/evil, the signed statement says acme/web\)`),
    ] },
  'manifest: data.commit changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.commit = 'd'.repeat(40))), fails: [
      'contents subject.sha: is cccccccccccccccccccccccccccccccccccccccc, but data.commit is dddddddddddddddddddddddddddddddddddddddd: one of them was changed',
      'contents data.gates: says success (pass 1, waived 1), but no decision log among the artifacts is about commit dddddddddddddddddddddddddddddddddddddddd: the summary was changed',
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(commit is dddddddddddddddddddddddddddddddddddddddd, the signed statement says cccccccccccccccccccccccccccccccccccccccc\)`),
    ] },
  'manifest: subject.sha changed': { tamper: (w) => w.manifest(V11, (m) => (m.subject.sha = 'd'.repeat(40))), fails: [
      'contents subject.sha: is dddddddddddddddddddddddddddddddddddddddd, but data.commit is cccccccccccccccccccccccccccccccccccccccc: one of them was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: subject.ref changed': { tamper: (w) => w.manifest(V11, (m) => (m.subject.ref = 'refs/tags/v9.0.0')), fails: [
      'contents subject.ref: is refs/tags/v9.0.0, but data.release v1.1.0 makes it refs/tags/v1.1.0: one of them was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: createdAt changed': { tamper: (w) => w.manifest(V11, (m) => (m.createdAt = '2026-11-25T12:00:00Z')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(createdAt is 2026-11-25T12:00:00Z, the signed statement says 2026-11-21T12:00:00Z\)`),
    ] },
  'manifest: producer changed': { tamper: (w) => w.manifest(V11, (m) => (m.producer.version = '9.9.9')), fails: [CHANGED_AFTER_SIGNING] },
  'manifest: artifact size changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[1].size = 15)), fails: [
      'artifact reports/notes.txt: changed: size is 14 bytes, the manifest says 15',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: artifact sha256 changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[2].sha256 = 'e'.repeat(64))), fails: [
      rx(String.raw`artifact sbom/app\.spdx\.bin: changed: sha256 is ${H}, the manifest says ${H}`),
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: artifact path changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[1].path = 'reports/notes.md')), fails: [
      'artifact reports/notes.md: listed in the manifest but missing from the bundle',
      'unlisted reports/notes.txt: present in the bundle but not listed in the manifest: added after the bundle was built',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: artifact kind changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[0].kind = 'sbom-diff')), fails: [
      'contents gates/decision-log.json: is listed as a sbom-diff report, but the file is a decision-log report: the kind was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: artifact kind removed': { tamper: (w) => w.manifest(V11, (m) => delete m.data.artifacts[0].kind), fails: [
      'contents gates/decision-log.json: is a decision-log report, but the manifest lists no kind for it: the kind was removed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: artifact entry removed': { tamper: (w) => w.manifest(V11, (m) => m.data.artifacts.splice(2, 1)), fails: [
      'unlisted sbom/app.spdx.bin: present in the bundle but not listed in the manifest: added after the bundle was built',
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(the number of artifacts is 2, the signed statement says 3\)`),
    ] },
  'manifest: artifact entry added': { tamper: (w) => w.manifest(V11, (m) => m.data.artifacts.push({ path: 'zz/ghost.txt', size: 1, sha256: 'f'.repeat(64) })), fails: [
      'artifact zz/ghost.txt: listed in the manifest but missing from the bundle',
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(the number of artifacts is 4, the signed statement says 3\)`),
    ] },
  'manifest: artifact entry listed twice': { tamper: (w) => w.manifest(V11, (m) => m.data.artifacts.splice(2, 0, { ...m.data.artifacts[1] })), fails: [
      'contents reports/notes.txt: is listed twice in data.artifacts: an entry was added',
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(the number of artifacts is 4, the signed statement says 3\)`),
    ] },
  'manifest: artifacts reordered': { tamper: (w) => w.manifest(V11, (m) => m.data.artifacts.reverse()), fails: [
      'contents reports/notes.txt: is listed after sbom/app.spdx.bin: the builder lists artifacts in path order, so the list was edited',
      'contents gates/decision-log.json: is listed after reports/notes.txt: the builder lists artifacts in path order, so the list was edited',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: previous digest changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.previous = 'a'.repeat(64))), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(previous is ${H}, the signed statement says ${H}\)`),
      rx(String.raw`chain v1\.0\.0: the manifest of v1\.0\.0 has sha256 ${H}, but v1\.1\.0 names ${H}: it was replaced or altered`),
    ] },
  'manifest: previousRelease pointed at a release that is not there': { tamper: (w) => w.manifest(V11, (m) => (m.data.previousRelease = 'v0.9.0')), fails: [
      CHANGED_AFTER_SIGNING,
      rx(String.raw`chain v0\.9\.0: gap: release v0\.9\.0, the previous of v1\.1\.0, is missing from ${W}/store`),
    ] },
  'manifest: previous link removed (claims to be the first release)': { tamper: (w) => w.manifest(V11, (m) => ((m.data.previous = null), delete m.data.previousRelease)), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(previous is null, the signed statement says ${H}\)`),
    ] },
  'manifest: previousRelease removed': { tamper: (w) => w.manifest(V11, (m) => delete m.data.previousRelease), fails: [
      'contents data.previousRelease: is missing while previous names a sha256',
      CHANGED_AFTER_SIGNING,
      rx(String.raw`chain v1\.1\.0: names the previous manifest's sha256 ${H} but not its release tag, so it cannot be found`),
    ] },
  'manifest: previousRelease leaving the store': { tamper: (w) => w.manifest(V11, (m) => (m.data.previousRelease = 'v1/../../../outside')), fails: [
      CHANGED_AFTER_SIGNING,
      "chain v1.1.0: names the previous release 'v1/../../../outside', which is not a valid tag (it could point outside the releases)",
    ] },
  'manifest: gate conclusion changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.gates.conclusion = 'failure')), fails: [
      'contents data.gates: says failure (pass 1, waived 1), but the decision log of commit cccccccccccccccccccccccccccccccccccccccc gives success (pass 1, waived 1): the summary was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: gate counts changed': { tamper: (w) => w.manifest(V11, (m) => (m.data.gates.counts = { pass: 2 })), fails: [
      'contents data.gates: says success (pass 2), but the decision log of commit cccccccccccccccccccccccccccccccccccccccc gives success (pass 1, waived 1): the summary was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: gate summary removed': { tamper: (w) => w.manifest(V11, (m) => delete m.data.gates), fails: [
      'contents data.gates: says no gate summary, but the decision log of commit cccccccccccccccccccccccccccccccccccccccc gives success (pass 1, waived 1): the summary was changed',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: signature entry removed': { tamper: (w) => w.manifest(V11, (m) => delete m.data.signature), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(the manifest lists no signature, yet manifest\.sigstore\.json is there: the signature entry was removed\)`),
    ] },
  'manifest: artifact path traversal': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[1].path = '../v1.0.0/reports/notes.txt')), fails: [
      `manifest manifest.json: not a valid evidence-manifest (/data/artifacts/1/path "../v1.0.0/reports/notes.txt" does not have the expected form (${PATH_PATTERN})): it was altered or is not a bundle manifest`,
    ] },
  'manifest: absolute artifact path': { tamper: (w) => w.manifest(V11, (m) => (m.data.artifacts[1].path = '/etc/passwd')), fails: [
      `manifest manifest.json: not a valid evidence-manifest (/data/artifacts/1/path "/etc/passwd" does not have the expected form (${PATH_PATTERN})): it was altered or is not a bundle manifest`,
    ] },
  'manifest: artifact under the name of the signature': { tamper: (w) => w.manifest(V11, (m) => m.data.artifacts.push({ path: 'manifest.sigstore.json', size: 1, sha256: 'f'.repeat(64) })), fails: [
      rx(String.raw`artifact manifest\.sigstore\.json: changed: sha256 is ${H}, the manifest says ${H}, size is 1074 bytes, the manifest says 1`),
      "contents manifest.sigstore.json: is listed as an artifact under the name of the bundle's own signature",
      'contents manifest.sigstore.json: is listed after sbom/app.spdx.bin: the builder lists artifacts in path order, so the list was edited',
      rx(String.raw`signature manifest\.sigstore\.json: signs a manifest with sha256 ${H}, but manifest\.json has sha256 ${H}: the manifest changed after signing \(the number of artifacts is 4, the signed statement says 3\)`),
    ] },
  'manifest: duplicate JSON key': { tamper: (w) => w.write(`${V11}/manifest.json`, w.bytes(`${V11}/manifest.json`).toString().replace('"release": "v1.1.0",', '"release": "v1.1.0",\n    "release": "v9.9.9",')), fails: [
      'manifest manifest.json: not a valid evidence-manifest (/data/release ambiguous JSON: the key "release" appears twice in the object at /data (at line 15, column 5 and again at line 16, column 5); JSON readers keep only one of the two values): it was altered or is not a bundle manifest',
    ] },
  'manifest: re-encoded without changing a value': { tamper: (w) => w.write(`${V11}/manifest.json`, JSON.stringify(JSON.parse(w.bytes(`${V11}/manifest.json`).toString()))), fails: [
      'contents manifest.json: not laid out as maestro writes manifests (two-space JSON, one final newline): its bytes were re-encoded after it was built',
      CHANGED_AFTER_SIGNING,
    ] },
  'manifest: cut short': { tamper: (w) => w.write(`${V11}/manifest.json`, w.bytes(`${V11}/manifest.json`).subarray(0, 200)), fails: [
      'manifest manifest.json: not a valid evidence-manifest (/ not valid JSON: colon expected at line 9, column 13): it was altered or is not a bundle manifest',
    ] },
  'manifest: deleted': { tamper: (w) => w.remove(`${V11}/manifest.json`), fails: [rx(String.raw`manifest manifest\.json: there is no manifest\.json at ${W}/store/v1\.1\.0`)] },
  // Artifact bytes.
  'artifact: one byte changed': { tamper: (w) => w.write(`${V11}/${SBOM}`, Buffer.from(w.bytes(`${V11}/${SBOM}`).map((b, i) => (i === 100 ? b ^ 1 : b)))), fails: [
      rx(String.raw`artifact sbom/app\.spdx\.bin: changed: sha256 is ${H}, the manifest says ${H} \(the file is writable; stored files are read-only\)`),
    ] },
  'artifact: truncated': { tamper: (w) => w.write(`${V11}/${SBOM}`, w.bytes(`${V11}/${SBOM}`).subarray(0, 4000)), fails: [
      rx(String.raw`artifact sbom/app\.spdx\.bin: changed: sha256 is ${H}, the manifest says ${H}, size is 4000 bytes, the manifest says 4096 \(the file is writable; stored files are read-only\)`),
    ] },
  'artifact: bytes appended': { tamper: (w) => w.write(`${V11}/${NOTES}`, Buffer.concat([w.bytes(`${V11}/${NOTES}`), Buffer.from('PS: approved\n')])), fails: [
      rx(String.raw`artifact reports/notes\.txt: changed: sha256 is ${H}, the manifest says ${H}, size is 27 bytes, the manifest says 14 \(the file is writable; stored files are read-only\)`),
    ] },
  'artifact: emptied': { tamper: (w) => w.write(`${V11}/${NOTES}`, ''), fails: [
      rx(String.raw`artifact reports/notes\.txt: changed: sha256 is ${H}, the manifest says ${H}, size is 0 bytes, the manifest says 14 \(the file is writable; stored files are read-only\)`),
    ] },
  'artifact: removed': { tamper: (w) => w.remove(`${V11}/${SBOM}`), fails: ['artifact sbom/app.spdx.bin: listed in the manifest but missing from the bundle'] },
  'artifact: file added': { tamper: (w) => w.write(`${V11}/reports/waiver.txt`, 'waived by the CTO\n'), fails: ['unlisted reports/waiver.txt: present in the bundle but not listed in the manifest: added after the bundle was built'] },
  'artifact: renamed': { tamper: (w) => renameSync(w.at(`${V11}/${NOTES}`), w.at(`${V11}/reports/notes.md`)), fails: [
      'artifact reports/notes.txt: listed in the manifest but missing from the bundle',
      'unlisted reports/notes.md: present in the bundle but not listed in the manifest: added after the bundle was built',
    ] },
  'artifact: replaced by a symbolic link to the same bytes': { tamper: (w) => (renameSync(w.at(`${V11}/${NOTES}`), w.at('notes.txt')), symlinkSync(w.at('notes.txt'), w.at(`${V11}/${NOTES}`))), fails: [
      rx(String.raw`artifact reports/notes\.txt: not the file that was published: reports/notes\.txt in ${W}/store/v1\.1\.0 is not a regular file`),
    ] },
  'artifact: decision log replaced by a failing one': { tamper: (w) => w.write(`${V11}/${LOG}`, w.bytes(`${V11}/${LOG}`).toString().replace('"conclusion":"success"', '"conclusion":"failure"')), fails: [
      rx(String.raw`artifact gates/decision-log\.json: changed: sha256 is ${H}, the manifest says ${H} \(the file is writable; stored files are read-only\)`),
    ] },
  'artifact: folder added that poses as a nested release': { tamper: (w) => w.copy('v1.0.0', `${V11}/rc1`), fails: [
      'unlisted rc1/gates/decision-log.json: present in the bundle but not listed in the manifest: added after the bundle was built',
      'unlisted rc1/manifest.json: present in the bundle but not listed in the manifest: added after the bundle was built',
      'unlisted rc1/manifest.sigstore.json: present in the bundle but not listed in the manifest: added after the bundle was built',
      'unlisted rc1/reports/notes.txt: present in the bundle but not listed in the manifest: added after the bundle was built',
      'unlisted rc1/sbom/app.spdx.bin: present in the bundle but not listed in the manifest: added after the bundle was built',
    ] },
  // The signature.
  'signature: signature bytes changed': { tamper: (w) => w.signature(V11, (s) => { const sig = Buffer.from(s.dsseEnvelope.signatures[0].sig, 'base64'); sig[sig.length - 1] = sig[sig.length - 1]! ^ 1; s.dsseEnvelope.signatures[0].sig = sig.toString('base64'); }), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(its payload matches manifest\.json, so the signature bytes themselves were changed\): ${SIG}`),
    ] },
  'signature: signed statement changed': { tamper: (w) => w.statement(V11, (st) => (st.predicate.release = 'v9.9.9')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(release is v1\.1\.0, its statement says v9\.9\.9\): ${SIG}`),
    ] },
  'signature: subject digest changed to a tampered manifest': { tamper: (w) => (w.manifest(V11, (m) => (m.data.gates.conclusion = 'failure')), w.statement(V11, (st) => (st.subject[0].digest.sha256 = 'b'.repeat(64)))), fails: [
      'contents data.gates: says failure (pass 1, waived 1), but the decision log of commit cccccccccccccccccccccccccccccccccccccccc gives success (pass 1, waived 1): the summary was changed',
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(its statement names manifest\.json sha256 ${H}, but manifest\.json has sha256 ${H}\): ${SIG}`),
    ] },
  'signature: payload type changed': { tamper: (w) => w.signature(V11, (s) => (s.dsseEnvelope.payloadType = 'application/json')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(its payloadType is "application/json", not application/vnd\.in-toto\+json\): ${SIG}`),
    ] },
  'signature: predicate type changed': { tamper: (w) => w.statement(V11, (st) => (st.predicateType = 'https://slsa.dev/provenance/v1')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(its statement's predicateType is "https://slsa\.dev/provenance/v1", not urn:maestro-conductor:attestation:evidence-bundle:v1\): ${SIG}`),
    ] },
  'signature: file missing': { tamper: (w) => w.remove(`${V11}/manifest.sigstore.json`), fails: ['signature manifest.sigstore.json: the manifest says the bundle is signed, but the signature file is missing'] },
  'signature: file not JSON': { tamper: (w) => w.write(`${V11}/manifest.sigstore.json`, 'not a signature'), fails: ['signature manifest.sigstore.json: not a Sigstore bundle: not valid JSON: invalid symbol at line 1, column 1'] },
  "signature: swapped with another release's": { tamper: (w) => w.write(`${V11}/manifest.sigstore.json`, w.bytes('v1.0.0/manifest.sigstore.json')), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: signs the manifest of release v1\.0\.0 \(sha256 ${H}\), not this manifest\.json of release v1\.1\.0 \(sha256 ${H}\): the signature of another release, or a manifest whose release was changed \(release is v1\.1\.0, the signed statement says v1\.0\.0; previous is ${H}, the signed statement says null; createdAt is 2026-11-21T12:00:00Z, the signed statement says 2026-11-20T12:00:00Z\)`),
    ] },
  'signature: the bundle re-signed with another key': { tamper: (w) => w.copy(w.forged('v1.1.0-other-key'), V11), fails: [
      rx(String.raw`signature manifest\.sigstore\.json: does not verify \(it names key SHA256:\S+, not the key given \(SHA256:\S+\): another key signed it\): ${SIG}`),
    ] },
  // Which release, and the chain.
  "release: v1.0.0's bundle copied into v1.1.0's place": { tamper: (w) => w.copy('v1.0.0', V11), fails: [
      rx(String.raw`release v1\.1\.0: the manifest is of release v1\.0\.0, but v1\.1\.0 was asked for \(the last segment of ${W}/store/v1\.1\.0\)`),
    ] },
  "release: v1.0.0's bundle copied into v1.1.0's place, --release v1.1.0": { tamper: (w) => w.copy('v1.0.0', V11), args: ['--release', 'v1.1.0'], fails: ['release v1.1.0: the manifest is of release v1.0.0, but v1.1.0 was asked for (--release)'] },
  "release: v1.0.0's manifest and signature over v1.1.0's": { tamper: (w) => (w.write(`${V11}/manifest.json`, w.bytes('v1.0.0/manifest.json')), w.write(`${V11}/manifest.sigstore.json`, w.bytes('v1.0.0/manifest.sigstore.json'))), fails: [
      rx(String.raw`release v1\.1\.0: the manifest is of release v1\.0\.0, but v1\.1\.0 was asked for \(the last segment of ${W}/store/v1\.1\.0\)`),
    ] },
  "release: v1.0.0's manifest over v1.1.0's, --release v1.1.0": { tamper: (w) => w.write(`${V11}/manifest.json`, w.bytes('v1.0.0/manifest.json')), args: ['--release', 'v1.1.0'], fails: [
      'release v1.1.0: the manifest is of release v1.0.0, but v1.1.0 was asked for (--release)',
      rx(String.raw`signature manifest\.sigstore\.json: signs the manifest of release v1\.1\.0 \(sha256 ${H}\), not this manifest\.json of release v1\.0\.0 \(sha256 ${H}\): the signature of another release, or a manifest whose release was changed \(release is v1\.0\.0, the signed statement says v1\.1\.0; previous is null, the signed statement says ${H}; createdAt is 2026-11-20T12:00:00Z, the signed statement says 2026-11-21T12:00:00Z\)`),
    ] },
  "release: v1.0.0's bundle copied into a future tag (v2.0.0)": { tamper: (w) => w.copy('v1.0.0', 'v2.0.0'), target: 'v2.0.0', fails: [
      rx(String.raw`release v2\.0\.0: the manifest is of release v1\.0\.0, but v2\.0\.0 was asked for \(the last segment of ${W}/store/v2\.0\.0\)`),
    ] },
  "release: v1.0.0's bundle copied below v1.1.0 as a nested tag": { tamper: (w) => w.copy('v1.0.0', `${V11}/v1.0.0`), target: `${V11}/v1.0.0`, fails: [
      rx(String.raw`release v1\.1\.0/v1\.0\.0: the manifest is of release v1\.0\.0, but v1\.1\.0/v1\.0\.0 was asked for \(${W}/store/v1\.1\.0/v1\.0\.0 lies inside the bundle of release v1\.1\.0 at ${W}/store/v1\.1\.0\)`),
    ] },
  "release: v1.0.0's bundle copied out and verified with --release v1.1.0": { tamper: (w) => w.copy('v1.0.0', '../elsewhere/bundle'), target: '../elsewhere/bundle', args: ['--release', 'v1.1.0'], fails: ['release v1.1.0: the manifest is of release v1.0.0, but v1.1.0 was asked for (--release)'] },
  'chain: the previous manifest altered': { tamper: (w) => w.manifest('v1.0.0', (m) => (m.createdAt = '2026-11-19T12:00:00Z')), fails: [
      rx(String.raw`chain v1\.0\.0: the manifest of v1\.0\.0 has sha256 ${H}, but v1\.1\.0 names ${H}: it was replaced or altered`),
    ] },
  'chain: the previous release removed': { tamper: (w) => w.remove('v1.0.0'), fails: [rx(String.raw`chain v1\.0\.0: gap: release v1\.0\.0, the previous of v1\.1\.0, is missing from ${W}/store`)] },
  'chain: the previous release replaced by another v1.0.0': { tamper: (w) => w.copy(w.forged('v1.0.0-other'), 'v1.0.0'), fails: [
      rx(String.raw`chain v1\.0\.0: the manifest of v1\.0\.0 has sha256 ${H}, but v1\.1\.0 names ${H}: it was replaced or altered`),
    ] },
  'chain: a manifest in the middle of the chain altered': { tamper: (w) => w.manifest(V11, (m) => (m.producer.name = 'someone')), target: 'v1.2.0', fails: [
      rx(String.raw`chain v1\.1\.0: the manifest of v1\.1\.0 has sha256 ${H}, but v1\.2\.0 names ${H}: it was replaced or altered`),
    ] },
};

describe('maestro verify: the bundle mutation corpus', () => {
  it('passes the untouched store', async () => {
    const w = workspace();
    for (const release of ['v1.0.0', 'v1.1.0', 'v1.2.0']) {
      const { code, stdout } = await verify(w.at(release));
      expect([code, failures(stdout)]).toEqual([0, []]);
    }
  });

  it.each(Object.entries(CORPUS))('%s', async (_name, row) => {
    const w = workspace();
    row.tamper(w);
    const { code, stdout, stderr } = await verify(w.at(row.target ?? V11), row.args);
    expect(failures(stdout)).toEqual(row.fails.map((f) => (typeof f === 'string' ? f : expect.stringMatching(f))));
    expect(stdout).toMatch(/\nNOT VERIFIED: \d+ of \d+ checks failed for (v\S+|the bundle) at file:\/\/\S+\n$/);
    expect([code, stderr]).toEqual([1, '']);
  });

  /** What the verifier cannot see by design (README, Release evidence): each passes, so the README's list stays true. */
  it.each([
    ['the newest release rebuilt and signed with the trusted key', (w: Workspace) => w.copy(w.forged('v1.2.0-resigned'), 'v1.2.0'), 'v1.2.0', []],
    ['the newest release deleted: nothing links forward to it', (w: Workspace) => w.remove('v1.2.0'), 'v1.1.0', []],
    ['an unsigned bundle rewritten consistently, verified with --allow-unsigned', (w: Workspace) => {
      w.copy(join(w.dir, 'unsigned/v1.0.0'), 'v1.0.0');
      w.write(`v1.0.0/${NOTES}`, 'forged notes\n');
      w.manifest('v1.0.0', (m) => Object.assign(m.data.artifacts[1], { size: 13, sha256: sha256Hex('forged notes\n') }));
    }, 'v1.0.0', ['--allow-unsigned']],
    ['a first release copied under a nested tag whose parent is no release (web/v1.0.0), without --release', (w: Workspace) => w.copy('v1.0.0', 'web/v1.0.0'), 'web/v1.0.0', []],
  ] as Array<[string, (w: Workspace) => void, string, string[]]>)('cannot catch by design: %s', async (_name, tamper, target, args) => {
    const w = workspace();
    tamper(w);
    const { code, stdout } = await verify(w.at(target), args);
    expect([code, failures(stdout)]).toEqual([0, []]);
    expect(stdout).toMatch(/\nverified: v\S+ at file:\/\/\S+, \d+ checks passed\n$/);
  });

  it('catches the nested-tag copy once the tag is named with --release', async () => {
    const w = workspace();
    w.copy('v1.0.0', 'web/v1.0.0');
    const { code, stdout } = await verify(w.at('web/v1.0.0'), ['--release', 'web/v1.0.0']);
    expect([code, failures(stdout)]).toEqual([1, ['release web/v1.0.0: the manifest is of release v1.0.0, but web/v1.0.0 was asked for (--release)']]);
  });
});
