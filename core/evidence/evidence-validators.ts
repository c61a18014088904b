import { evidenceValidatorLoaders } from '../generated/evidence-loaders.js';
import { EVIDENCE_KINDS, type EvidenceKind } from './kinds.js';
import type { Validator } from './validator.js';

const loaded = new Map<EvidenceKind, Validator>();

/**
 * Loads the compiled validators of some evidence kinds (all by default). Each kind is its own
 * module, so a run that reads a11y and k6 reports never loads the other kinds' code.
 */
export async function loadEvidenceValidators(kinds: Iterable<EvidenceKind> = EVIDENCE_KINDS): Promise<void> {
  await Promise.all(
    [...new Set(kinds)].filter((k) => !loaded.has(k)).map(async (kind) => {
      loaded.set(kind, await evidenceValidatorLoaders[kind]());
    }),
  );
}

/** The validator of a kind loaded by `loadEvidenceValidators`. */
export function evidenceValidator(kind: EvidenceKind): Validator {
  const validate = loaded.get(kind);
  if (!validate) throw new Error(`the ${kind} validator is not loaded; call loadEvidenceValidators first`);
  return validate;
}
