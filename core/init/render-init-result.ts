import type { InitResult } from './plan-init.js';

/** Where the product lives, for the links of the next steps. */
const HOME = 'https://github.com/maestro-conductor/maestro-conductor';

/** What the user sees after `maestro init`: the files, then the next steps (or why nothing was written). */
export function renderInitResult(result: InitResult, context: { dir: string; org: boolean; checkName: string }): string {
  const width = Math.max(...result.files.map((f) => f.path.length));
  const rows = result.files.map((f) => `  ${f.path.padEnd(width)}  ${f.purpose}${f.exists ? (result.status === 'dry-run' ? ' (would overwrite)' : ' (overwritten)') : ''}`);
  if (result.status === 'refused') {
    return [
      `maestro init: ${result.conflicts.length === 1 ? '1 file is' : `${result.conflicts.length} files are`} already in ${context.dir}; nothing was written:`,
      ...result.conflicts.map((path) => `  ${path}`),
      '  remedy: compare them with what maestro would write (maestro init --dry-run --force lists it, writing nothing), then run maestro init --force to overwrite them.',
      '',
    ].join('\n');
  }
  const head = result.status === 'dry-run' ? `maestro init --dry-run: would write ${result.files.length} files in ${context.dir} (nothing written):` : `maestro init: wrote ${result.files.length} files in ${context.dir}:`;
  return [head, ...rows, '', 'Next steps:', ...nextSteps(context).map((step, i) => `  ${i + 1}. ${step}`), ''].join('\n');
}

function nextSteps(context: { org: boolean; checkName: string }): string[] {
  const steps = [
    'Commit these files on a branch and open a pull request.',
    `Install the Maestro Conductor GitHub App on ${context.org ? "the organisation's repositories" : 'the repository'} (register it from the manifest ${HOME}/blob/main/app.yml; see ${HOME}/blob/main/docs/github-app.md).\n     With GitHub Actions only, without the App: make the check "${context.checkName}" required in the default branch's protection rule or ruleset.`,
    'Try the gate locally: maestro gate --event <pull_request payload.json> --evidence <folder of evidence reports>',
    'When the gate notes read right, set mode: enforce in .github/maestro.yml.',
  ];
  if (context.org) {
    steps.splice(1, 0, "In this organisation's .github repository, set what the organisation workflows read (each file's header says more): the MAESTRO_DISPATCH_TOKEN secret (drift sweep), MAESTRO_READ_TOKEN (scoreboard), the MAESTRO_STORE variable and its secrets (drills).");
  }
  return steps;
}
