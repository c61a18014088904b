import type { RepoRef } from '../pr/repo-ref.js';
import type { Ignored } from './types.js';

/** A webhook payload's object, read field by field. */
export type Json = Record<string, unknown>;

/** A delivery that triggers nothing, and why. */
export function ignore(reason: string): Ignored {
  return { type: 'ignore', reason };
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}

export function repoRef(v: unknown): RepoRef | undefined {
  const r = (v ?? {}) as Json;
  const fullName = str(r.full_name);
  const owner = str((r.owner as Json | undefined)?.login);
  const name = str(r.name);
  const id = num(r.id);
  if (!fullName || !owner || !name || id === undefined) return undefined;
  const defaultBranch = str(r.default_branch);
  return { id, owner, name, fullName, ...(defaultBranch ? { defaultBranch } : {}) };
}

/** PR numbers of a run or suite: only PRs into this repo (runs of forks list the fork's PRs too). */
export function pullNumbers(v: unknown, repo: RepoRef): number[] {
  if (!Array.isArray(v)) return [];
  const numbers = v
    .filter((pr: Json) => {
      const baseRepo = ((pr?.base as Json | undefined)?.repo as Json | undefined) ?? {};
      return num(baseRepo.id) === repo.id;
    })
    .map((pr: Json) => num(pr?.number))
    .filter((n): n is number => n !== undefined);
  return [...new Set(numbers)].sort((a, b) => a - b);
}
