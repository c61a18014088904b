import { describePermissions, narrowedScopes, widenedScopes } from './compare-permissions.js';
import { changedDispatchInputs, describeInput } from './compare-dispatch-inputs.js';
import { describeSchedule, narrowedSchedule } from './compare-schedule.js';
import { describeFilter, narrowedTriggers } from './compare-triggers.js';
import { judgeSelfPin, releaseOfUses, unmatchedReason } from './compare-self-pin.js';
import { asSteps, matchSteps, stepLabel } from './match-steps.js';
import { parseActionRef } from './parse-action-ref.js';
import type { ParsedWorkflow } from './parse-workflow.js';
import { selfPin, type TemplateReleases } from './template-releases.js';
import { compareVersions, readTemplateVersion } from './template-version.js';
import type { DriftChange } from './types.js';

/** Both sides of one comparison: the template workflow and the repository's copy. */
export interface WorkflowPair {
  /** The repository file's path, as reported. */
  file: string;
  template: { text: string; workflow: ParsedWorkflow };
  repo: { text: string; workflow: ParsedWorkflow };
  /** The template repository's releases: its own pins are then compared by release, not by SHA. */
  releases?: TemplateReleases;
}

/**
 * Compares a repository workflow with its template. What the template has must be there: every
 * trigger event with filters no narrower, every cron and `workflow_dispatch` input, every job, every
 * step of those jobs, the same action references, permissions no wider, and the template version.
 * What the repository adds (jobs, steps, triggers, crons, inputs) is its own business.
 * With the template repository's releases, a pin of that repository at the template's release or a
 * newer one is no drift, and a version marker ahead of the template's is none either when the
 * repository's pins of the template repository all name that very release.
 */
export function compareWorkflow(pair: WorkflowPair): DriftChange[] {
  const { file } = pair;
  const changes: DriftChange[] = [];
  const selfReleases: Array<string | undefined> = [];
  const uses = (job: string, step: string | undefined, expected: string, actual: unknown) => {
    if (pair.releases && selfPin(expected, pair.releases.repository)) selfReleases.push(releaseOfUses(actual, pair.releases));
    changes.push(...compareUses(file, job, step, expected, actual, pair.releases));
  };
  const tVersion = readTemplateVersion(pair.template.text);
  const rVersion = readTemplateVersion(pair.repo.text);
  const ahead = tVersion !== undefined && rVersion !== undefined && compareVersions(rVersion, tVersion) > 0;
  const t = pair.template.workflow.value;
  const r = pair.repo.workflow.value;
  const events = triggerEvents(r.on);
  for (const event of triggerEvents(t.on)) {
    if (!events.includes(event)) changes.push({ file, type: 'missing-trigger', expected: event, message: `the template's ${event} trigger was removed, so the workflow no longer runs on it` });
  }
  for (const n of narrowedTriggers(t.on, r.on)) {
    const expected = describeFilter(n.expected, n.filter);
    const actual = describeFilter(n.actual, n.filter);
    changes.push({ file, type: 'narrowed-trigger', expected: `on.${n.event}.${n.filter}: ${expected}`, actual: `on.${n.event}.${n.filter}: ${actual}`, message: `trigger on.${n.event}.${n.filter} is narrowed: the template has ${expected}, the repository ${actual}, so the workflow runs on fewer events` });
  }
  changes.push(...scheduleAndInputChanges(file, t.on, r.on));
  const wide = widenedScopes(t.permissions, r.permissions);
  if (wide.length > 0) changes.push(permissionChange(file, undefined, t.permissions, r.permissions, wide));
  for (const [jobId, tJob] of Object.entries(t.jobs)) {
    const rJob = r.jobs[jobId];
    if (!rJob) {
      changes.push({ file, type: 'missing-job', job: jobId, message: `job ${jobId} of the template is missing` });
      continue;
    }
    const expected = tJob.permissions ?? t.permissions;
    const actual = rJob.permissions ?? r.permissions;
    if ('permissions' in tJob || 'permissions' in rJob) {
      const jobWide = widenedScopes(expected, actual);
      if (jobWide.length > 0) changes.push(permissionChange(file, jobId, expected, actual, jobWide));
    }
    // What a template job grants itself is what it needs; the workflow-level block is only a ceiling for the repository's own jobs.
    const narrow = 'permissions' in tJob ? narrowedScopes(tJob.permissions, actual) : [];
    if (narrow.length > 0) {
      const scopes = narrow.map((n) => `${n.scope} ${n.actual} (template: ${n.expected})`).join(', ');
      changes.push({ file, type: 'missing-permissions', job: jobId, expected: describePermissions(expected), actual: describePermissions(actual), message: `job ${jobId} grants the token less than the template's job needs: ${scopes}${typeof tJob.uses === 'string' ? '; the reusable workflow it calls cannot ask for more than its caller grants' : ''}` });
    }
    if (typeof tJob.uses === 'string') uses(jobId, undefined, tJob.uses, rJob.uses);
    const tSteps = asSteps(tJob.steps);
    const rSteps = asSteps(rJob.steps);
    matchSteps(tJob.steps, rJob.steps).forEach((index, i) => {
      const tStep = tSteps[i]!;
      if (index === undefined) {
        changes.push({ file, type: 'removed-step', job: jobId, step: stepLabel(tStep), message: `step "${stepLabel(tStep)}" of job ${jobId} was removed` });
      } else if (typeof tStep.uses === 'string') {
        uses(jobId, stepLabel(tStep), tStep.uses, rSteps[index]!.uses);
      }
    });
  }
  // A repository set up from a newer release's templates declares that release, and pins it.
  const released = ahead && selfReleases.length > 0 && selfReleases.every((r) => r !== undefined && compareVersions(r, rVersion!) === 0);
  return tVersion === undefined || rVersion === tVersion || released ? changes : [versionChange(file, tVersion, rVersion, ahead), ...changes];
}

