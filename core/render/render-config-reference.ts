import { markdownTable } from 'markdown-table';
import { DEFAULT_CONFIG } from '../config/default-config.js';
import { getAtPointer } from '../util/json-pointer.js';

interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

/** The configuration reference of the README: every key of the config schema with its type, default and doc comment. */
export function renderConfigReference(schema: SchemaNode): string {
  const rows: string[][] = [];
  walk(schema, '', rows);
  return `${markdownTable([['Key', 'Type', 'Default', 'Meaning'], ...rows], { alignDelimiters: false })}\n`;
}

function walk(node: SchemaNode, path: string, rows: string[][]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const keyPath = path ? `${path}.${key}` : key;
    rows.push([`\`${keyPath}\``, typeOf(child), defaultOf(keyPath), (child.description ?? '').replace(/\|/g, '\\|')]);
    if (child.properties) walk(child, keyPath, rows);
    else if (typeof child.additionalProperties === 'object' && child.additionalProperties.properties) walk(child.additionalProperties, `${keyPath}.<id>`, rows);
  }
}

function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (node.type === 'array') return `list of ${node.items?.enum ? node.items.enum.map((v) => `\`${String(v)}\``).join(' \\| ') : (node.items?.type ?? 'values')}`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object') return 'map';
  return Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
}

function defaultOf(keyPath: string): string {
  if (keyPath.includes('<id>')) return '';
  const value = getAtPointer(DEFAULT_CONFIG, `/${keyPath.split('.').join('/')}`);
  if (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value))) return '';
  return `\`${JSON.stringify(value)}\``;
}
