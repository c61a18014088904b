import type { MaestroConfig } from '../config/types.js';

/** The privileged acts on a PR that separation of duties keeps from its own author. */
export type SelfGrantAct = 'waive' | 'override';

/** Whether a grant may go ahead, and whether it is the PR author's own (recorded as such in the ledger). */
export type SelfGrantCheck = { allowed: true; selfGranted: boolean } | { allowed: false; message: string };

const RULES: Record<SelfGrantAct, { key: 'waivers' | 'overrides'; act: string; who: string }> = {
  waive: { key: 'waivers', act: 'waives a control of', who: 'grant waivers' },
  override: { key: 'overrides', act: 'overrides the gate on', who: 'override the gate' },
};

/**
 * Separation of duties, as for manual evidence links (approved by someone other than their
 * author): by default nobody waives or overrides their own pull request. The repo config read
 * from the default branch may allow it (`waivers.allowSelf`, `overrides.allowSelf`); the grant is
 * then marked self-granted. Logins are compared without case, as GitHub does.
 */
export function checkSelfGrant(act: SelfGrantAct, sender: string, author: string, config: MaestroConfig, repo: string): SelfGrantCheck {
  const selfGranted = author !== '' && sender.toLowerCase() === author.toLowerCase();
  if (!selfGranted) return { allowed: true, selfGranted: false };
  const rule = RULES[act];
  if (config[rule.key].allowSelf) return { allowed: true, selfGranted: true };
  return {
    allowed: false,
    message: `@${sender} opened this pull request, and nobody ${rule.act} their own pull request in ${repo} (separation of duties); ask another maintainer who may ${rule.who}, or set ${rule.key}.allowSelf: true in .github/maestro.yml on the default branch.`,
  };
}
