/**
 * The schema of a drift sweep's summary (`drift/<time>/<account>.json` in the evidence store):
 * closed and bounded like the evidence schemas, so an auditor can check a stored summary with any
 * JSON Schema validator.
 */
export const DRIFT_SWEEP_SUMMARY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:maestro-conductor:drift:sweep-summary:v1',
  title: 'Drift sweep summary',
  description: 'One installation\'s drift sweep: how it was started, and every drift-report it stored with its sha256.',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'schemaVersion', 'producer', 'sweep', 'counts', 'repos'],
  properties: {
    kind: { const: 'drift-sweep-summary' },
    schemaVersion: { const: '1.0' },
    producer: { type: 'object', additionalProperties: false, required: ['name', 'version'], properties: { name: { type: 'string', maxLength: 100 }, version: { type: 'string', maxLength: 100 } } },
    sweep: {
      type: 'object',
      additionalProperties: false,
      required: ['startedAt', 'endedAt', 'account', 'installationId', 'trigger', 'dryRun', 'template'],
      properties: {
        startedAt: { type: 'string', format: 'date-time' },
        endedAt: { type: 'string', format: 'date-time' },
        account: { type: 'string', minLength: 1, maxLength: 100 },
        installationId: { type: 'integer', minimum: 1 },
        trigger: {
          oneOf: [
            { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'timer' } } },
            { type: 'object', additionalProperties: false, required: ['type', 'repo', 'sender'], properties: { type: { const: 'dispatch' }, repo: { type: 'string', maxLength: 140 }, sender: { type: 'string', maxLength: 100 } } },
          ],
        },
        dryRun: { type: 'boolean' },
        template: { type: 'object', additionalProperties: false, required: ['source', 'version'], properties: { source: { type: 'string', maxLength: 500 }, version: { type: ['string', 'null'], maxLength: 100 } } },
      },
    },
    counts: { type: 'object', additionalProperties: false, required: ['clean', 'drift', 'invalid'], properties: { clean: { type: 'integer', minimum: 0 }, drift: { type: 'integer', minimum: 0 }, invalid: { type: 'integer', minimum: 0 } } },
    repos: {
      type: 'array',
      maxItems: 100000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['repo', 'status', 'action', 'pr', 'key', 'sha256', 'size'],
        properties: {
          repo: { type: 'string', pattern: '^[A-Za-z0-9-]{1,39}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$' },
          status: { enum: ['clean', 'drift', 'invalid'] },
          action: { enum: ['none', 'open', 'update', 'close', 'skip-invalid', 'deferred'] },
          pr: { type: ['string', 'null'], maxLength: 500 },
          key: { type: 'string', maxLength: 400 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          size: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;
