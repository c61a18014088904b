import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PinnedFile } from '../../core/release/check-pins.js';

/** Where pins of this repository live: the caller templates, the reusable workflows, and the docs. */
export const PINNED_PLACES = ['templates', '.github/workflows', 'docs'] as const;

function walk(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) return walk(root, path);
      return /\.(ya?ml|md)$/.test(name) ? [path] : [];
    });
}

/** Every workflow and Markdown file that may pin this repository, with its text: the places above and the Markdown files at the top. */
export function listPinnedFiles(root: string): PinnedFile[] {
  const top = readdirSync(root).filter((name) => name.endsWith('.md') && statSync(join(root, name)).isFile()).sort();
  return [...PINNED_PLACES.flatMap((place) => walk(root, place)), ...top].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
