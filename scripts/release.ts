/**
 * npm run release -- <version> [--dry-run] [--skip-build]
 *
 * Cuts a release of Maestro Conductor from a clean tree: bumps the version, rebuilds the committed
 * action bundles, commits and tags vX.Y.Z, then re-pins every reference to this repository in
 * templates/, .github/workflows/ and the docs to the tagged commit (see CONTRIBUTING.md).
 * --dry-run prints what would change. --skip-build leaves actions/dist as committed: for tests, and
 * for a release that only re-pins.
 */
import { formatError, MaestroError } from '../core/errors.js';
import { cutRelease } from './release/cut-release.js';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a) => !a.startsWith('--'));
const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--skip-build');

try {
  if (unknown.length > 0 || positional.length !== 1) {
    throw new MaestroError('USAGE', unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : 'give the version to release', { remedy: 'run npm run release -- <X.Y.Z> [--dry-run] [--skip-build].' });
  }
  cutRelease({ cwd: process.cwd(), version: positional[0]!, dryRun: flags.has('--dry-run'), skipBuild: flags.has('--skip-build'), log: (line) => console.log(line) });
} catch (error) {
  console.error(error instanceof MaestroError ? formatError(error) : error);
  process.exitCode = error instanceof MaestroError ? 2 : 1;
}
