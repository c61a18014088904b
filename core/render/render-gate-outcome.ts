import type { GateName, GateVerdict } from '../result/gate-outcome.js';
import { escapeMarkdown } from '../util/escape-markdown.js';

/** Each gate's title in the heading of its Markdown. */
export const GATE_TITLES: Record<GateName, string> = {
  a11y: 'Accessibility',
  k6: 'k6',
  slo: 'SLO error budgets',
  'schema-diff': 'Schema diff',
  'sbom-diff': 'SBOM diff',
  attestation: 'Attestations',
};

/** The longest headline shown in the heading, before escaping; the report and the step log keep it whole. */
export const HEADLINE_LIMIT = 1000;

/** A gate's Markdown below its heading, untrusted text already escaped. */
export interface GateBody {
  /** Blocks (a table, a list, a paragraph), shown in order a blank line apart; empty ones are left out. */
  sections: string[];
  /**
   * One sentence on what the verdict rests on (the tool, the inputs, the policy), shown as the
   * last line, in italics; Markdown, escaped, without the surrounding underscores.
   */
  footer: string;
}

/** What the frame is made of: the gate, its verdict and headline (plain text), and its body. */
export interface GateMarkdown extends GateBody {
  gate: GateName;
  verdict: GateVerdict;
  headline: string;
}

/**
 * The one frame of every gate's Markdown (job summary, terminal):
 *
 *     ### ✅ <gate title>: <headline>
 *
 *     <sections, a blank line apart>
 *
 *     _<footer>_
 *
 * with ❌ when the gate failed, and the headline escaped as untrusted text.
 */
export function renderGateOutcome(markdown: GateMarkdown): string {
  const blocks = [renderGateHeading(markdown.gate, markdown.verdict, markdown.headline), ...markdown.sections.map((s) => s.trim()).filter(Boolean), `_${markdown.footer.trim()}_`];
  return `${blocks.join('\n\n')}\n`;
}

/** The heading line of a gate's Markdown: verdict mark, gate title, escaped headline. */
export function renderGateHeading(gate: GateName, verdict: GateVerdict, headline: string): string {
  return `### ${verdict === 'pass' ? '✅' : '❌'} ${GATE_TITLES[gate]}: ${escapeMarkdown(headline, HEADLINE_LIMIT)}`;
}
