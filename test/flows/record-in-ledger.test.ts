import { describe, expect, it } from '@jest/globals';
import { entryKey } from '../../core/ledger/build-entry.js';
import type { AuditEvent } from '../../core/ledger/types.js';
import type { StatementSigner } from '../../core/ports/statement-signer.js';
import { openLedger } from '../../flows/open-ledger.js';
import { recordInLedger } from '../../flows/record-in-ledger.js';
import { memoryStore } from '../helpers/memory-store.js';

const act = { action: 'drill.completed' as const, repo: 'acme/web', sha: 'c'.repeat(40), at: '2026-11-20T12:00:00Z', after: { drill: 'restore', status: 'pass' } };

function recorded(store: ReturnType<typeof memoryStore>, seq: number): AuditEvent {
  return (JSON.parse(store.objects.get(entryKey(seq))!.toString('utf8')) as { event: AuditEvent }).event;
}

/** A signer that signs nothing, but says what it was asked to sign. */
function countingSigner(): StatementSigner & { signed: unknown[] } {
  const signed: unknown[] = [];
  return { signed, sign: async (statement) => (signed.push(statement), { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }) };
}

describe('recordInLedger', () => {
  it.each([
    ['the person who ran the workflow', 'rel-manager', 'rel-manager'],
    ['a bot', 'renovate[bot]', 'renovate[bot]'],
    ['maestro[bot] when nobody is named', undefined, 'maestro[bot]'],
    ['maestro[bot] when the name is no GitHub login', 'rm -rf /', 'maestro[bot]'],
  ])('records the act in the name of %s', async (_name, actor, expected) => {
    const store = memoryStore();
    const written = await recordInLedger(store, act, { actor });
    expect(written).toEqual({ url: 'memory://store', seq: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(recorded(store, 1)).toMatchObject({ ...act, actor: expected });
  });

  it('seals the head with the signer it is given, as often as it is told', async () => {
    const store = memoryStore();
    const signer = countingSigner();
    for (let i = 0; i < 4; i++) await recordInLedger(store, act, { signer, sealEvery: 2, onSealError: (error) => { throw error; } });
    expect(signer.signed).toEqual([expect.objectContaining({ predicate: expect.objectContaining({ seq: 2 }) }), expect.objectContaining({ predicate: expect.objectContaining({ seq: 4 }) })]);
    expect([...store.objects.keys()].filter((k) => k.startsWith('seals/'))).toHaveLength(2);
  });
});

describe('openLedger', () => {
  describe('when told to seal periodically', () => {
    it('refuses without somewhere to report a failed seal (USAGE)', async () => {
      await expect(openLedger(memoryStore(), { signer: countingSigner(), sealEvery: 10 })).rejects.toMatchObject({ code: 'USAGE', message: 'periodic seals need a place to report a failed seal' });
    });
  });
});
