import { LineCounter, parseDocument, type Document } from 'yaml';

/** A workflow parsed both as a YAML document (for edits that keep comments) and as plain data. */
export interface ParsedWorkflow {
  doc: Document;
  /** The workflow as plain data; `jobs` is always a map. */
  value: { permissions?: unknown; jobs: Record<string, Record<string, unknown>> } & Record<string, unknown>;
}

/** Largest workflow file read; GitHub itself refuses workflow files far smaller than this. */
export const MAX_WORKFLOW_BYTES = 1024 * 1024;

/**
 * Parses a workflow file: YAML 1.2 core schema (`on` stays a key), duplicate keys refused, aliases
 * bounded. Returns why it is not a workflow when it is not: a YAML error with its line, or a
 * document without a `jobs` map of job maps.
 */
export function parseWorkflow(text: string): { ok: true; workflow: ParsedWorkflow } | { ok: false; message: string } {
  if (text.length > MAX_WORKFLOW_BYTES) return { ok: false, message: `is larger than ${MAX_WORKFLOW_BYTES} bytes` };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', customTags: [], keepSourceTokens: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    return { ok: false, message: `is not valid YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0]}` };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return { ok: false, message: `is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
  if (!isMap(value)) return { ok: false, message: 'is not a workflow: the document is not a mapping' };
  if (!isMap(value.jobs)) return { ok: false, message: 'is not a workflow: it has no jobs mapping' };
  const bad = Object.entries(value.jobs).find(([, job]) => !isMap(job));
  if (bad) return { ok: false, message: `is not a workflow: job ${bad[0]} is not a mapping` };
  return { ok: true, workflow: { doc, value: value as ParsedWorkflow['value'] } };
}

/** True for a plain object (a YAML mapping). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
