import type { CommandSpec } from '../option-spec.js';
import { catalogOption } from './catalog-option.js';

/** The auditor's static evidence site: build it from a store, look at it locally. Each command's code is loaded only when it runs. */
export const PORTAL_COMMANDS: CommandSpec[] = [
  {
    words: ['portal', 'build'],
    summary: 'Build a static evidence site from a store of release bundles: every release verified as maestro verify does (a failed one shown failed, with its checks), its controls, pull requests, artifacts (copied, with an in-browser sha256 check), ledger range, drills, charts, and the commands to verify it yourself. No server, no external request. Exit 0 built and every release verified, 1 built with releases that failed verification, 2 bad input.',
    options: [
      { name: 'store', type: 'string', value: 'url', required: true, description: 'the evidence store holding the bundles as <tag>/: s3://<bucket>/<prefix>?..., file://<dir> or a folder' },
      { name: 'out', type: 'string', value: 'dir', required: true, description: 'folder the site is written to (new, empty, or a site built before, which is replaced when the new one is complete)' },
      { name: 'ledger', type: 'string', value: 'url', description: 'the audit ledger\'s store: each release\'s range is read from it (default: the entries in the release\'s evidence pack)' },
      { name: 'key', type: 'string', value: 'pub.pem', description: 'key-signed bundles: the signer\'s public key (PEM)' },
      { name: 'identity', type: 'string', value: 'identity', description: 'keyless bundles: expected certificate identity (workflow URI or e-mail), or /regex/' },
      { name: 'issuer', type: 'string', value: 'url', description: 'keyless bundles: expected OIDC issuer' },
      { name: 'trusted-root', type: 'string', value: 'file', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro)' },
      { name: 'allow-unsigned', type: 'boolean', description: 'accept bundles without a signature' },
      catalogOption,
      { name: 'now', type: 'string', value: 'time', description: 'verification and build time, RFC 3339 (default: now)' },
      { name: 'format', type: 'string', value: 'format', choices: ['text', 'json'], default: 'text', description: 'output format' },
    ],
    run: async (o) => (await import('../commands/portal.js')).portalBuildCommand(o as never),
  },
  {
    words: ['portal', 'serve'],
    summary: 'Serve a built evidence site on 127.0.0.1 for a local look (no listing, nothing outside the folder). Runs until interrupted.',
    args: [{ name: 'dir', required: true }],
    options: [{ name: 'port', type: 'string', value: 'n', default: '8080', description: 'port on 127.0.0.1 (0: any free port)' }],
    run: async (o, args) => (await import('../commands/portal.js')).portalServeCommand(args[0]!, o as never),
  },
];
