/**
 * The command that restores the template by hand in a checkout of `repo`, for a drift found where
 * no fix pull request is opened (the App without its drift-fix App, or a workflow's report).
 */
export function fixCommand(repo: string, templateSource: string): string {
  const template = templateSource.replace(/[`\n\r]/g, ' ').slice(0, 300);
  return `in a checkout of ${repo}, with the template ${template} checked out beside it: maestro drift --template <template folder> --repo . --repo-name ${repo} --fix; then open a pull request with the changed files`;
}
