import { stat } from 'node:fs/promises';
import { MaestroError } from '../../core/errors.js';
import { parseEvidenceFiles } from '../../core/evidence/parse-evidence.js';
import type { EvidenceItem } from '../../core/evidence/types.js';
import { DEFAULT_EVIDENCE_LIMITS, readEvidenceDir } from '../../adapters/fs/read-evidence-dir.js';
import { readInputFile } from '../../adapters/fs/read-input-file.js';
import { printOut } from '../../adapters/fs/write-output.js';

/** `maestro validate`: schema-check evidence files and folders. Returns the exit code. */
export async function validateCommand(paths: string[], options: { format: 'text' | 'json' }): Promise<number> {
  const items: EvidenceItem[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((cause: NodeJS.ErrnoException) => {
      throw new MaestroError('FILE_NOT_FOUND', `${path} does not exist`, { file: path, remedy: 'pass evidence files or folders that exist.', cause });
    });
    if (info.isDirectory()) {
      const found = await readEvidenceDir(path);
      items.push(...found.map((item) => ({ ...item, ref: { ...item.ref, path: `${path.replace(/\/+$/, '')}/${item.ref.path}` } })));
    } else {
      const bytes = await readInputFile(path, 'evidence file', DEFAULT_EVIDENCE_LIMITS.maxFileBytes);
      items.push(...(await parseEvidenceFiles([{ bytes, path }])));
    }
  }
  const invalid = items.filter((i) => i.status === 'invalid').length;
  if (options.format === 'json') {
    const out = items.map((i) => (i.status === 'valid' ? { path: i.ref.path, valid: true, kind: i.report.kind, sha256: i.ref.sha256 } : { path: i.ref.path, valid: false, kind: i.kind ?? null, code: i.code, issues: i.issues }));
    await printOut(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = items.map((i) => {
      if (i.status === 'valid') return `ok    ${i.ref.path}: ${i.report.kind} ${i.report.schemaVersion} for ${i.report.subject.repo}@${i.report.subject.sha.slice(0, 7)}`;
      return [`FAIL  ${i.ref.path}: ${i.kind ? `not a valid ${i.kind} report` : 'not an evidence report'} (${i.code})`, ...i.issues.map((issue) => `        ${issue.pointer || '/'}: ${issue.message}`)].join('\n');
    });
    lines.push(`${items.length - invalid} valid, ${invalid} invalid`);
    await printOut(`${lines.join('\n')}\n`);
  }
  return invalid > 0 ? 1 : items.length === 0 ? 2 : 0;
}
