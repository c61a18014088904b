import { MaestroError } from '../errors.js';
import { findPins } from './find-pins.js';

/** The release every pin is moved to. */
export interface RepinTarget {
  /** The commit the pins name: a full SHA (or, for a dry run, a placeholder shown instead). */
  sha: string;
  /** The release's version, X.Y.Z, written as the `# vX.Y.Z` comment. */
  version: string;
  /** Also set the `# maestro-template-version:` line (the caller templates carry one). */
  templateVersion?: boolean;
}

/** One line a re-pin changes. */
export interface RepinChange {
  line: number;
  before: string;
  after: string;
}

const VERSION = /^\d+\.\d+\.\d+$/;
const TEMPLATE_VERSION = /^(#\s*maestro-template-version:\s*)\S+(\s*)$/;

/**
 * Moves every pin of this repository in a workflow or Markdown text to one release: the ref of each
 * `uses:` becomes `target.sha` with a `# vX.Y.Z` comment, and so does each input default that
 * names a commit. Lines without a pin are left byte for byte; a text with none comes back as it was.
 */
export function repin(text: string, target: RepinTarget): { text: string; changes: RepinChange[] } {
  if (!VERSION.test(target.version)) throw new MaestroError('USAGE', `version ${JSON.stringify(target.version)} is not X.Y.Z`, { remedy: 'give the release version as three numbers, such as 1.4.0.' });
  const lines = text.split('\n');
  const changes: RepinChange[] = [];
  const pins = findPins(text);
  for (const pin of pins) {
    const before = lines[pin.line - 1]!;
    const eol = before.endsWith('\r') ? '\r' : '';
    const body = eol ? before.slice(0, -1) : before;
    // The ref and whatever followed it (a closing quote, the old comment) become the new ref and comment.
    const quote = /^\s*(?:-\s+)?(?:uses|default):\s*(['"])/.exec(body)?.[1] ?? '';
    const after = `${body.slice(0, pin.column - 1)}${target.sha}${quote} # v${target.version}${eol}`;
    if (after !== before) {
      lines[pin.line - 1] = after;
      changes.push({ line: pin.line, before, after });
    }
  }
  if (target.templateVersion) {
    lines.forEach((line, index) => {
      const match = TEMPLATE_VERSION.exec(line);
      if (!match) return;
      const after = `${match[1]}${target.version}${match[2]}`;
      if (after !== line) {
        lines[index] = after;
        changes.push({ line: index + 1, before: line, after });
      }
    });
    changes.sort((a, b) => a.line - b.line);
  }
  return { text: lines.join('\n'), changes };
}
