import { parseYaml } from '../util/parse-yaml.js';
import { type CatalogEntry, type CatalogProblem, collectCatalog, type ControlSchemaCheck } from './build-catalog.js';
import type { Catalog } from './types.js';

/** One control file's text, named as every message should name it (`maestro/controls/x.yml in acme/.github`). */
export interface CatalogFileText {
  name: string;
  text: string;
}

/**
 * Parses and validates custom control files exactly as the shipped catalog is validated: YAML 1.2
 * core schema with duplicate keys refused and alias expansion bounded, the control schema (unknown
 * keys refused), then the catalog's own rules (unique ids, one requirement per kind, declared
 * parameters, `loosest`). Every problem of every file is collected, each naming its file and field.
 */
export function parseCatalogFiles(files: CatalogFileText[], checkSchema: ControlSchemaCheck): { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const entries: CatalogEntry[] = [];
  for (const file of files) {
    const parsed = parseYaml(file.text);
    if (!parsed.ok) problems.push({ code: 'CATALOG_INVALID', file: file.name, pointer: '', message: `not valid YAML: ${parsed.message}`, ...(parsed.line ? { line: parsed.line } : {}) });
    else entries.push({ source: file.name, value: parsed.value });
  }
  const built = collectCatalog(entries, checkSchema);
  problems.push(...built.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog: built.catalog };
}

/** A problem as one sentence with its remedy: `maestro/controls/x.yml in acme/.github at /priority: must be one of ...; fix ...`. */
export function describeCatalogProblem(problem: CatalogProblem): string {
  const where = `${problem.file}${problem.line ? ` line ${problem.line}` : ''}${problem.pointer ? ` at ${problem.pointer}` : ''}`;
  const remedy = problem.code === 'CATALOG_DUPLICATE_ID'
    ? 'give each control its own id (a control with the id of a shipped one replaces it when the catalog extends the shipped one)'
    : problem.message.startsWith('not valid YAML') ? 'fix the YAML at that line' : 'fix the field; Maestro\'s controls/control.schema.json documents every field';
  return `${where}: ${problem.message}; ${remedy}`;
}
