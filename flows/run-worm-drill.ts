import { randomUUID } from 'node:crypto';
import { toDrillReport, type DrillStep } from '../core/drill/to-drill-report.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { ProbeAttempt, WormProbe } from '../core/ports/worm-probe.js';

/** The store to probe, what the drill report is about and who ran it. */
export interface WormDrillInput {
  /** The write-once store under test, as the drill probes it. */
  probe: WormProbe;
  subject: { repo: string; sha: string };
  producer: EvidenceProducer;
  /** How long the drill's probe object stays locked, in seconds (it cannot be removed before). */
  probeRetentionSeconds: number;
  now?: () => Date;
}

/**
 * The WORM proof drill: writes a probe object locked in COMPLIANCE mode, then tries what an attacker
 * or a careless administrator would: delete that version, overwrite the key, shorten the lock, hide
 * the key behind a delete marker. Each refusal (the store's AccessDenied answer) is recorded as
 * proof, and the locked version is read back unchanged at the end. The result is a drill-report.
 */
export async function runWormDrill(input: WormDrillInput): Promise<EvidenceReport> {
  const { probe } = input;
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const steps: DrillStep[] = [];
  const key = `drills/worm/${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.txt`;
  const body = Buffer.from(`maestro WORM drill probe written ${startedAt.toISOString()}\n`);
  const until = new Date(startedAt.getTime() + input.probeRetentionSeconds * 1000);
  steps.push({ name: 'preflight', result: 'pass', detail: await probe.preflight() });

  const written = await probe.writeLocked(key, body, until);
  const { versionId, retention: lock } = written;
  const locked = lock?.mode === 'COMPLIANCE' && Date.parse(lock.retainUntil) >= Math.floor(until.getTime() / 1000) * 1000;
  steps.push({ name: 'write locked probe', result: locked ? 'pass' : 'fail', detail: `wrote ${written.name} version ${versionId ?? '(none)'}; read back: ${lock ? `${lock.mode} until ${lock.retainUntil}` : 'no retention'}` });
  if (!versionId || !locked) return report(input, startedAt, now(), steps);

  steps.push(refused('delete the locked version', await probe.deleteVersion(key, versionId, false)));
  steps.push(refused('delete the locked version bypassing governance', await probe.deleteVersion(key, versionId, true)));
  // Still in the future, so a refusal can only be about shortening (a past date is refused for another reason).
  const shorter = new Date(Math.floor((now().getTime() + until.getTime()) / 2000) * 1000);
  steps.push(refused('shorten the retention', await probe.setRetention(key, versionId, { mode: 'COMPLIANCE', retainUntil: shorter.toISOString() })));
  steps.push(refused('downgrade the lock to GOVERNANCE', await probe.setRetention(key, versionId, { mode: 'GOVERNANCE', retainUntil: until.toISOString() })));

  const overwrite = await probe.overwrite(key, Buffer.from('overwritten\n'));
  const hidden = await probe.hide(key);
  const intact = sha256Hex(await probe.read(key, versionId)) === sha256Hex(body);
  steps.push({
    name: 'overwrite and hide behind a delete marker',
    result: intact ? 'pass' : 'fail',
    detail: `${overwrite.request} made version ${overwrite.versionId ?? '(none)'} and ${hidden.request} made ${hidden.deleteMarker ? `delete marker ${hidden.deleteMarker}` : 'no delete marker'}; the locked version ${versionId} ${intact ? 'still reads back byte for byte' : 'no longer reads back unchanged'}`,
  });
  const after = await probe.retention(key, versionId);
  steps.push({ name: 'lock unchanged', result: after?.mode === 'COMPLIANCE' && after.retainUntil === lock.retainUntil ? 'pass' : 'fail', detail: `retention of version ${versionId} after the attempts: ${after ? `${after.mode} until ${after.retainUntil}` : 'none'}` });
  return report(input, startedAt, now(), steps);
}

/** A change that must be refused: the step passes only when the store denied it, and keeps the store's answer. */
function refused(name: string, attempt: ProbeAttempt): DrillStep {
  if (attempt.outcome === 'accepted') return { name, result: 'fail', detail: `${attempt.request} was accepted: the store does not enforce the lock` };
  const denied = attempt.outcome === 'refused';
  return { name, result: denied ? 'pass' : 'fail', detail: `${attempt.request} was ${denied ? 'refused' : 'answered with an unexpected error'}`, ...(attempt.response ? { response: attempt.response } : {}) };
}

function report(input: WormDrillInput, startedAt: Date, finishedAt: Date, steps: DrillStep[]): EvidenceReport {
  return toDrillReport({ drill: 'worm', subject: input.subject, producer: input.producer, startedAt, finishedAt, store: input.probe.url }, steps);
}
