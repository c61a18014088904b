/** The GitHub repository of Maestro Conductor, as workflows name it in `uses:`. */
export const OWN_REPOSITORY = 'maestro-conductor/maestro-conductor';

/** A reference to a commit of this repository, in a workflow or a Markdown file. */
export interface Pin {
  /** 1-based line and column of the ref (the text after `@`, or the default's value). */
  line: number;
  column: number;
  /**
   * `uses`: a `uses:` of an action or reusable workflow of this repository; `default`: the default
   * of a workflow_call input that names a commit of this repository to check out (maestro-ref,
   * template-ref), marked by its `# vX.Y.Z` comment.
   */
  kind: 'uses' | 'default';
  /** For `uses`, the path inside the repository ('' for the root action); for `default`, the input's name. */
  target: string;
  /** The ref as written: a full SHA when pinned, else a tag or branch. */
  ref: string;
  /** The version of the `# vX.Y.Z` comment, without the v; undefined when there is none. */
  version?: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const USES = new RegExp(`^(\\s*(?:-\\s+)?uses:\\s*['"]?)${OWN_REPOSITORY.replace('/', '\\/')}(\\/[^@\\s'"]*)?@([^\\s'"#]+)['"]?(\\s+#\\s*v(\\d+\\.\\d+\\.\\d+))?\\s*$`);
const DEFAULT = /^(\s*default:\s*['"]?)([0-9a-f]{40})['"]?\s+#\s*v(\d+\.\d+\.\d+)\s*$/;
const INPUT_KEY = /^(\s*)([A-Za-z_][\w-]*):\s*$/;

/** True when `ref` is a full commit SHA. */
export function isFullSha(ref: string): boolean {
  return FULL_SHA.test(ref);
}

/**
 * Every reference to a commit of this repository in a workflow or Markdown text: the `uses:` of its
 * actions and reusable workflows (pinned or not, so loose ones can be reported), and the defaults
 * of inputs that check it out at a commit (`default: <sha> # vX.Y.Z`).
 */
export function findPins(text: string): Pin[] {
  const lines = text.split('\n');
  const pins: Pin[] = [];
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const uses = USES.exec(line);
    if (uses) {
      const column = uses[1]!.length + OWN_REPOSITORY.length + (uses[2] ?? '').length + 2;
      pins.push({ line: index + 1, column, kind: 'uses', target: (uses[2] ?? '').replace(/^\//, ''), ref: uses[3]!, ...(uses[5] ? { version: uses[5] } : {}) });
      return;
    }
    const fallback = DEFAULT.exec(line);
    if (fallback) pins.push({ line: index + 1, column: fallback[1]!.length + 1, kind: 'default', target: inputOf(lines, index, fallback[1]!.indexOf('d')), ref: fallback[2]!, version: fallback[3]! });
  });
  return pins;
}

/** The name of the input a `default:` line at `indent` belongs to: the nearest key above it indented less. */
function inputOf(lines: string[], index: number, indent: number): string {
  for (let i = index - 1; i >= 0; i--) {
    const key = INPUT_KEY.exec(lines[i]!);
    if (key && key[1]!.length < indent) return key[2]!;
  }
  return '';
}
