import { findAcknowledgement } from '../core/drill/find-acknowledgement.js';
import { countChecklist, renderDrillIssue } from '../core/drill/render-drill-issue.js';
import { toDrillReport, type DrillStep } from '../core/drill/to-drill-report.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import type { DrillIssues, TrackedIssue } from '../core/ports/drill-issues.js';

/** What the incident drill needs. */
export interface IncidentDrillInput {
  issues: DrillIssues;
  /** The issue form the drill issue is made from, and its name for messages. */
  form: { text: string; file: string };
  /** Resume measuring a drill issue opened earlier instead of opening one. */
  issue?: number;
  ackTargetSeconds: number;
  pollSeconds: number;
  subject: { repo: string; sha: string };
  producer: EvidenceProducer;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The mock incident drill: opens an issue from the drill form with its checklist, watches the issue
 * until a person acknowledges it (comments, is assigned, or closes it) or the acknowledgement target
 * has passed, and measures the time to that first acknowledgement on GitHub's own clock. The result
 * is commented on the issue, which is closed when the drill passed and left open for follow-up when not.
 */
export async function runIncidentDrill(input: IncidentDrillInput): Promise<EvidenceReport> {
  const now = input.now ?? (() => new Date());
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const startedAt = now();
  const steps: DrillStep[] = [];
  const target = input.ackTargetSeconds;
  let issue: TrackedIssue;
  if (input.issue !== undefined) {
    issue = await input.issues.get(input.issue);
    steps.push({ name: 'resume the drill issue', result: 'pass', detail: `measuring #${issue.number} (${issue.url}), opened ${issue.createdAt}` });
  } else {
    const rendered = renderDrillIssue(input.form.text, input.form.file, {
      drill: 'incident',
      startedAt: startedAt.toISOString(),
      targets: `first acknowledgement within ${humanSeconds(target)}`,
      preface: `> [!IMPORTANT]\n> **This is a mock incident drill.** Acknowledge it as you would a real incident: comment on this issue or assign yourself, then work through the checklist. The time to the first acknowledgement is measured against the target of ${humanSeconds(target)}.`,
    });
    issue = await input.issues.open(rendered);
    const { items } = countChecklist(issue.body);
    steps.push({ name: 'open the drill issue', result: 'pass', detail: `opened #${issue.number} (${issue.url}) from ${input.form.file} with a checklist of ${items} item(s)` });
  }
  const opened = Date.parse(issue.createdAt);
  const deadline = opened + target * 1000;
  let ack = findAcknowledgement(await input.issues.timeline(issue.number), issue.author);
  while (!ack && now().getTime() < deadline) {
    await sleep(Math.max(1, Math.min(input.pollSeconds * 1000, deadline - now().getTime())));
    ack = findAcknowledgement(await input.issues.timeline(issue.number), issue.author);
  }
  const ackSeconds = ack ? Math.max(0, (Date.parse(ack.at) - opened) / 1000) : undefined;
  const passed = ackSeconds !== undefined && ackSeconds <= target;
  steps.push(
    ack
      ? { name: 'first acknowledgement', result: passed ? 'pass' : 'fail', detail: `@${ack.by} ${ack.how} ${humanSeconds(ackSeconds!)} after the issue was opened (${ack.at}); the target is ${humanSeconds(target)}` }
      : { name: 'first acknowledgement', result: 'fail', detail: `nobody acknowledged #${issue.number} within the target of ${humanSeconds(target)}` },
  );
  const verdict = passed ? `**Drill passed**: ${steps.at(-1)!.detail}. Closing this issue.` : `**Drill failed**: ${steps.at(-1)!.detail}. Left open for the follow-ups.`;
  await input.issues.comment(issue.number, `${verdict}\n\nThe drill-report is the evidence for the on-call control (GA-05).`);
  if (passed) await input.issues.close(issue.number);
  steps.push({ name: 'record the result', result: 'pass', detail: `commented the result on #${issue.number}${passed ? ' and closed it' : ' and left it open'}` });
  const measured = ackSeconds !== undefined ? { ackSeconds } : {};
  return toDrillReport({ drill: 'incident', subject: input.subject, producer: input.producer, startedAt, finishedAt: now(), targets: { ackSeconds: target }, measured, issue: issue.url }, steps);
}

/** `45 s`, `12 min`, `12 min 5 s`, `2 h 3 min`. */
function humanSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const parts = [Math.floor(s / 3600) ? `${Math.floor(s / 3600)} h` : '', Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)} min` : '', s % 60 ? `${s % 60} s` : ''];
  return parts.filter(Boolean).join(' ');
}
