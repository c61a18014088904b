import { describe, expect, it } from '@jest/globals';
import { grantsFromLedger } from '../../../core/triggers/grants-from-ledger.js';
import type { AuditEvent } from '../../../core/ledger/types.js';

const DAY = 86_400_000;
const report = (until: string) => ({ kind: 'waiver' as const, schemaVersion: '1.0', subject: { repo: 'o/r', sha: 'a'.repeat(40), pr: 3 }, producer: { name: 'maestro-conductor-app', version: '1' }, createdAt: '2026-11-01T00:00:00Z', data: { controlId: 'GA-01', until, reason: 'r', approvedBy: 'lead' } });
const waiver = (until: string, extra: Record<string, unknown> = {}): AuditEvent => ({ action: 'waiver.granted', actor: 'lead', at: '2026-11-01T00:00:00Z', repo: 'o/r', number: 3, after: { until, installationId: 1, repoId: 9, report: report(until), source: `waivers/GA-01/${until}.json`, ...extra } });

describe('grantsFromLedger', () => {
  it('gives back waivers still shown (active, or expired within the keep time) and recent overrides', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const override: AuditEvent = { action: 'override.granted', actor: 'admin', at: '2026-11-19T00:00:00Z', repo: 'o/r', number: 3, after: { sha: 'b'.repeat(40), override: { by: 'admin', reason: 'x', at: '2026-11-19T00:00:00Z', sha: 'b'.repeat(40) } } };
    const oldOverride: AuditEvent = { ...override, after: { override: { by: 'admin', reason: 'x', at: '2026-10-01T00:00:00Z', sha: 'c'.repeat(40) } } };
    const { waivers, overrides } = grantsFromLedger([waiver('2026-11-25'), waiver('2026-11-10'), waiver('2026-01-01'), override, oldOverride, { action: 'task.created', actor: 'x', at: '2026-11-01T00:00:00Z', repo: 'o/r' }], now, 30 * DAY, 7 * DAY);
    expect(waivers.map((w) => w.source)).toEqual(['waivers/GA-01/2026-11-25.json', 'waivers/GA-01/2026-11-10.json']);
    expect(waivers[0]!.repo).toEqual({ id: 9, owner: 'o', name: 'r', fullName: 'o/r' });
    expect(overrides.map((o) => o.override.sha)).toEqual(['b'.repeat(40)]);
  });

  it('skips waiver events without the grant details (recorded by hand or by an older app)', () => {
    const bare: AuditEvent = { action: 'waiver.granted', actor: 'lead', at: '2026-11-01T00:00:00Z', repo: 'o/r', number: 3, after: { until: '2026-11-25' } };
    expect(grantsFromLedger([bare], Date.parse('2026-11-20T00:00:00Z'), DAY, DAY).waivers).toEqual([]);
  });
});
