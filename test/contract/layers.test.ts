import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../..');

/** The layers from the bottom up, and what each may import (the same rule as eslint.config.js). */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  flows: ['core', 'flows'],
  adapters: ['core', 'adapters'],
  app: ['core', 'flows', 'adapters', 'app'],
  actions: ['core', 'flows', 'adapters', 'actions'],
  cli: ['core', 'flows', 'adapters', 'cli'],
};

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('/dist') && !e.parentPath.includes('/generated'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Every relative import of the source, type-only imports included (a cycle of types still ties two
 * files together): file -> the files it names.
 */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of Object.keys(ALLOWED).flatMap(sources)) {
    const targets: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+?)(?:\.js)?'/g)) {
      const target = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(target)) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

const layerOf = (file: string): string => relative(root, file).split('/')[0]!;

/** Strongly connected components of more than one file (Tarjan), each as sorted relative paths. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(relative(root, member));
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

describe('the layout', () => {
  const graph = importGraph();

  it('has no import that runs from a lower layer to a higher one, or between entry points', () => {
    const wrong = [...graph].flatMap(([file, targets]) => targets.filter((t) => !ALLOWED[layerOf(file)]!.includes(layerOf(t))).map((t) => `${relative(root, file)} -> ${relative(root, t)}`));
    expect(wrong).toEqual([]);
  });

  it('has no import cycle, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('reads the whole source (the check is not empty)', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect([...graph.values()].flat().length).toBeGreaterThan(1000);
  });
});
