import type { DocumentNode, Location } from 'graphql';

/**
 * Maps each schema coordinate of an SDL document (`User`, `User.email`, `Query.user.id`,
 * `Role.ADMIN`, `@auth`) to the line it is defined on, so changes can be annotated in place.
 */
export function indexSchemaLines(document: DocumentNode): Map<string, number> {
  const lines = new Map<string, number>();
  const add = (path: string, loc: Location | undefined): void => {
    if (loc && !lines.has(path)) lines.set(path, loc.startToken.line);
  };
  for (const def of document.definitions) {
    if (def.kind === 'DirectiveDefinition') {
      add(`@${def.name.value}`, def.loc);
      for (const arg of def.arguments ?? []) add(`@${def.name.value}.${arg.name.value}`, arg.loc);
      continue;
    }
    if (!('name' in def) || !def.name) continue;
    const type = def.name.value;
    add(type, def.loc);
    if ('fields' in def) {
      for (const field of def.fields ?? []) {
        add(`${type}.${field.name.value}`, field.loc);
        if ('arguments' in field) for (const arg of field.arguments ?? []) add(`${type}.${field.name.value}.${arg.name.value}`, arg.loc);
      }
    }
    if ('values' in def) for (const value of def.values ?? []) add(`${type}.${value.name.value}`, value.loc);
  }
  return lines;
}

/** The line of a coordinate, or of its nearest parent that still exists (a removed field points at its type). */
export function lineOf(lines: Map<string, number>, path: string): number | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const line = lines.get(p);
    if (line !== undefined) return line;
  }
  return undefined;
}
