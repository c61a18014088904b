import type { InTotoStatement } from '../../result/in-toto-statement.js';
import type { Provenance } from './types.js';

/** SLSA provenance predicate types this reader knows. */
export const SLSA_PREDICATES = ['https://slsa.dev/provenance/v1', 'https://slsa.dev/provenance/v0.2'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const COMMIT = /^[0-9a-f]{40}$/;

/**
 * Reads builder, source repository, ref, workflow and commit from a SLSA provenance predicate:
 * v1 (`buildDefinition.externalParameters.workflow`, as GitHub Actions and npm write it) or v0.2
 * (`invocation.configSource`). Returns undefined when the statement is not SLSA provenance or lacks a field.
 */
export function readSlsaProvenance(statement: InTotoStatement): Provenance | undefined {
  const predicate = obj(statement.predicate);
  const found = statement.predicateType === SLSA_PREDICATES[0] ? fromV1(predicate) : statement.predicateType === SLSA_PREDICATES[1] ? fromV02(predicate) : undefined;
  if (!found?.builder || !found.sourceRepo || !found.ref || !found.workflow) return undefined;
  const provenance: Provenance = { builder: found.builder, sourceRepo: found.sourceRepo, ref: found.ref, workflow: found.workflow };
  if (found.commit && COMMIT.test(found.commit)) provenance.commit = found.commit;
  return provenance;
}

function fromV1(predicate: Json): Partial<Provenance> {
  const definition = obj(predicate.buildDefinition);
  const workflow = obj(obj(definition.externalParameters).workflow);
  const dependency = Array.isArray(definition.resolvedDependencies) ? obj(definition.resolvedDependencies[0]) : {};
  return {
    builder: str(obj(obj(predicate.runDetails).builder).id),
    sourceRepo: str(workflow.repository),
    ref: str(workflow.ref),
    workflow: str(workflow.path),
    commit: str(obj(dependency.digest).gitCommit),
  };
}

function fromV02(predicate: Json): Partial<Provenance> {
  const invocation = obj(predicate.invocation);
  const config = obj(invocation.configSource);
  const env = obj(invocation.environment);
  // configSource.uri is git+https://github.com/owner/repo@refs/...; entryPoint is a path, or owner/repo/path@ref as npm writes it.
  const [uriRepo, uriRef] = (str(config.uri) ?? '').replace(/^git\+/, '').split('@');
  const entry = str(config.entryPoint)?.replace(/@.*$/, '');
  const workflow = entry?.includes('.github/') ? entry.slice(entry.indexOf('.github/')) : entry;
  return {
    builder: str(obj(predicate.builder).id),
    sourceRepo: str(env.GITHUB_REPOSITORY) ?? str(uriRepo),
    ref: str(env.GITHUB_REF) ?? str(uriRef),
    workflow,
    commit: str(obj(config.digest).sha1) ?? str(env.GITHUB_SHA),
  };
}
