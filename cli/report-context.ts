import type { ReportContext } from '../core/evidence/build-report.js';
import { resolveReportContext, resolveRepository, type SubjectDefaults, type SubjectOverrides } from '../adapters/fs/resolve-report-context.js';
import { gitCheckout } from '../adapters/git/read-checkout.js';

/**
 * The context of a report `maestro` makes now: the subject from --repo, --sha and --pr, else the
 * GitHub Actions environment, else (by hand) the checkout's `origin` remote and `HEAD`. A value read
 * from the checkout is named on stderr with where it came from, so stdout stays the report.
 */
export function cliReportContext(overrides: SubjectOverrides, env: NodeJS.ProcessEnv = process.env): ReportContext {
  return resolveReportContext('maestro-cli', overrides, env, new Date(), checkoutDefaults());
}

/** The repository a command is about: --repo, else GITHUB_REPOSITORY, else (by hand) the checkout's `origin`, named on stderr. */
export function cliRepository(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveRepository(given, env, checkoutDefaults());
}

function checkoutDefaults(): SubjectDefaults {
  return { checkout: gitCheckout(process.cwd()), note: (line) => process.stderr.write(`${line}\n`) };
}
