import { describePermissions, widenedScopes } from './compare-permissions.js';
import { asSteps, matchSteps, stepLabel } from './match-steps.js';
import { parseActionRef } from './parse-action-ref.js';
import type { ParsedWorkflow } from './parse-workflow.js';
import { compareVersions, readTemplateVersion } from './template-version.js';
import type { DriftChange } from './types.js';

/** Both sides of one comparison: the template workflow and the repository's copy. */
export interface WorkflowPair {
  /** The repository file's path, as reported. */
  file: string;
  template: { text: string; workflow: ParsedWorkflow };
  repo: { text: string; workflow: ParsedWorkflow };
}

/**
 * Compares a repository workflow with its template. What the template has must be there: every
 * trigger event, every job, every step of those jobs, the same action references, permissions no
 * wider, and the template version. What the repository adds (jobs, steps, triggers, inputs) is its own business.
 */
export function compareWorkflow(pair: WorkflowPair): DriftChange[] {
  const { file } = pair;
  const changes: DriftChange[] = [];
  const tVersion = readTemplateVersion(pair.template.text);
  const rVersion = readTemplateVersion(pair.repo.text);
  if (tVersion !== undefined && rVersion !== tVersion) {
    const ahead = rVersion !== undefined && compareVersions(rVersion, tVersion) > 0;
    changes.push({
      file,
      type: 'template-behind',
      expected: tVersion,
      ...(rVersion === undefined ? {} : { actual: rVersion }),
      message: rVersion === undefined ? `declares no template version; the template is at ${tVersion}` : ahead ? `declares template version ${rVersion}, ahead of the template compared (${tVersion})` : `follows template version ${rVersion}; the template is at ${tVersion}`,
    });
  }
  const t = pair.template.workflow.value;
  const r = pair.repo.workflow.value;
  const events = triggerEvents(r.on);
  for (const event of triggerEvents(t.on)) {
    if (!events.includes(event)) changes.push({ file, type: 'missing-trigger', expected: event, message: `the template's ${event} trigger was removed, so the workflow no longer runs on it` });
  }
  const wide = widenedScopes(t.permissions, r.permissions);
  if (wide.length > 0) changes.push(permissionChange(file, undefined, t.permissions, r.permissions, wide));
  for (const [jobId, tJob] of Object.entries(t.jobs)) {
    const rJob = r.jobs[jobId];
    if (!rJob) {
      changes.push({ file, type: 'missing-job', job: jobId, message: `job ${jobId} of the template is missing` });
      continue;
    }
    if ('permissions' in tJob || 'permissions' in rJob) {
      const expected = tJob.permissions ?? t.permissions;
      const actual = rJob.permissions ?? r.permissions;
      const jobWide = widenedScopes(expected, actual);
      if (jobWide.length > 0) changes.push(permissionChange(file, jobId, expected, actual, jobWide));
    }
    if (typeof tJob.uses === 'string') changes.push(...compareUses(file, jobId, undefined, tJob.uses, rJob.uses));
    const tSteps = asSteps(tJob.steps);
    const rSteps = asSteps(rJob.steps);
    matchSteps(tJob.steps, rJob.steps).forEach((index, i) => {
      const tStep = tSteps[i]!;
      if (index === undefined) {
        changes.push({ file, type: 'removed-step', job: jobId, step: stepLabel(tStep), message: `step "${stepLabel(tStep)}" of job ${jobId} was removed` });
      } else if (typeof tStep.uses === 'string') {
        changes.push(...compareUses(file, jobId, stepLabel(tStep), tStep.uses, rSteps[index]!.uses));
      }
    });
  }
  return changes;
}

/** A reference that differs from the template's: unpinned when it is no longer a full SHA. */
function compareUses(file: string, job: string, step: string | undefined, expected: string, actual: unknown): DriftChange[] {
  if (actual === expected) return [];
  const where = step === undefined ? `job ${job}` : `step "${step}" of job ${job}`;
  if (typeof actual !== 'string') return [{ file, type: 'changed-action', job, ...(step ? { step } : {}), expected, message: `${where} no longer uses ${expected}` }];
  const exp = parseActionRef(expected);
  const act = parseActionRef(actual);
  const unpinned = exp.pinned && !act.pinned;
  const what = exp.name === act.name ? `${exp.name} at ${act.ref || 'no ref'} instead of ${exp.ref}` : `${actual} instead of ${expected}`;
  return [{ file, type: unpinned ? 'unpinned-action' : 'changed-action', job, ...(step ? { step } : {}), expected, actual, message: `${where} uses ${what}${unpinned ? ', not pinned to a full commit SHA' : ''}` }];
}

function permissionChange(file: string, job: string | undefined, expected: unknown, actual: unknown, wide: ReturnType<typeof widenedScopes>): DriftChange {
  const who = job ? `job ${job}` : 'the workflow';
  const scopes = wide.map((w) => `${w.scope} ${w.actual} (template: ${w.expected})`).join(', ');
  const message = actual === undefined || actual === null ? `${who} sets no permissions, so the token gets the repository default (possibly write-all); the template grants ${describePermissions(expected)}` : `${who} grants the token more than the template: ${scopes}`;
  return {
    file,
    type: 'widened-permissions',
    ...(job ? { job } : {}),
    expected: describePermissions(expected),
    actual: describePermissions(actual),
    message,
  };
}

/** The events of an `on:` value, in any of its three forms (`push`, `[push, pull_request]`, a map). */
export function triggerEvents(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  return on && typeof on === 'object' ? Object.keys(on) : [];
}
