import { MaestroError } from '../../errors.js';
import type { ParsedSbom, SbomComponent, SbomFormat } from './types.js';

/** Bounds a hostile SBOM: large monorepos have tens of thousands of components. */
export const MAX_SBOM_COMPONENTS = 1_000_000;

const NO_LICENSES: readonly string[] = Object.freeze([]);

/**
 * Builds the components of a ParsedSbom while the validator walks the document, keyed by purl
 * (a purl given twice merges the licenses). Allocates as little as it can per component: the
 * one-license lists, by far the most common, are shared frozen arrays, one per license.
 */
export class SbomComponentCollector {
  readonly sbom: ParsedSbom;
  private readonly single = new Map<string, readonly string[]>();

  constructor(format: SbomFormat, file: string) {
    this.sbom = { format, file, components: new Map(), withoutPurl: 0 };
  }

  /** Adds the component at `list`/`index` (a pointer only built for an error); `licenses` is one license, a list, or none. */
  add(purl: string | undefined, name: string, version: string | undefined, licenses: string | string[] | undefined, list: string, index: number): void {
    const { sbom } = this;
    if (sbom.components.size + sbom.withoutPurl >= MAX_SBOM_COMPONENTS) {
      const pointer = `${list}/${index}`;
      throw new MaestroError('SBOM_INVALID', `SBOM ${sbom.file} at ${pointer} has more than ${MAX_SBOM_COMPONENTS} components`, { file: sbom.file, pointer, remedy: 'pass the SBOM of one product; this limit protects the gate from runaway or hostile input.' });
    }
    if (purl === undefined) {
      sbom.withoutPurl++;
      return;
    }
    let own = this.licenseList(licenses);
    const known = sbom.components.get(purl);
    if (known) own = [...new Set([...known.licenses, ...own])].sort();
    const component: SbomComponent = version === undefined ? { purl, name, licenses: own as string[] } : { purl, name, version, licenses: own as string[] };
    sbom.components.set(purl, component);
  }

  private licenseList(licenses: string | string[] | undefined): readonly string[] {
    if (licenses === undefined) return NO_LICENSES;
    if (typeof licenses === 'string') {
      let list = this.single.get(licenses);
      if (!list) {
        list = Object.freeze([licenses]);
        this.single.set(licenses, list);
      }
      return list;
    }
    return licenses.length > 1 ? [...new Set(licenses)].sort() : licenses;
  }
}
