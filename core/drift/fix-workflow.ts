import { isMap as isYamlMap, isScalar, isSeq, Pair, Scalar, YAMLMap, type Document, type Node, type YAMLSeq } from 'yaml';
import { scopeLevel, widenedScopes } from './compare-permissions.js';
import { matchSteps } from './match-steps.js';
import { isMap, parseWorkflow, type ParsedWorkflow } from './parse-workflow.js';
import { compareVersions, readTemplateVersion, setTemplateVersion } from './template-version.js';

/**
 * The repository workflow with the template restored: removed trigger events put back with the
 * template's filters, missing jobs and steps put back where the
 * template has them, action references and the version marker set to the template's, widened
 * permissions narrowed to the template's levels. Everything the repository added (jobs, steps,
 * triggers, comments, narrower permissions) is kept. Returns the text unchanged, byte for byte,
 * when nothing needs restoring, so a fixed repository gets no pull request.
 */
export function fixWorkflow(template: { text: string; workflow: ParsedWorkflow }, repoText: string): string {
  const parsed = parseWorkflow(repoText);
  if (!parsed.ok) throw new Error(`cannot fix a workflow that does not parse: it ${parsed.message}`);
  const doc = parsed.workflow.doc;
  const tDoc = template.workflow.doc;
  let changed = restoreTriggers(doc, tDoc);
  changed = narrowPermissions(doc.contents as YAMLMap, tDoc.contents as YAMLMap, 'jobs') || changed;
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
      changed = narrowJobPermissions(doc, tDoc, jobId) || changed;
      changed = restoreUses(rJob, tJob) || changed;
      changed = restoreSteps(rJob, tJob) || changed;
    }
    previous = jobId;
  }
  const tVersion = readTemplateVersion(template.text);
  const rVersion = readTemplateVersion(repoText);
  const behind = tVersion !== undefined && (rVersion === undefined || compareVersions(rVersion, tVersion) < 0);
  if (!changed) return behind ? setTemplateVersion(repoText, tVersion) : repoText;
  const text = doc.toString({ lineWidth: 0, indentSeq: indentsSequences(repoText) });
  return behind ? setTemplateVersion(text, tVersion) : text;
}

/** Adds the template's trigger events the repository removed, keeping its own events and filters. */
function restoreTriggers(doc: Document, tDoc: Document): boolean {
  const template = eventNodes(tDoc.get('on', true));
  const node = doc.get('on', true);
  const repo = eventNodes(node);
  const missing = [...template.keys()].filter((e) => !repo.has(e));
  if (missing.length === 0) return false;
  const add = (map: YAMLMap, event: string) => map.items.push(new Pair(new Scalar(event), (template.get(event) as Node | null)?.clone() ?? null));
  if (isYamlMap(node)) {
    missing.forEach((e) => add(node, e));
  } else {
    // `on: push` or `on: [push]` cannot hold filters: it becomes a map with the same events.
    const map = new YAMLMap();
    for (const [event, value] of repo) map.items.push(new Pair(new Scalar(event), value));
    missing.forEach((e) => add(map, e));
    doc.set('on', map);
  }
  return true;
}

/** The events of an `on:` node with their filter nodes (null for none). */
function eventNodes(node: unknown): Map<string, unknown> {
  if (isScalar(node)) return new Map([[String(node.value), null]]);
  if (isSeq(node)) return new Map(node.items.filter(isScalar).map((i) => [String(i.value), null]));
  if (isYamlMap(node)) return new Map(node.items.map((p) => [keyOf(p), p.value ?? null]));
  return new Map();
}

/** Puts back removed template steps after the step that precedes them in the template; restores their action references. */
function restoreSteps(rJob: YAMLMap, tJob: YAMLMap): boolean {
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
      changed = restoreUses(anchor as YAMLMap, tStep as YAMLMap) || changed;
    }
  });
  return changed;
}

/** Sets `uses:` to the template's node (with its `# v4` comment) when the repository's differs. */
function restoreUses(rMap: YAMLMap, tMap: YAMLMap): boolean {
  if (!isYamlMap(rMap) || !isYamlMap(tMap)) return false;
  const expected = tMap.get('uses', true) as Scalar | undefined;
  if (!expected || rMap.get('uses') === expected.value) return false;
  rMap.set('uses', expected.clone());
  return true;
}

/** Narrows a job's own permissions (or gives it the template's) when they are wider than the template job's. */
function narrowJobPermissions(doc: Document, tDoc: Document, jobId: string): boolean {
  const rJob = doc.getIn(['jobs', jobId], true) as YAMLMap;
  const tJob = tDoc.getIn(['jobs', jobId], true) as YAMLMap;
  if (!rJob.has('permissions') && !tJob.has('permissions')) return false;
  const expectedNode = (tJob.get('permissions', true) ?? tDoc.get('permissions', true)) as Node | undefined;
  const actual = toJs(rJob.get('permissions', true) ?? doc.get('permissions', true));
  const expected = toJs(expectedNode);
  const wide = widenedScopes(expected, actual);
  if (wide.length === 0 || !expectedNode) return false;
  const own = rJob.get('permissions', true);
  if (isYamlMap(own) && isMap(expected)) {
    for (const w of wide) lower(own, w.scope, scopeLevel(expected, w.scope));
  } else if (own !== undefined) {
    rJob.set('permissions', expectedNode.clone());
  } else {
    insertBefore(rJob, 'permissions', expectedNode.clone() as Node, 'steps');
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
  if (isYamlMap(own) && isMap(expected)) for (const w of wide) lower(own, w.scope, scopeLevel(expected, w.scope));
  else if (own !== undefined) rRoot.set('permissions', expectedNode.clone());
  else insertBefore(rRoot, 'permissions', expectedNode.clone() as Node, before);
  return true;
}

function lower(map: YAMLMap, scope: string, level: string): void {
  if (level === 'none') map.delete(scope);
  else map.set(scope, level);
}

function insertBefore(map: YAMLMap, key: string, value: Node, before: string): void {
  const at = map.items.findIndex((p) => keyOf(p) === before);
  const name = new Scalar(key);
  // A blank line before the new key when the key it goes before had one, as top-level blocks usually do.
  const next = map.items[at]?.key as Scalar | undefined;
  if (next?.spaceBefore) name.spaceBefore = true;
  map.items.splice(at === -1 ? map.items.length : at, 0, new Pair(name, value));
}

function keyOf(pair: Pair): string {
  return String(pair.key instanceof Scalar ? pair.key.value : pair.key);
}

function toJs(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/** Whether the file mostly writes `key:\n  - item` (indented) rather than `key:\n- item`, to keep its style. */
function indentsSequences(text: string): boolean {
  const flush = text.match(/^( *)[^\s#][^\n]*:[ \t]*\n\1- /gm)?.length ?? 0;
  const indented = text.match(/^( *)[^\s#][^\n]*:[ \t]*\n\1 +- /gm)?.length ?? 0;
  return indented >= flush;
}
