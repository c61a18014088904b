import { esc } from './escape-html.js';
import type { ReleaseView } from './types.js';

/**
 * The verifier's checks of a release, as `maestro verify` makes them: failures first and in the
 * open (red, each with what it found), the checks that held folded below. A failed bundle is never
 * hidden or softened.
 */
export function renderVerification(view: ReleaseView): string {
  const failed = view.verification.checks.filter((c) => c.result === 'fail');
  const passed = view.verification.checks.filter((c) => c.result === 'pass');
  const row = (c: (typeof failed)[number]): string => `<tr class="${c.result === 'fail' ? 'row-failed' : ''}"><th scope="row">${c.result === 'fail' ? '✗ FAIL' : '✓ pass'}</th><td>${esc(c.check)}</td><td><code>${esc(c.subject)}</code></td><td>${esc(c.detail)}</td></tr>`;
  const head = '<thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Subject</th><th scope="col">What was found</th></tr></thead>';
  const failures = failed.length > 0
    ? `<div class="scroll"><table class="failed-checks"><caption>Failed checks</caption>${head}<tbody>${failed.map(row).join('')}</tbody></table></div>`
    : '';
  const unreadable = view.unreadable.length > 0 ? `<p class="alert">⚠ Not shown, because their bytes differ from the signed manifest: ${esc(view.unreadable.join(', '))}.</p>` : '';
  return `<section aria-labelledby="verification-h" class="${failed.length > 0 ? 'verification failed' : 'verification'}"><h2 id="verification-h">Verification</h2>
${failures}${unreadable}
<details${failed.length > 0 ? '' : ' open'}><summary>${passed.length} check(s) held</summary><div class="scroll"><table><caption class="visually-hidden">Checks that held</caption>${head}<tbody>${passed.map(row).join('')}</tbody></table></div></details>
</section>`;
}
