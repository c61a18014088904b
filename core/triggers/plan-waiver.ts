import type { EvidenceReport } from '../evidence/types.js';

/** What a `/waive` command asks for, with who asked and where. */
export interface WaiverRequest {
  controlId: string;
  /** Last day of the waiver, YYYY-MM-DD, inclusive, UTC. */
  until: string;
  reason: string;
  approvedBy: string;
  repo: string;
  pr: number;
  /** The PR's head commit when the waiver was granted (the waiver also covers later commits). */
  headSha: string;
  commentUrl?: string;
  /** Control ids of the catalog. */
  controls: readonly string[];
  /** Longest waiver the repo config allows, in days. */
  maxDays: number;
  now: Date;
  producer: { name: string; version: string };
}

const DAY_MS = 86_400_000;

/**
 * The waiver report a `/waive` grants, or why it cannot be granted: an unknown control, a date in
 * the past, or a waiver longer than the repo config allows (counted in whole UTC days from today,
 * today being day one).
 */
export function planWaiver(request: WaiverRequest): { ok: true; report: EvidenceReport } | { ok: false; message: string } {
  if (!request.controls.includes(request.controlId)) {
    return { ok: false, message: `${request.controlId} is not a control of the catalog; \`maestro controls list\` shows the ids.` };
  }
  const today = Date.UTC(request.now.getUTCFullYear(), request.now.getUTCMonth(), request.now.getUTCDate());
  const last = Date.parse(`${request.until}T00:00:00Z`);
  if (Number.isNaN(last)) return { ok: false, message: `${request.until} is not a date (YYYY-MM-DD).` };
  if (last < today) return { ok: false, message: `${request.until} is in the past; a waiver ends on a day from today on.` };
  const days = (last - today) / DAY_MS + 1;
  if (days > request.maxDays) {
    const latest = new Date(today + (request.maxDays - 1) * DAY_MS).toISOString().slice(0, 10);
    return { ok: false, message: `a waiver until ${request.until} lasts ${days} days; this repository allows at most ${request.maxDays} (waivers.maxDays), so the latest end is ${latest}.` };
  }
  return {
    ok: true,
    report: {
      kind: 'waiver',
      schemaVersion: '1.0',
      subject: { repo: request.repo, sha: request.headSha, pr: request.pr },
      producer: request.producer,
      createdAt: request.now.toISOString(),
      data: {
        controlId: request.controlId,
        until: request.until,
        reason: request.reason,
        approvedBy: request.approvedBy,
        requestedBy: request.approvedBy,
        pr: request.pr,
        ...(request.commentUrl?.startsWith('https://') ? { commentUrl: request.commentUrl } : {}),
      },
    },
  };
}
