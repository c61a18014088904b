import { isMap as isYamlMap, isSeq, Pair, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { narrowedScopes, scopeLevel, widenedScopes } from './compare-permissions.js';
import { judgeSelfPin } from './compare-self-pin.js';
import { matchSteps } from './match-steps.js';
import { isMap, parseWorkflow, type ParsedWorkflow } from './parse-workflow.js';
import { restoreTriggers } from './restore-triggers.js';
import type { TemplateReleases } from './template-releases.js';
import { compareVersions, readTemplateVersion, setTemplateVersion } from './template-version.js';
import { keyOf, toJs } from './yaml-nodes.js';

/**
 * The repository workflow with the template restored: removed trigger events put back with the
 * template's filters, narrowed filters widened again, the template's crons and dispatch inputs put back, missing jobs and steps put back where the
 * template has them, action references and the version marker set to the template's, each
 * template job's permissions set to the template's levels (wider ones narrowed, withheld ones
 * granted). Everything the repository added (jobs, steps, triggers, filter entries, comments,
 * its own jobs' permissions) is kept, and so is a pin of the template repository at the template's
 * release or a newer one (given `releases`). Returns the text unchanged, byte for byte,
 * when nothing needs restoring, so a fixed repository gets no pull request.
 */
export function fixWorkflow(template: { text: string; workflow: ParsedWorkflow }, repoText: string, releases?: TemplateReleases): string {
  const parsed = parseWorkflow(repoText);
  if (!parsed.ok) throw new Error(`cannot fix a workflow that does not parse: it ${parsed.message}`);
  const doc = parsed.workflow.doc;
  const tDoc = template.workflow.doc;
  let changed = restoreTriggers(doc, tDoc);
  const rJobs = doc.get('jobs', true) as YAMLMap;
  const tJobs = tDoc.get('jobs', true) as YAMLMap;
  let previous: string | undefined;
  for (const tPair of tJobs.items) {
    const jobId = keyOf(tPair);
    const tJob = tPair.value as YAMLMap;
    const rJob = rJobs.get(jobId, true) as YAMLMap | undefined;
    if (!rJob || rJob.has('uses') !== tJob.has('uses')) {
      // Missing, or turned from steps into a reusable workflow call (or back): the template's job.
      if (rJob) rJobs.set(jobId, tJob.clone());
      else rJobs.items.splice(previous === undefined ? 0 : rJobs.items.findIndex((p) => keyOf(p) === previous) + 1, 0, new Pair(new Scalar(jobId), tJob.clone()));
      changed = true;
    } else {
      changed = restoreJobPermissions(doc, tDoc, jobId) || changed;
      changed = restoreUses(rJob, tJob, releases) || changed;
      changed = restoreSteps(rJob, tJob, releases) || changed;
    }
    previous = jobId;
  }
  // After the jobs: a job that inherits the workflow's permissions was compared with them as the repository had them.
  changed = narrowPermissions(doc.contents as YAMLMap, tDoc.contents as YAMLMap, 'jobs') || changed;
  const tVersion = readTemplateVersion(template.text);
  const rVersion = readTemplateVersion(repoText);
  const behind = tVersion !== undefined && (rVersion === undefined || compareVersions(rVersion, tVersion) < 0);
  if (!changed) return behind ? setTemplateVersion(repoText, tVersion) : repoText;
  const text = doc.toString({ lineWidth: 0, indentSeq: indentsSequences(repoText), flowCollectionPadding: padsFlowCollections(`${repoText}\n${template.text}`) });
  return behind ? setTemplateVersion(text, tVersion) : text;
}

/** Puts back removed template steps after the step that precedes them in the template; restores their action references. */
function restoreSteps(rJob: YAMLMap, tJob: YAMLMap, releases: TemplateReleases | undefined): boolean {
  const tSteps = tJob.get('steps', true);
  if (!isSeq(tSteps)) return false;
  let rSteps = rJob.get('steps', true) as YAMLSeq | undefined;
  if (!isSeq(rSteps)) {
    rSteps = tSteps.clone() as YAMLSeq;
    rSteps.items = [];
    rJob.set('steps', rSteps);
  }
  const seq = rSteps;
  const matches = matchSteps(toJs(tSteps), toJs(seq));
  const nodes = [...seq.items];
  let changed = false;
  let anchor: unknown;
  tSteps.items.forEach((tStep, i) => {
    const index = matches[i];
    if (index === undefined) {
      const copy = (tStep as Node).clone();
      seq.items.splice(anchor === undefined ? 0 : seq.items.indexOf(anchor) + 1, 0, copy);
      anchor = copy;
      changed = true;
    } else {
      anchor = nodes[index];
      changed = restoreUses(anchor as YAMLMap, tStep as YAMLMap, releases) || changed;
    }
  });
  return changed;
}

/** Sets `uses:` to the template's node (with its `# v4` comment) when the repository's differs, unless it pins the template repository at the template's release or later. */
function restoreUses(rMap: YAMLMap, tMap: YAMLMap, releases: TemplateReleases | undefined): boolean {
  if (!isYamlMap(rMap) || !isYamlMap(tMap)) return false;
  const expected = tMap.get('uses', true) as Scalar | undefined;
  const actual = rMap.get('uses');
  if (!expected || actual === expected.value) return false;
  if (typeof expected.value === 'string' && typeof actual === 'string' && judgeSelfPin(expected.value, actual, releases)?.kind === 'current') return false;
  rMap.set('uses', expected.clone());
  return true;
}

/**
 * Gives a template job the template's permissions where the repository's differ: wider scopes are
 * narrowed, and scopes the template job needs but the repository withholds are granted (a reusable
 * workflow cannot ask for more than its caller grants). The repository's own map is edited in place.
 */
function restoreJobPermissions(doc: Document, tDoc: Document, jobId: string): boolean {
  const rJob = doc.getIn(['jobs', jobId], true) as YAMLMap;
  const tJob = tDoc.getIn(['jobs', jobId], true) as YAMLMap;
  const expectedNode = (tJob.get('permissions', true) ?? tDoc.get('permissions', true)) as Node | undefined;
  const actual = toJs(rJob.get('permissions', true) ?? doc.get('permissions', true));
  const expected = toJs(expectedNode);
  const wide = rJob.has('permissions') || tJob.has('permissions') ? widenedScopes(expected, actual) : [];
  const differ = [...wide, ...(tJob.has('permissions') ? narrowedScopes(expected, actual) : [])];
  if (differ.length === 0 || !expectedNode) return false;
  const own = rJob.get('permissions', true);
  if (isYamlMap(own) && isMap(expected)) {
    for (const d of differ) setLevel(own, d.scope, scopeLevel(expected, d.scope));
  } else if (own !== undefined) {
    rJob.set('permissions', expectedNode.clone());
  } else {
    insertBefore(rJob, 'permissions', expectedNode.clone() as Node, ['steps', 'with', 'secrets']);
  }
  return true;
}

/** Narrows the workflow-level permissions to the template's. */
function narrowPermissions(rRoot: YAMLMap, tRoot: YAMLMap, before: string): boolean {
  const expectedNode = tRoot.get('permissions', true) as Node | undefined;
  const own = rRoot.get('permissions', true);
  const expected = toJs(expectedNode);
  const wide = widenedScopes(expected, toJs(own));
  if (wide.length === 0 || !expectedNode) return false;
  if (isYamlMap(own) && isMap(expected)) for (const w of wide) setLevel(own, w.scope, scopeLevel(expected, w.scope));
  else if (own !== undefined) rRoot.set('permissions', expectedNode.clone());
  else insertBefore(rRoot, 'permissions', expectedNode.clone() as Node, [before]);
  return true;
}

function setLevel(map: YAMLMap, scope: string, level: string): void {
  if (level === 'none') map.delete(scope);
  else map.set(scope, level);
}

function insertBefore(map: YAMLMap, key: string, value: Node, before: string[]): void {
  const at = map.items.findIndex((p) => before.includes(keyOf(p)));
  const name = new Scalar(key);
  // A blank line before the new key when the key it goes before had one, as top-level blocks usually do.
  const next = map.items[at]?.key as Scalar | undefined;
  if (next?.spaceBefore) name.spaceBefore = true;
  map.items.splice(at === -1 ? map.items.length : at, 0, new Pair(name, value));
}

/** Whether the file mostly writes `key:\n  - item` (indented) rather than `key:\n- item`, to keep its style. */
function indentsSequences(text: string): boolean {
  const flush = text.match(/^( *)[^\s#][^\n]*:[ \t]*\n\1- /gm)?.length ?? 0;
  const indented = text.match(/^( *)[^\s#][^\n]*:[ \t]*\n\1 +- /gm)?.length ?? 0;
  return indented >= flush;
}

/** Whether the files mostly write `[ a, b ]` and `{ a: b }` with inner spaces rather than `[a, b]`, to keep their style. */
function padsFlowCollections(text: string): boolean {
  const padded = text.match(/[:-] [[{] [^\s\]}]/g)?.length ?? 0;
  const tight = text.match(/[:-] [[{][^\s\]}]/g)?.length ?? 0;
  return padded > tight;
}
