import type { EvidenceIssue } from '../types.js';
import { issue, plural } from './consistency-words.js';

/** What the status checks read of a drift-report's data. */
interface DriftData {
  status: 'clean' | 'drift' | 'invalid';
  missingJobs: string[];
  changes: unknown[];
}

/** A drift report that says `clean` has no missing job and no difference. */
export function driftConsistency(data: DriftData): EvidenceIssue[] {
  if (data.status !== 'clean') return [];
  const issues: EvidenceIssue[] = [];
  if (data.missingJobs.length > 0) {
    const names = data.missingJobs.slice(0, 5).join(', ') + (data.missingJobs.length > 5 ? ', ...' : '');
    issues.push(issue('/data/status', `is "clean", but /data/missingJobs lists ${plural(data.missingJobs.length, 'missing job')} (${names})`));
  }
  if (data.changes.length > 0) issues.push(issue('/data/status', `is "clean", but /data/changes lists ${plural(data.changes.length, 'difference')} from the template`));
  return issues;
}

/** What the status check reads of a drill-report's data. */
interface DrillData {
  status: 'pass' | 'fail';
  steps: Array<{ name: string; result: 'pass' | 'fail' | 'skipped' }>;
}

/** A drill report that says `pass` has no failed step. */
export function drillConsistency(data: DrillData): EvidenceIssue[] {
  if (data.status !== 'pass') return [];
  const failed = data.steps.findIndex((s) => s.result === 'fail');
  if (failed === -1) return [];
  return [issue('/data/status', `is "pass", but step ${failed} (${JSON.stringify(data.steps[failed]!.name.slice(0, 100))}) failed (/data/steps/${failed}/result)`)];
}
