import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { run, type ActionIo } from '../../../actions/evidence-bundle/run.js';
import { readWitness } from '../../../flows/read-witness.js';
import { fixtureEvent } from '../../helpers/ledger-fixture.js';
import { openLedgerAt, verifyIo } from '../../helpers/real-adapters.js';
import { makeArtifacts, taggedRepo, tempDir } from '../../helpers/release-bundle.js';

describe('the evidence-bundle action with a ledger store', () => {
  it('records the ledger head in the manifest before recording the publication, and says so in the summary', async () => {
    const dir = tempDir();
    const { workspace, sha } = taggedRepo(dir);
    const ledger = await openLedgerAt(join(dir, 'ledger'));
    for (let i = 1; i <= 2; i++) await ledger.append(fixtureEvent(i));
    const head = (await ledger.head())!;
    let summary = '';
    let failed = '';
    const io: ActionIo = { setOutput: () => undefined, appendSummary: async (m) => void (summary += m), setFailed: (m) => void (failed = m), info: () => undefined };
    const built = await run({ release: 'v2.0.0', artifacts: makeArtifacts(join(dir, 'artifacts')), out: join(dir, 'out'), sign: 'none', store: `file://${join(dir, 'store')}`, ledgerStore: `file://${join(dir, 'ledger')}`, repo: 'acme/web', commit: sha, workspace }, io);
    expect(failed).toBe('');
    expect(built!.manifest.data.ledger).toEqual({ seq: 2, sha256: head.sha256, store: `file://${join(dir, 'ledger')}` });
    expect(summary).toContain(`| Ledger head witnessed | entry 2 (sha256 \`${head.sha256}\`), in manifest.json |`);
    expect(summary).toMatch(/\| Audit ledger \| entry 3 of /);
    expect(await readWitness(`file://${join(dir, 'store', 'v2.0.0')}`, verifyIo)).toEqual({ seq: 2, sha256: head.sha256, source: `release v2.0.0 (manifest.json of file://${join(dir, 'store', 'v2.0.0')})` });
  });
});
