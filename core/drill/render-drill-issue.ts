import { MaestroError } from '../errors.js';
import { parseYaml } from '../util/parse-yaml.js';

/** The issue a drill opens. */
export interface DrillIssue {
  title: string;
  body: string;
  labels: string[];
}

/** What the drill fills into the form's fields, by field id. */
export interface DrillIssueValues {
  drill: string;
  startedAt: string;
  targets: string;
  /** A paragraph placed before the form's fields: what to do and what is measured. */
  preface: string;
}

interface FormItem {
  type?: unknown;
  id?: unknown;
  attributes?: { label?: unknown; value?: unknown };
}

/**
 * Renders an issue form (GitHub's `.github/ISSUE_TEMPLATE/*.yml`) as the issue GitHub would create
 * from it: `### <label>` and the answer per field, `_No response_` where nothing is known yet, the
 * form's default for the rest (the checklist). The title's `<drill>` and `<YYYY-MM-DD>` are filled.
 */
export function renderDrillIssue(formText: string, file: string, values: DrillIssueValues): DrillIssue {
  const parsed = parseYaml(formText);
  if (!parsed.ok) throw new MaestroError('YAML_SYNTAX', `issue form ${file} does not parse: ${parsed.message}${parsed.line ? ` (line ${parsed.line})` : ''}`, { file, remedy: 'fix the YAML of the issue form.' });
  const form = parsed.value as { title?: unknown; labels?: unknown; body?: unknown };
  if (typeof form !== 'object' || form === null || !Array.isArray(form.body)) throw new MaestroError('TEMPLATE_INVALID', `issue form ${file} has no body list of fields`, { file, pointer: '/body', remedy: 'pass a GitHub issue form (name, description, body: [...]), such as the drill-report form Maestro ships.' });
  const labels = Array.isArray(form.labels) ? form.labels.filter((l): l is string => typeof l === 'string') : typeof form.labels === 'string' ? form.labels.split(',').map((l) => l.trim()).filter(Boolean) : [];
  const date = values.startedAt.slice(0, 10);
  const title = typeof form.title === 'string' && form.title.trim() ? form.title.replace(/<drill>/g, values.drill).replace(/<YYYY-MM-DD>/g, date).replace(/pass\|fail/g, 'running') : `[Drill] ${values.drill} ${date}`;
  const answers: Record<string, string> = { drill: values.drill, started: values.startedAt, targets: values.targets };
  const sections = (form.body as FormItem[]).flatMap((item, index) => {
    if (item?.type === 'markdown') return [];
    const label = item?.attributes?.label;
    if (typeof label !== 'string' || !label.trim()) throw new MaestroError('TEMPLATE_INVALID', `issue form ${file} has a field without a label`, { file, pointer: `/body/${index}/attributes/label`, remedy: 'give every field of the form a label.' });
    const id = typeof item.id === 'string' ? item.id : '';
    const fallback = item.type === 'textarea' && typeof item.attributes?.value === 'string' && item.attributes.value.trim() ? item.attributes.value.trimEnd() : '_No response_';
    return [`### ${label}\n\n${answers[id] ?? fallback}`];
  });
  return { title, body: [values.preface, ...sections].join('\n\n') + '\n', labels };
}

/** The checklist items (`- [ ]`, `- [x]`) of an issue body: how many there are and how many are ticked. */
export function countChecklist(body: string): { items: number; ticked: number } {
  const items = [...body.matchAll(/^[ \t]*[-*] \[( |x|X)\] /gm)];
  return { items: items.length, ticked: items.filter((m) => m[1] !== ' ').length };
}
