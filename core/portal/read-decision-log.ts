import { parseEvidence } from '../evidence/parse-evidence.js';
import type { EvidenceReport } from '../evidence/types.js';
import type { WaiverUse } from './types.js';

/** A decision log as the portal reads it. */
export interface DecisionLog {
  subject: EvidenceReport['subject'];
  checkName: string;
  conclusion: string;
  headline?: string;
  evaluatedAt: string;
  catalogDigest: string;
  configDigest?: string;
  override?: { by: string; reason: string; at: string; state: string; wouldBe: string };
  decisions: Array<{ decisionId: string; ruleId: string; result: string; explanation: string }>;
}

/** The decision log in `bytes`, validated against its schema; undefined when it is none. */
export function readDecisionLog(bytes: Uint8Array, path: string): DecisionLog | undefined {
  const item = parseEvidence(bytes, path);
  if (item.status !== 'valid' || item.report.kind !== 'decision-log') return undefined;
  const data = item.report.data as unknown as { gate: Omit<DecisionLog, 'subject' | 'decisions'>; decisions: DecisionLog['decisions'] };
  return { subject: item.report.subject, ...data.gate, decisions: data.decisions };
}

/** An evidence report in `bytes`, validated; undefined when it is none. */
export function readReport(bytes: Uint8Array, path: string): EvidenceReport | undefined {
  const item = parseEvidence(bytes, path);
  return item.status === 'valid' ? item.report : undefined;
}

// The engine writes "Waived by @login until YYYY-MM-DD (reason: ...). Without the waiver the result would be ..." (core/engine/evaluate.ts).
const WAIVED = /^Waived by @([A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?) until (\d{4}-\d{2}-\d{2}) \(reason: ([\s\S]*?)\)\. Without the waiver the result would be /;

/** The waiver a waived decision's explanation states; undefined when it states none. */
export function parseWaiver(control: string, explanation: string): WaiverUse | undefined {
  const m = WAIVED.exec(explanation);
  return m ? { control, by: m[1]!, until: m[2]!, reason: m[3]! } : undefined;
}

/** The control-level decisions of a log (`GA-25`, not `GA-25/a11y`). */
export function controlDecisions(log: DecisionLog): DecisionLog['decisions'] {
  return log.decisions.filter((d) => !d.ruleId.includes('/'));
}
