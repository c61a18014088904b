import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

/** A real payload from @octokit/webhooks-examples (a deep copy, so tests may change fields). */
export function examplePayload(event: string, action: string, index = 0): Record<string, any> {
  const list = examples.find((e) => e.name === event)?.examples.filter((x) => x.action === action) ?? [];
  const payload = list[index];
  if (!payload) throw new Error(`no example for ${event}.${action} #${index}`);
  return structuredClone(payload) as Record<string, any>;
}

