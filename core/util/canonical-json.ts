import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (module.exports = fn); Node and bundlers hand it over as the default export.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as unknown as (input: unknown) => string | undefined;

/** RFC 8785 canonical JSON: the same value always gives the same string, whatever its key order. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}
