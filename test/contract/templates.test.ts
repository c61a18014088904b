import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { parseEvidenceLinks } from '../../core/pr/parse-evidence-links.js';
import { GATE_NOTES_SAMPLE_PATH, renderGateNotesSample } from '../../scripts/render-gate-notes-sample.js';
import '../helpers/build-evidence.js';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const formsDir = 'templates/.github/ISSUE_TEMPLATE';
const forms = readdirSync(join(root, formsDir)).filter((f) => f.endsWith('.yml')).sort();

const id = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' };
const text = { type: 'string', minLength: 1 };
const validations = { type: 'object', additionalProperties: false, properties: { required: { type: 'boolean' } } };
/** GitHub's issue form syntax (docs: "Syntax for issue forms" and "Syntax for GitHub's form schema"), closed. */
const issueFormSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'body'],
  properties: {
    name: text,
    description: text,
    title: text,
    labels: { type: 'array', items: text, uniqueItems: true },
    assignees: { type: 'array', items: text },
    projects: { type: 'array', items: text },
    type: text,
    body: {
      type: 'array',
      minItems: 1,
      items: {
        oneOf: [
          { type: 'object', additionalProperties: false, required: ['type', 'attributes'], properties: { type: { const: 'markdown' }, id, attributes: { type: 'object', additionalProperties: false, required: ['value'], properties: { value: text } } } },
          ...['input', 'textarea'].map((type) => ({ type: 'object', additionalProperties: false, required: ['type', 'id', 'attributes'], properties: { type: { const: type }, id, validations, attributes: { type: 'object', additionalProperties: false, required: ['label'], properties: { label: text, description: text, placeholder: text, value: text, ...(type === 'textarea' ? { render: text } : {}) } } } })),
          { type: 'object', additionalProperties: false, required: ['type', 'id', 'attributes'], properties: { type: { const: 'dropdown' }, id, validations, attributes: { type: 'object', additionalProperties: false, required: ['label', 'options'], properties: { label: text, description: text, multiple: { type: 'boolean' }, default: { type: 'integer', minimum: 0 }, options: { type: 'array', minItems: 1, uniqueItems: true, items: text } } } } },
          { type: 'object', additionalProperties: false, required: ['type', 'id', 'attributes'], properties: { type: { const: 'checkboxes' }, id, validations, attributes: { type: 'object', additionalProperties: false, required: ['label', 'options'], properties: { label: text, description: text, options: { type: 'array', minItems: 1, items: { type: 'object', additionalProperties: false, required: ['label'], properties: { label: text, required: { type: 'boolean' } } } } } } } },
        ],
      },
    },
  },
};
const validateForm = new Ajv2020({ allErrors: true, strict: true }).compile(issueFormSchema);

describe('issue forms', () => {
  it('holds the GA gap, exception request and drill report forms', () => {
    expect(forms).toEqual(['drill-report.yml', 'exception-request.yml', 'ga-gap.yml']);
  });

  it.each(forms)('%s follows GitHub\'s issue form syntax, with unique ids and labels', (file) => {
    const form = parse(read(`${formsDir}/${file}`)) as { body: Array<{ id?: string; attributes: { label?: string } }> };
    expect(validateForm(form) ? [] : validateForm.errors).toEqual([]);
    const ids = form.body.map((b) => b.id).filter(Boolean);
    const labels = form.body.map((b) => b.attributes.label).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('rejects a form with an unknown field type, so the schema check can fail', () => {
    expect(validateForm({ name: 'x', description: 'y', body: [{ type: 'date', id: 'd', attributes: { label: 'When' } }] })).toBe(false);
  });

  it('offers every control of the catalog in the GA gap form, as the catalog names them', () => {
    const catalog = readdirSync(join(root, 'controls'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => parse(read(`controls/${f}`)) as { id: string; title: string })
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => `${c.id} ${c.title}`);
    const form = parse(read(`${formsDir}/ga-gap.yml`)) as { body: Array<{ id?: string; attributes: { options?: string[] } }> };
    expect(form.body.find((b) => b.id === 'control')!.attributes.options).toEqual(catalog);
  });

  it('offers the drills the drill-report schema knows, and asks for the fields it requires', () => {
    const schema = JSON.parse(read('evidence-schemas/drill-report.v1.json')) as { $defs: { data: { properties: { drill: { enum: string[] } } } } };
    const form = parse(read(`${formsDir}/drill-report.yml`)) as { body: Array<{ id?: string; attributes: { options?: string[] } }> };
    expect(form.body.find((b) => b.id === 'drill')!.attributes.options).toEqual(schema.$defs.data.properties.drill.enum);
    expect(form.body.map((b) => b.id)).toEqual(expect.arrayContaining(['drill', 'status', 'started', 'finished', 'targets', 'measured', 'steps']));
  });

  it('asks in the exception request for every field a waiver report requires', () => {
    const form = parse(read(`${formsDir}/exception-request.yml`)) as { body: Array<{ id?: string }> };
    expect(form.body.map((b) => b.id)).toEqual(expect.arrayContaining(['control', 'until', 'reason']));
  });

  it('gives an Evidence line in the drill report form that the gate reads as a link', () => {
    const line = /`(- GA-19: \[[^\]]+\]\()<issue url>\)`/.exec(read(`${formsDir}/drill-report.yml`))!;
    expect(parseEvidenceLinks(`## Evidence\n${line[1]}https://github.com/acme/web/issues/9)\n`)).toEqual({ links: [{ controls: ['GA-19'], title: 'Q4 restore drill', url: 'https://github.com/acme/web/issues/9', line: 2 }], problems: [] });
  });
});

describe('pull request template', () => {
  const template = read('templates/pull_request_template.md');

  it('has the ## Evidence section the gate reads, and by itself lists no link and no problem', () => {
    expect(template).toMatch(/^## Evidence$/m);
    expect(parseEvidenceLinks(template)).toEqual({ links: [], problems: [] });
  });

  it('shows examples that the gate reads as links once written outside the comment', () => {
    const examples = template.split('\n').filter((l) => /^- GA-\d{2}/.test(l));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const parsed = parseEvidenceLinks(`## Evidence\n${examples.join('\n')}\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.links.map((l) => l.controls)).toEqual([['GA-29'], ['GA-05', 'GA-19']]);
  });
});

describe('gate-notes comment template', () => {
  it('is what the app posts for the failing example, marker included (run npm run docs)', async () => {
    expect(read(GATE_NOTES_SAMPLE_PATH)).toBe(await renderGateNotesSample(root));
  });
});

describe('caller workflow template', () => {
  it.each(readdirSync(join(root, 'templates/.github/workflows')).sort())('%s declares the template version of the release it pins', (file) => {
    const text = read(`templates/.github/workflows/${file}`);
    const version = /^# maestro-template-version: (\S+)$/m.exec(text)?.[1];
    const pins = [...text.matchAll(/uses: maestro-conductor\/maestro-conductor\/\S+@[0-9a-f]{40} # v(\S+)$/gm)].map((m) => m[1]);
    expect(pins.length).toBeGreaterThan(0);
    expect(new Set(pins)).toEqual(new Set([version]));
  });

  it('calls ga-gates.yml at a pinned version and declares the template version it follows', () => {
    const text = read('templates/.github/workflows/maestro.yml');
    expect(text).toMatch(/^# maestro-template-version: \d+\.\d+\.\d+$/m);
    expect(text).toMatch(/uses: maestro-conductor\/maestro-conductor\/\.github\/workflows\/ga-gates\.yml@[0-9a-f]{40} # v\d+\.\d+\.\d+$/m);
  });
});
