import { createHash } from 'node:crypto';
import type { GitPerson } from './model.js';

/** A tree as a flat map of file path to blob sha; git's nested trees are derived from it. */
export type FileMap = ReadonlyMap<string, string>;

/** An entry directly inside a folder of a tree. */
export interface TreeEntry {
  name: string;
  path: string;
  type: 'blob' | 'tree';
  mode: '100644' | '040000';
  sha: string;
}

/** Git's object id: sha1 of "<type> <length>\0<body>", so shas look and behave like GitHub's. */
export function hashObject(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

/** The files under `dir` (no leading or trailing slash; '' for the root), with paths relative to it. */
export function filesUnder(files: FileMap, dir: string): Map<string, string> {
  if (dir === '') return new Map(files);
  const prefix = `${dir}/`;
  return new Map([...files].filter(([path]) => path.startsWith(prefix)).map(([path, sha]) => [path.slice(prefix.length), sha]));
}

/** The entries directly inside `dir`, sorted as git sorts them; folders carry their subtree's sha. */
export function entriesAt(files: FileMap, dir: string): TreeEntry[] {
  const inside = filesUnder(files, dir);
  const names = new Map<string, 'blob' | 'tree'>();
  for (const path of inside.keys()) {
    const slash = path.indexOf('/');
    names.set(slash < 0 ? path : path.slice(0, slash), slash < 0 ? 'blob' : 'tree');
  }
  const at = (name: string): string => (dir === '' ? name : `${dir}/${name}`);
  return [...names]
    .sort(([a, ta], [b, tb]) => gitOrder(ta === 'tree' ? `${a}/` : a, tb === 'tree' ? `${b}/` : b))
    .map(([name, type]) => ({
      name,
      path: at(name),
      type,
      mode: type === 'tree' ? ('040000' as const) : ('100644' as const),
      sha: type === 'tree' ? hashTree(filesUnder(inside, name)) : (inside.get(name) as string),
    }));
}

/** The sha of the tree holding `files`, computed as git computes it (nested trees included). */
export function hashTree(files: FileMap): string {
  const parts = entriesAt(files, '').map((e) => Buffer.concat([Buffer.from(`${e.type === 'tree' ? '40000' : '100644'} ${e.name}\0`), Buffer.from(e.sha, 'hex')]));
  return hashObject('tree', Buffer.concat(parts));
}

/** The body of a commit object, as git writes it. */
export function commitBody(commit: { tree: string; parents: string[]; author: GitPerson; committer: GitPerson; message: string }): Buffer {
  const person = (p: GitPerson): string => `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
  const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`), `author ${person(commit.author)}`, `committer ${person(commit.committer)}`, '', commit.message];
  return Buffer.from(lines.join('\n'));
}

/** Whether git would call the content binary: a NUL byte in its first 8000 bytes. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

function gitOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
