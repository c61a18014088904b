import type { RepoRef } from '../../core/pr/repo-ref.js';
import type { OverrideInput } from '../../core/engine/apply-override.js';
import type { EvidenceReport, ValidEvidence } from '../../core/evidence/types.js';
import { canonicalJson } from '../../core/util/canonical-json.js';
import { sha256Hex } from '../../core/util/sha256.js';
import { keys, type StateStore, TTL } from '../../core/ports/state-store.js';

/** A waiver that will expire: when it does, the PR is evaluated again without anyone acting. */
export interface WaiverExpiry {
  installationId: number;
  repo: RepoRef;
  pr: number;
  controlId: string;
  /** End of the waiver's last day, epoch milliseconds. */
  endMs: number;
}

/** The most expiries kept; beyond it the oldest-ending are dropped (they re-evaluate on the next event). */
const MAX_EXPIRIES = 10_000;

/** Keeps a granted waiver as trusted evidence of the PR, and schedules its expiry. */
export async function addWaiver(store: StateStore, installationId: number, repo: RepoRef, pr: number, report: EvidenceReport, source: string): Promise<ValidEvidence> {
  const text = canonicalJson(report);
  const waiver: ValidEvidence = { status: 'valid', ref: { path: source, sha256: sha256Hex(text), size: Buffer.byteLength(text) }, report };
  await store.update<ValidEvidence[]>(keys.waivers(repo.fullName, pr), TTL.waivers, (current) => [...(current ?? []).filter((w) => w.ref.path !== source), waiver]);
  const data = report.data as { controlId: string; until: string };
  const endMs = Date.parse(`${data.until}T00:00:00Z`) + 86_400_000;
  await store.update<WaiverExpiry[]>(keys.waiverExpiries(), TTL.waivers, (current) =>
    [...(current ?? []), { installationId, repo, pr, controlId: data.controlId, endMs }].sort((a, b) => a.endMs - b.endMs).slice(-MAX_EXPIRIES),
  );
  return waiver;
}

/** The waivers granted on a PR, active and expired (the engine shows both). */
export async function waiversOf(store: StateStore, repo: string, pr: number): Promise<ValidEvidence[]> {
  return (await store.get<ValidEvidence[]>(keys.waivers(repo, pr))) ?? [];
}

/** Removes and returns the expiries that have passed, once across replicas (the update is atomic). */
export async function takeExpired(store: StateStore, nowMs: number): Promise<WaiverExpiry[]> {
  let due: WaiverExpiry[] = [];
  await store.update<WaiverExpiry[]>(keys.waiverExpiries(), TTL.waivers, (current) => {
    due = (current ?? []).filter((e) => e.endMs <= nowMs);
    return (current ?? []).filter((e) => e.endMs > nowMs);
  });
  return due;
}

/** Keeps the override of one commit. */
export async function setOverride(store: StateStore, repo: string, override: OverrideInput): Promise<void> {
  await store.set(keys.override(repo, override.sha), override, TTL.commit);
}

/** The override of a commit, when one was given. */
export async function overrideOf(store: StateStore, repo: string, sha: string): Promise<OverrideInput | undefined> {
  return store.get<OverrideInput>(keys.override(repo, sha));
}
