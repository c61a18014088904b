import { Ajv2020 } from 'ajv/dist/2020.js';
import { MaestroError } from '../errors.js';
import { toSchemaIssues } from '../evidence/schema-issues.js';
import { MERGED_PULLS_SCHEMA } from './merged-pulls-schema.js';
import type { MergedPull } from './types.js';

let validate: ReturnType<Ajv2020['compile']> | undefined;

/**
 * Checks the scoreboard's input against its schema (core/scoreboard/merged-pulls-schema.ts):
 * every problem is reported with its JSON pointer, and a time that is not a real date is refused.
 */
export function parseMergedPulls(value: unknown, file: string): MergedPull[] {
  validate ??= new Ajv2020({ strict: true, allErrors: true, useDefaults: false }).compile(MERGED_PULLS_SCHEMA);
  if (!validate(value)) {
    const issues = toSchemaIssues(validate.errors ?? [], value);
    const first = issues[0];
    throw new MaestroError('SCHEMA_INVALID', `${file} is not a list of merged pull requests: ${issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ')}`, { file, ...(first ? { pointer: first.pointer } : {}), remedy: 'give {"pulls": [{"repo", "number", "mergedAt", "gate": {"conclusion", "overridden", "waived"} | null}]}; see docs/scoreboard.md.' });
  }
  const pulls = (value as { pulls: MergedPull[] }).pulls;
  const bad = pulls.findIndex((p) => !isRealTime(p.mergedAt));
  if (bad !== -1) throw new MaestroError('SCHEMA_INVALID', `${file}: /pulls/${bad}/mergedAt ${JSON.stringify(pulls[bad]!.mergedAt)} is not a real time`, { file, pointer: `/pulls/${bad}/mergedAt`, remedy: 'write times like 2026-11-20T12:00:00Z.' });
  return pulls;
}

/** A time whose fields exist on the calendar and the clock (Date.parse alone accepts February 30). */
function isRealTime(text: string): boolean {
  const [, y, m, d, hh, mm, ss] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text)!.map(Number);
  const daysInMonth = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return m! >= 1 && m! <= 12 && d! >= 1 && d! <= daysInMonth && hh! <= 23 && mm! <= 59 && ss! <= 60 && !Number.isNaN(Date.parse(text));
}
