import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ListedPull } from '../../core/bundle/plan-evidence-pack.js';
import { gatherEvidencePack, type GatherPackInput, type ReleasePullsSource } from '../../flows/gather-evidence-pack.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { storeOpener } from '../../adapters/store/open-store.js';
import { decisionLog } from '../helpers/portal-fixture.js';
import { makeArtifacts, RELEASE_COMMIT, tempDir } from '../helpers/release-bundle.js';

/** A forge that lists the given pull requests and holds the given files, recording what it was asked. */
function fakeForge(pulls: ListedPull[], files: Array<{ name: string; bytes: Uint8Array }>) {
  const asked: string[] = [];
  const forge: ReleasePullsSource = {
    listPulls: async (range) => (asked.push(`list ${range.previousRelease}...${range.commit.slice(0, 7)}`), pulls),
    decisionLogFiles: async (listed) => (asked.push(`logs ${listed.map((p) => p.number).join(',')}`), files),
  };
  return { forge, asked };
}

const log = (pr: number, head: string, at: string) => ({ name: `run/${pr}/${at}`, bytes: Buffer.from(JSON.stringify(decisionLog(head, at, [{ ruleId: 'GA-25', result: 'pass', explanation: 'met' }], { pr }))) });

async function input(overrides: Partial<GatherPackInput>): Promise<GatherPackInput> {
  const dir = tempDir('maestro-gather-');
  return { release: 'v1.2.0', repo: 'acme/web', commit: RELEASE_COMMIT, createdAt: '2026-11-20T12:00:00Z', previousRelease: 'v1.1.0', artifactsDir: makeArtifacts(join(dir, 'artifacts')), catalog: await loadCatalog(undefined), ...overrides };
}

describe('gathering the evidence pack from the forge', () => {
  it('lists the release\'s pull requests there and keeps the decision logs of those among its files', async () => {
    const { forge, asked } = fakeForge([{ number: 12, title: 'Checkout form', headSha: 'a'.repeat(40) }, { number: 14, headSha: 'b'.repeat(40) }], [
      log(12, 'a'.repeat(40), '2026-11-18T10:00:00Z'),
      log(99, 'f'.repeat(40), '2026-11-18T10:00:00Z'),
      { name: 'run/notes.json', bytes: Buffer.from('{"not": "a report"}') },
    ]);
    const pack = await gatherEvidencePack(await input({ fromForge: { pulls: true, decisionLogs: true } }), { stores: storeOpener, bundleFiles: fsBundleFiles, inputFiles: fsInputFiles, forge });
    expect(asked).toEqual([`list v1.1.0...${RELEASE_COMMIT.slice(0, 7)}`, 'logs 12,14']);
    expect(pack.index.pulls).toEqual([{ number: 12, title: 'Checkout form', decisionLogs: [`pack/pulls/12/20261118T100000Z-${'a'.repeat(12)}.json`] }, { number: 14, decisionLogs: [] }]);
    expect(pack.index.pullsWithoutDecisionLog).toEqual([14]);
  });

  it('asks the forge for no list in the first release of a chain, which has no range', async () => {
    const { forge, asked } = fakeForge([{ number: 1 }], [log(1, 'a'.repeat(40), '2026-11-18T10:00:00Z')]);
    const pack = await gatherEvidencePack(await input({ previousRelease: null, fromForge: { pulls: true, decisionLogs: true } }), { stores: storeOpener, bundleFiles: fsBundleFiles, inputFiles: fsInputFiles, forge });
    expect([asked, pack.index.pulls]).toEqual([[], []]);
  });
});
