import { MaestroError } from '../../errors.js';
import { toSchemaIssues } from '../../evidence/schema-issues.js';
import { validatePrecomputedSlis } from '../../generated/gate-validators.js';
import { sloWindows } from './plan-slo-queries.js';
import type { RatioReading, SloDefinition } from './types.js';

/** SLOs with error ratios computed elsewhere, and the time they were computed at. */
export interface PrecomputedSlis {
  at: string;
  slos: Array<{ slo: SloDefinition; readings: Record<string, RatioReading> }>;
}

interface RawSli {
  name: string;
  service: string;
  objective: number;
  window?: string;
  errorRatios: Record<string, number | null>;
}

/**
 * Parses a JSON of precomputed SLIs (for teams whose CI cannot reach Prometheus). A window the file
 * does not give, or gives as null, is a value that cannot be read: that SLO is invalid, never passed.
 */
export function parsePrecomputedSlis(document: unknown, file: string): PrecomputedSlis {
  if (!validatePrecomputedSlis(document)) {
    const issues = toSchemaIssues(validatePrecomputedSlis.errors ?? [], document).slice(0, 10);
    throw new MaestroError('SCHEMA_INVALID', `precomputed SLIs ${file} are not valid: ${issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ')}`, {
      file, pointer: issues[0]?.pointer, remedy: 'fix the fields named above; the format is in core/gates/slo/precomputed-slis.schema.json and docs/gates.md.',
    });
  }
  const doc = document as { at: string; slos: RawSli[] };
  return {
    at: doc.at,
    slos: doc.slos.map((raw) => {
      const slo: SloDefinition = { name: raw.name, service: raw.service, objective: raw.objective, window: raw.window ?? '30d' };
      const readings: Record<string, RatioReading> = {};
      for (const window of sloWindows(slo)) {
        const ratio = raw.errorRatios[window];
        readings[window] = typeof ratio === 'number' ? { ok: true, ratio } : { ok: false, error: `${file} gives no error ratio for ${window}` };
      }
      return { slo, readings };
    }),
  };
}
