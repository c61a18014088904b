import type { SbomComponentCollector } from './collect-sbom-components.js';
import { cycloneDxVocabulary, type CycloneDxVocabulary } from './cyclonedx-vocabulary.js';
import { MAX_SBOM_TEXT, pointerToken, type Json, type SbomProblems } from './sbom-problems.js';
import type { CycloneDxVersion } from './sbom-vocabulary.js';

/** A component without a bom-ref, kept to check `uniqueItems` once the walk is over. */
export interface AnonymousComponent {
  component: Json;
  list: string;
  index: number;
  /** Which array it is in: the ordinal of the parent component, or a negative id for a top-level array. */
  parent: number;
}

/** A list of components still to walk. */
export interface PendingComponents {
  list: unknown;
  pointer: string;
  collect: boolean;
  parent: number;
}

/**
 * The state of one pass over a CycloneDX BOM, shared by the checks of its parts (the
 * `check-cyclonedx-*` modules), and the small checks every part uses: allowed keys, text fields and
 * bom-refs. Pointers are built only for a problem: the checks name their element with `own` and
 * a problem's pointer is made with `here`.
 */
export class CycloneDxPass {
  readonly words: CycloneDxVocabulary;
  /** Every bom-ref, with the index of its dependency entry (-1 before one): one table serves uniqueness, ref lookups and duplicate entries. */
  readonly bomRefs = new Map<string, number>();
  /** Components without a bom-ref, in walk order. */
  readonly anonymous: AnonymousComponent[] = [];
  /** Component lists still to walk: a stack, so that deep nesting cannot overflow the call stack. */
  readonly pending: PendingComponents[] = [];
  /** The number of components met so far: the next one's ordinal. */
  ordinal = 0;
  /** The element whose fields are being checked, as pointer parts: joined only for a problem, as this changes for every component. */
  private ownerAt = '';
  private ownerKey: string | number = '';

  constructor(
    readonly version: CycloneDxVersion,
    readonly problems: SbomProblems,
    readonly collector: SbomComponentCollector,
  ) {
    this.words = cycloneDxVocabulary(version);
  }

  /** Makes the element at `at`/`key` (or `at` alone when `key` is '') the current owner. */
  own(at: string, key: string | number): void {
    this.ownerAt = at;
    this.ownerKey = key;
  }

  /** The pointer of `rest` inside the current owner. */
  here(rest: string): string {
    return `${this.ownerKey === '' ? this.ownerAt : `${this.ownerAt}/${this.ownerKey}`}${rest}`;
  }

  /** Keys outside the schema's properties (it allows no others). */
  keys(object: Json, allowed: Set<string>, what: string): void {
    for (const key in object) if (!allowed.has(key)) this.problems.add(this.here(`/${pointerToken(key)}`), `is not a property of ${what}`, 'remove it (a tool-specific value goes into properties as a name/value pair), or declare the specVersion that defines it.');
  }

  /** Reports a name, version or license text that is missing, not a string or too long. */
  badText(value: unknown, pointer: string, required: boolean): void {
    if (typeof value === 'string' && value.length > MAX_SBOM_TEXT) this.problems.add(pointer, `is ${value.length} characters long, more than ${MAX_SBOM_TEXT}`, 'fix the SBOM; names, versions and licenses are short.');
    else this.problems.add(pointer, required ? 'must be a non-empty string' : 'must be a string');
  }

  /** Registers the bom-ref at `rest` inside the current owner. */
  bomRef(ref: unknown, rest: string): void {
    if (typeof ref !== 'string' || (ref.length === 0 && this.version !== '1.4')) return this.problems.add(this.here(rest), 'must be a non-empty string');
    // One hash-table operation, not has() then add(): the size tells whether the ref was new.
    const size = this.bomRefs.size;
    if (this.bomRefs.set(ref, -1).size === size) this.problems.add(this.here(rest), `repeats the bom-ref ${JSON.stringify(ref.slice(0, 200))} of an earlier element; bom-refs are unique in a BOM`, 'give each component, service and license its own bom-ref (regenerate the SBOM, or fix the tool that merged two BOMs).');
  }
}
