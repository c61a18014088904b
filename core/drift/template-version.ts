/**
 * The marker line that says which template version a workflow file follows:
 * `# maestro-template-version: 1.4.0`. A comment, so GitHub ignores it and no workflow syntax is
 * bent to carry it.
 */
export const VERSION_MARKER = /^#\s*maestro-template-version:\s*(\S{1,100})\s*$/m;

/** The template version a workflow file declares, or undefined. */
export function readTemplateVersion(text: string): string | undefined {
  return VERSION_MARKER.exec(text)?.[1];
}

/**
 * Orders two versions: numeric parts compared as numbers (`v1.10.0` after `v1.9.2`), a leading
 * `v` ignored. Returns a negative number when `a` is older than `b`, 0 when equal.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/i, '').split(/[.+-]/);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The text with its version marker set to `version` (added as the first line when absent). */
export function setTemplateVersion(text: string, version: string): string {
  const line = `# maestro-template-version: ${version}`;
  return VERSION_MARKER.test(text) ? text.replace(VERSION_MARKER, line) : `${line}\n${text}`;
}
