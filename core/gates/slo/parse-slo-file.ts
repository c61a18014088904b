import { MaestroError } from '../../errors.js';
import { toSchemaIssues } from '../../evidence/schema-issues.js';
import { validateSloFile } from '../../generated/gate-validators.js';
import { parseYaml } from '../../util/parse-yaml.js';
import { DEFAULT_POLICY, type SloDefinition, type SloPolicy } from './types.js';

/** A parsed SLO file. */
export interface SloFile {
  policy: SloPolicy;
  slos: SloDefinition[];
}

const QUERY_FIELD = /\/sli\/(good|total|errorRatio)$/;

interface RawSlo {
  name: string;
  service?: string;
  objective: number;
  window?: string;
  sli: { good?: string; total?: string; errorRatio?: string };
}

/**
 * Parses an SLO file (YAML or JSON): schema-checked with every problem named by key and line, a
 * service for every SLO, unique names per service, a policy whose thresholds are in order, and an
 * indicator that is either good and total or an error ratio.
 */
export function parseSloFile(text: string, file: string): SloFile {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new MaestroError('YAML_SYNTAX', `SLO file ${file} is not valid YAML: ${parsed.message}${parsed.line ? ` (line ${parsed.line})` : ''}`, { file, remedy: 'fix the YAML syntax at that line.' });
  const lineOf = (key: string): string => (parsed.keyLines[key] ? ` (line ${parsed.keyLines[key]})` : '');
  const value = parsed.value;
  if (!validateSloFile(value)) {
    const issues = toSchemaIssues(validateSloFile.errors ?? [], value).slice(0, 10);
    const text = issues.map((i) => `${i.pointer || '/'}${lineOf(pointerToKey(i.pointer))}: ${QUERY_FIELD.test(i.pointer) && i.message.includes('expected form') ? 'has no {{window}} where the range goes, such as rate(x[{{window}}])' : i.message}`).join('; ');
    throw new MaestroError('SCHEMA_INVALID', `SLO file ${file} is not valid: ${text}`, { file, pointer: issues[0]?.pointer, remedy: 'fix the fields named above; the format is described in core/gates/slo/slo-file.schema.json and docs/gates.md.' });
  }
  const doc = value as { service?: string; policy?: Partial<SloPolicy>; slos: RawSlo[] };
  const policy = { ...DEFAULT_POLICY, ...doc.policy };
  if (!(policy.releaseBelow <= policy.warnAbove && policy.warnAbove <= policy.blockAbove)) {
    throw new MaestroError('SCHEMA_INVALID', `SLO file ${file}: the policy must have releaseBelow <= warnAbove <= blockAbove, not ${policy.releaseBelow}, ${policy.warnAbove}, ${policy.blockAbove}${lineOf('policy')}`, { file, pointer: '/policy', remedy: 'order the thresholds, such as releaseBelow 0.1, warnAbove 0.2, blockAbove 0.3.' });
  }
  const seen = new Set<string>();
  const slos = doc.slos.map((raw, i): SloDefinition => {
    const at = `slos[${i}]`;
    const service = raw.service ?? doc.service;
    if (!service) throw new MaestroError('SCHEMA_INVALID', `SLO file ${file}: the SLO ${raw.name} names no service and the file has none${lineOf(at)}`, { file, pointer: `/slos/${i}/service`, remedy: 'add service: at the top of the file or to the SLO.' });
    const key = `${service}\u0000${raw.name}`;
    if (seen.has(key)) throw new MaestroError('SCHEMA_INVALID', `SLO file ${file}: the service ${service} has two SLOs named ${raw.name}${lineOf(`${at}.name`)}`, { file, pointer: `/slos/${i}/name`, remedy: 'give each SLO of a service its own name.' });
    seen.add(key);
    const { good, total, errorRatio } = raw.sli;
    const pairs = good !== undefined && total !== undefined;
    if (pairs === (errorRatio !== undefined) || (!pairs && (good !== undefined || total !== undefined))) {
      throw new MaestroError('SCHEMA_INVALID', `SLO file ${file}: the sli of ${service}/${raw.name} must have either good and total, or errorRatio${lineOf(`${at}.sli`)}`, { file, pointer: `/slos/${i}/sli`, remedy: 'keep good and total, or errorRatio alone.' });
    }
    const line = parsed.keyLines[`${at}.name`];
    return { name: raw.name, service, objective: raw.objective, window: raw.window ?? '30d', sli: pairs ? { good: good!, total: total! } : { errorRatio: errorRatio! }, ...(line ? { line } : {}) };
  });
  return { policy, slos };
}

/** `/slos/0/sli/good` -> `slos[0].sli.good`, the key paths of parseYaml's line map. */
function pointerToKey(pointer: string): string {
  let key = '';
  for (const token of pointer.split('/').slice(1)) key += /^(0|[1-9][0-9]*)$/.test(token) ? `[${token}]` : key ? `.${token}` : token;
  return key;
}
