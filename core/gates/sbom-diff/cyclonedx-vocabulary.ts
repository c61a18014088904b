import { StringEnum } from './sbom-problems.js';
import * as V from './sbom-vocabulary.js';

/** The allowed keys and enums of one CycloneDX version, as sets: one lookup per key or value. */
export interface CycloneDxVocabulary {
  top: Set<string>;
  component: Set<string>;
  types: StringEnum;
  metadata: Set<string>;
  service: Set<string>;
  license: Set<string>;
  referenceTypes: StringEnum;
}

const vocabularies = new Map<V.CycloneDxVersion, CycloneDxVocabulary>();

/** The vocabulary of `version`, built on first use and kept for the process. */
export function cycloneDxVocabulary(version: V.CycloneDxVersion): CycloneDxVocabulary {
  let v = vocabularies.get(version);
  if (!v) {
    const set = (lists: Record<V.CycloneDxVersion, readonly string[]>) => new Set(lists[version]);
    v = { top: set(V.CDX_TOP_KEYS), component: set(V.CDX_COMPONENT_KEYS), types: new StringEnum(V.CDX_COMPONENT_TYPES[version]), metadata: set(V.CDX_METADATA_KEYS), service: set(V.CDX_SERVICE_KEYS), license: set(V.CDX_LICENSE_KEYS), referenceTypes: new StringEnum(V.CDX_EXTERNAL_REFERENCE_TYPES[version]) };
    vocabularies.set(version, v);
  }
  return v;
}

/** Hash algorithms, the same in 1.4-1.6. */
export const HASH_ALGORITHMS = new StringEnum(V.CDX_HASH_ALGORITHMS);
/** Component scopes, the same in 1.4-1.6. */
export const SCOPES = new StringEnum(V.CDX_SCOPES);
/** Values of a 1.6 license's `acknowledgement`. */
export const ACKNOWLEDGEMENTS = new StringEnum(V.CDX_LICENSE_ACKNOWLEDGEMENTS);

let spdxIds: StringEnum | undefined;

/** The SPDX license ids, built on the first license id read: most BOMs of a run never need the 700-entry set. */
export function spdxLicenseIds(): StringEnum {
  return (spdxIds ??= new StringEnum(V.SPDX_LICENSE_IDS));
}
