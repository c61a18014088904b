import { esc } from './escape-html.js';
import type { ReleaseView, VerifyHints } from './types.js';

/** Length of the DSSE payload type `application/vnd.in-toto+json`, as the pre-authentication encoding writes it. */
const IN_TOTO_TYPE = 'application/vnd.in-toto+json';

/**
 * "Verify it yourself": the exact commands to check this release without this site, with
 * `maestro verify` against the store or against a copy of this site's `bundles/` folder, and with
 * openssl and sha256sum only (the route docs/verify-without-maestro.md explains and walks down the chain).
 */
export function renderVerifyBox(view: ReleaseView, hints: VerifyHints): string {
  const tag = view.release;
  const signer = hints.signerOptions;
  const lines = [
    '# 1. With maestro, against the evidence store:',
    `maestro verify ${shellWord(releaseUrl(hints.store, tag))} ${signer}`,
    '',
    '# 2. With maestro, against a copy of this site (bundles/ holds each bundle as published):',
    `maestro verify ${shellWord(`bundles/${tag}`)} ${signer} --offline`,
    '',
    '# 3. Without maestro: openssl and sha256sum, in a copy of this site',
    `cd ${shellWord(`bundles/${tag}`)}`,
    ...(view.manifestSha256 ? [`sha256sum manifest.json   # the site shows ${view.manifestSha256}`] : []),
    ...(view.signed ? [
      '# the signature: a DSSE envelope over an in-toto statement naming manifest.json by sha256',
      'sed -n \'s/.*"payload":"\\([^"]*\\)".*/\\1/p\' manifest.sigstore.json | openssl base64 -d -A > /tmp/payload.json',
      'sed -n \'s/.*"sig":"\\([^"]*\\)".*/\\1/p\' manifest.sigstore.json | openssl base64 -d -A > /tmp/sig.der',
      `{ printf 'DSSEv1 %d %s %d ' ${IN_TOTO_TYPE.length} ${IN_TOTO_TYPE} "$(wc -c < /tmp/payload.json)"; cat /tmp/payload.json; } > /tmp/pae.bin`,
      'openssl dgst -sha256 -verify release-signing.pub.pem -signature /tmp/sig.der /tmp/pae.bin   # the public key, from a trusted channel',
      'grep -o \'"sha256":"[0-9a-f]\\{64\\}"\' /tmp/payload.json | head -n 1   # must be the sha256 of manifest.json',
    ] : []),
    '# every artifact against the manifest:',
    'awk -F \'"\' \'$2 == "path" { path = $4 } $2 == "sha256" && path != "" { print $4 "  " path; path = "" }\' manifest.json | sha256sum --check --strict',
  ];
  return `<section aria-labelledby="verify-h" class="verify-box"><h2 id="verify-h">Verify it yourself</h2>
<p>This page is a view; the signed bundle is the evidence. Check it without trusting this site: download the site (or the store's <code>${esc(tag)}/</code> prefix) and run one of these. The full openssl route, down the hash chain to the first release, is <code>docs/verify-without-maestro.md</code> of maestro-conductor${view.previousRelease ? ` (this release links to ${esc(view.previousRelease)})` : ''}.</p>
<pre tabindex="0"><code>${esc(lines.join('\n'))}</code></pre>
</section>`;
}

/** The URL of a release's bundle in a store: the tag below the store's path, before any query (`s3://b/p/v1.2.0?region=...`). */
export function releaseUrl(store: string, tag: string): string {
  const q = store.indexOf('?');
  const [path, query] = q < 0 ? [store, ''] : [store.slice(0, q), store.slice(q)];
  return `${path.replace(/\/+$/, '')}/${tag}${query}`;
}

/** A word for a POSIX shell: as is when it holds only safe characters, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:+@=,%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
