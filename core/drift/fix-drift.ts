import { baseName, detectDrift, parseTemplate, type DriftInput } from './detect-drift.js';
import { fixWorkflow } from './fix-workflow.js';
import type { WorkflowFile } from './types.js';

/**
 * The files a fix commits: each drifted repository workflow with the template restored, and each
 * missing template workflow as the template has it. Nothing when the repository is clean, and
 * nothing when one of its workflows does not parse (a fix would be built on a guess; the report
 * says which file to repair by hand).
 */
export function fixDrift(input: DriftInput): WorkflowFile[] {
  const result = detectDrift(input);
  if (result.status !== 'drift') return [];
  const out: WorkflowFile[] = [];
  for (const file of input.template) {
    const single = input.pairSingleFiles && input.template.length === 1 && input.repo.length === 1;
    const repoFile = single ? input.repo[0] : input.repo.find((r) => baseName(r.path) === baseName(file.path));
    if (!repoFile) {
      out.push({ path: `.github/workflows/${baseName(file.path)}`, text: file.text });
      continue;
    }
    const text = fixWorkflow({ text: file.text, workflow: parseTemplate(file) }, repoFile.text, input.releases);
    if (text !== repoFile.text) out.push({ path: repoFile.path, text });
  }
  const present = new Set(input.repoPaths ?? []);
  for (const file of input.files ?? []) if (!present.has(file.path)) out.push({ path: file.path, text: file.text });
  return out;
}
