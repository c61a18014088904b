import type { CycloneDxPass } from './cyclonedx-pass.js';
import { HASH_ALGORITHMS } from './cyclonedx-vocabulary.js';
import { isObject, pointerToken } from './sbom-problems.js';
import { CDX_HASH_ALGORITHMS } from './sbom-vocabulary.js';

const HEX = /^[a-fA-F0-9]+$/;
/** The schema's hash-content pattern, 32|40|64|96|128 hex digits, as a length check and one scan: the pattern's alternation rescans each digest five times. */
const isHashContent = (content: string): boolean => (content.length === 64 || content.length === 128 || content.length === 40 || content.length === 96 || content.length === 32) && HEX.test(content);

/** Hashes at `prefix`/hashes inside the current owner: a known algorithm and a hex digest of a valid length. */
export function checkCycloneDxHashes(pass: CycloneDxPass, value: unknown, prefix: string): void {
  if (!Array.isArray(value)) return pass.problems.add(pass.here(`${prefix}/hashes`), 'must be an array');
  for (let j = 0; j < value.length; j++) {
    const h: unknown = value[j];
    if (!isObject(h)) {
      pass.problems.add(pass.here(`${prefix}/hashes/${j}`), 'must be a JSON object');
      continue;
    }
    for (const k in h) if (k !== 'alg' && k !== 'content') pass.problems.add(pass.here(`${prefix}/hashes/${j}/${pointerToken(k)}`), 'is not a property of a hash (alg, content)');
    if (!HASH_ALGORITHMS.has(h.alg)) pass.problems.add(pass.here(`${prefix}/hashes/${j}/alg`), `must be one of ${CDX_HASH_ALGORITHMS.join(', ')}`);
    if (typeof h.content !== 'string' || !isHashContent(h.content)) pass.problems.add(pass.here(`${prefix}/hashes/${j}/content`), 'must be a hex digest of 32, 40, 64, 96 or 128 digits');
  }
}

/** The external references of the current owner: a URL, a type of the version's enum, a comment and hashes. */
export function checkCycloneDxExternalReferences(pass: CycloneDxPass, value: unknown): void {
  if (!Array.isArray(value)) return pass.problems.add(pass.here('/externalReferences'), 'must be an array');
  for (let j = 0; j < value.length; j++) {
    const r: unknown = value[j];
    if (!isObject(r)) {
      pass.problems.add(pass.here(`/externalReferences/${j}`), 'must be a JSON object');
      continue;
    }
    for (const k in r) if (k !== 'url' && k !== 'type' && k !== 'comment' && k !== 'hashes') pass.problems.add(pass.here(`/externalReferences/${j}/${pointerToken(k)}`), 'is not a property of an external reference (url, type, comment, hashes)');
    if (typeof r.url !== 'string') pass.problems.add(pass.here(`/externalReferences/${j}/url`), 'must be a string (a URL or a BOM-Link)');
    if (!pass.words.referenceTypes.has(r.type)) pass.problems.add(pass.here(`/externalReferences/${j}/type`), `must be an external reference type of CycloneDX ${pass.version}, not ${JSON.stringify(r.type)?.slice(0, 60)}`, 'use one of the types the specification lists, or "other".');
    if (r.comment !== undefined && typeof r.comment !== 'string') pass.problems.add(pass.here(`/externalReferences/${j}/comment`), 'must be a string');
    if (r.hashes !== undefined) checkCycloneDxHashes(pass, r.hashes, `/externalReferences/${j}`);
  }
}
