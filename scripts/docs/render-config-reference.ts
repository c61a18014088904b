/**
 * docs/reference/config.md: every key of `.github/maestro.yml`, rendered from its JSON Schema
 * (core/config/maestro-config.schema.json, whose doc comments are the meanings) and the defaults a
 * repository without the file gets. One section per top-level key, so pages link `config.md#waivers`.
 */
import { cell, code, generatedBanner, table } from './markdown.js';

/** The parts of a JSON Schema node the page reads. */
export interface SchemaNode {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
}

function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return code(JSON.stringify(node.const));
  if (node.enum) return node.enum.map((v) => code(String(v))).join(' \\| ');
  if (node.type === 'array') return `list of ${node.items?.enum ? node.items.enum.map((v) => code(String(v))).join(' \\| ') : (node.items?.type ?? 'values')}`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object') return node.propertyNames?.enum ? `map by ${node.propertyNames.enum.map((v) => code(String(v))).join(', ')}` : 'map';
  const type = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
  const range = node.minimum !== undefined && node.maximum !== undefined ? ` (${node.minimum} to ${node.maximum})` : '';
  return `${type}${range}`;
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

function defaultOf(node: SchemaNode, path: string[], defaults: unknown): string {
  if (node.default !== undefined) return code(JSON.stringify(node.default));
  if (path.includes('<id>') || path.includes('<kind>')) return '';
  const value = valueAt(defaults, path);
  if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value))) return '';
  return code(JSON.stringify(value));
}

function walk(node: SchemaNode, path: string[], defaults: unknown, rows: string[][]): void {
  rows.push([code(path.join('.')), typeOf(node), defaultOf(node, path, defaults), cell(node.description ?? '')]);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, [...path, key], defaults, rows);
  if (!node.properties && typeof node.additionalProperties === 'object' && node.additionalProperties.properties) {
    for (const [key, child] of Object.entries(node.additionalProperties.properties)) walk(child, [...path, '<id>', key], defaults, rows);
  }
}

/** The whole page, from the config schema and the default configuration. */
export function renderConfigReference(schema: SchemaNode, defaults: unknown): string {
  const keys = Object.keys(schema.properties ?? {});
  return [
    generatedBanner('core/config/maestro-config.schema.json'),
    '',
    '# Configuration reference: `.github/maestro.yml`',
    '',
    `${schema.description ?? ''} How a config may adapt the catalog (and why it can never quietly weaken it) is in`,
    '[Configuration](../configuration.md); an example is [examples/maestro.yml](../../examples/maestro.yml). `_extends`',
    "(inherit another repository's file, such as the organisation's `.github`) is described there too.",
    '',
    `Top-level keys: ${keys.map((k) => `[${code(k)}](#${k.toLowerCase()})`).join(', ')}.`,
    '',
    ...keys.flatMap((key) => {
      const rows: string[][] = [];
      walk(schema.properties![key]!, [key], defaults, rows);
      return [`## ${code(key)}`, '', table(['Key', 'Type', 'Default', 'Meaning'], rows), ''];
    }),
  ].join('\n');
}
