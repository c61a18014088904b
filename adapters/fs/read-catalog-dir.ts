import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog, type CatalogEntry } from '../../core/controls/build-catalog.js';
import type { Catalog } from '../../core/controls/types.js';
import { MaestroError } from '../../core/errors.js';
import { toSchemaIssues } from '../../core/evidence/schema-issues.js';
import { validateControl } from '../../core/generated/control-validator.js';
import { parseYaml } from '../../core/util/parse-yaml.js';
import { readInputFile } from './read-input-file.js';

/** Largest control file read: a control is a page of YAML, not megabytes. */
const MAX_CONTROL_BYTES = 256 * 1024;

/** Loads a catalog folder (`*.yml` / `*.yaml`, one control each) and validates it like the shipped one. */
export async function readCatalogDir(dir: string): Promise<Catalog> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
  } catch (cause) {
    throw new MaestroError('FILE_NOT_FOUND', `catalog folder ${dir} cannot be read`, { file: dir, remedy: 'pass a folder of control files (*.yml), such as the controls/ folder of this package.', cause });
  }
  if (names.length === 0) throw new MaestroError('CATALOG_INVALID', `catalog folder ${dir} holds no control files (*.yml)`, { file: dir, remedy: 'pass a folder of control files, one control per file.' });
  const problems: string[] = [];
  const entries: CatalogEntry[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const parsed = parseYaml((await readInputFile(path, 'control file', MAX_CONTROL_BYTES)).toString('utf8'));
    if (parsed.ok) entries.push({ source: path, value: parsed.value });
    else problems.push(`${path}${parsed.line ? ` line ${parsed.line}` : ''}: not valid YAML: ${parsed.message}`);
  }
  if (problems.length > 0) {
    throw new MaestroError('CATALOG_INVALID', `the controls catalog is invalid:\n  - ${problems.join('\n  - ')}`, { file: dir, remedy: 'fix the YAML syntax at the given lines.' });
  }
  return buildCatalog(entries, (value) => (validateControl(value) ? [] : toSchemaIssues(validateControl.errors ?? [], value)));
}
