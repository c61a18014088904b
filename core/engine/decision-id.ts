import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/sha256.js';

/**
 * A decision id: `dec_` and 16 hex of the sha256 of everything that decided the result (rule,
 * result, repo, commit, evidence digests, parameters, waiver). The same inputs give the same id,
 * so a changed id means a changed decision.
 */
export function decisionId(inputs: Record<string, unknown>): string {
  return `dec_${sha256Hex(canonicalJson(inputs)).slice(0, 16)}`;
}