/** The template's crons missing from the repository's schedule, and its `workflow_dispatch` inputs removed or changed. */
function scheduleAndInputChanges(file: string, templateOn: unknown, repoOn: unknown): DriftChange[] {
  const changes: DriftChange[] = [];
  const schedule = narrowedSchedule(templateOn, repoOn);
  if (schedule) {
    const [expected, actual] = [describeSchedule(schedule.expected), describeSchedule(schedule.actual)];
    changes.push({ file, type: 'narrowed-trigger', expected: `on.schedule: ${expected}`, actual: `on.schedule: ${actual}`, message: `trigger on.schedule is narrowed: the template has ${expected}, the repository ${actual}, so the workflow no longer runs at ${describeSchedule(schedule.missing)}` });
  }
  for (const c of changedDispatchInputs(templateOn, repoOn)) {
    const trigger = `on.workflow_dispatch.inputs.${c.name}`;
    const [expected, actual] = [describeInput(c.expected), describeInput(c.actual)];
    const why = c.actual ? 'so a dispatch the template accepts may be refused or read differently' : 'so GitHub refuses a dispatch that passes it';
    changes.push({ file, type: 'narrowed-trigger', expected: `${trigger}: ${expected}`, actual: `${trigger}: ${actual}`, message: `trigger ${trigger} is ${c.actual ? 'changed' : 'removed'}: the template has ${expected}, the repository ${actual}, ${why}` });
  }
  return changes;
}

/** The version marker differs from the template's: absent, older, or ahead of the template compared. */
function versionChange(file: string, tVersion: string, rVersion: string | undefined, ahead: boolean): DriftChange {
  return {
    file,
    type: 'template-behind',
    expected: tVersion,
    ...(rVersion === undefined ? {} : { actual: rVersion }),
    message: rVersion === undefined ? `declares no template version; the template is at ${tVersion}` : ahead ? `declares template version ${rVersion}, ahead of the template compared (${tVersion})` : `follows template version ${rVersion}; the template is at ${tVersion}`,
  };
}

/** A reference that differs from the template's: unpinned when it is no longer a full SHA; a pin of the template repository by the release it names. */
function compareUses(file: string, job: string, step: string | undefined, expected: string, actual: unknown, releases?: TemplateReleases): DriftChange[] {
  if (actual === expected) return [];
  const where = step === undefined ? `job ${job}` : `step "${step}" of job ${job}`;
  const verdict = typeof actual === 'string' ? judgeSelfPin(expected, actual, releases) : undefined;
  if (verdict?.kind === 'behind') {
    const name = parseActionRef(expected).name;
    return [{ file, type: 'template-behind', job, ...(step ? { step } : {}), expected, actual: actual as string, message: `${where} uses ${name} of release ${verdict.release}; the template pins release ${verdict.template}: run maestro drift --fix, or pin ${expected} # v${verdict.template}` }];
  }
  if (verdict?.kind === 'current') return [];
  if (typeof actual !== 'string') return [{ file, type: 'changed-action', job, ...(step ? { step } : {}), expected, message: `${where} no longer uses ${expected}` }];
  const exp = parseActionRef(expected);
  const act = parseActionRef(actual);
  const unpinned = exp.pinned && !act.pinned;
  const what = exp.name === act.name ? `${exp.name} at ${act.ref || 'no ref'} instead of ${exp.ref}` : `${actual} instead of ${expected}`;
  if (verdict?.kind === 'unmatched') return [{ file, type: 'changed-action', job, ...(step ? { step } : {}), expected, actual, message: `${where} pins ${exp.name} at ${act.ref.slice(0, 12)}, the template at ${exp.ref.slice(0, 12)}, and they cannot be compared by release: ${unmatchedReason(verdict.sha, releases!)}` }];
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
