import type { CommandSpec, OptionSpec } from '../option-spec.js';

/** Whom the seals must be signed by and which heads were witnessed: the same for verify and export. */
const TRUST_OPTIONS: OptionSpec[] = [
  { name: 'key', type: 'string', value: 'pub.pem', description: 'key-signed seals: the signer\'s public key (PEM)' },
  { name: 'identity', type: 'string', value: 'identity', description: 'keyless seals: expected certificate identity (workflow URI or e-mail), or /regex/' },
  { name: 'issuer', type: 'string', value: 'url', description: 'keyless seals: expected OIDC issuer, such as https://token.actions.githubusercontent.com' },
  { name: 'trusted-root', type: 'string', value: 'file', description: 'Sigstore trusted_root.json (default: the public-good root shipped with maestro)' },
  { name: 'witness', type: 'string', value: 'bundle|file', multiple: true, description: 'a head recorded outside the store: a release bundle (folder, <store>/<tag> URL or manifest.json, built with --ledger) or a file with a check run\'s output (its "Audit ledger head:" line); the ledger must reach it and match it' },
  { name: 'expect-head', type: 'string', value: 'seq:sha256', multiple: true, description: 'a witnessed head given by hand, as a check run shows it: <seq>:<sha256>' },
  { name: 'no-seals', type: 'boolean', description: 'accept a consistent chain whose seal signatures were not checked (without it, no --key or --identity is exit 1)' },
];

/** The audit ledger: verify, export, seal, append. Each command's code is loaded only when it runs. */
export const LEDGER_COMMANDS: CommandSpec[] = [
  {
    words: ['ledger', 'verify'],
    summary: 'Verify the audit ledger: every entry\'s bytes and hash links from the first entry (changed, removed, reordered or forked entries), every seal\'s signature over the head it sealed and the seals\' own chain, and the heads witnessed outside the store (release bundles, check runs). Streams the entries: memory does not grow with the ledger. Exit 0 intact, 1 tampered (naming the first bad entry and why), short of a witnessed head, or seals not verified (no --key or --identity, unless --no-seals), 2 unreadable or bad input.',
    args: [{ name: 'store', required: true }],
    options: [...TRUST_OPTIONS, { name: 'format', type: 'string', value: 'format', choices: ['markdown', 'json'], default: 'markdown', description: 'output format' }],
    run: async (o, args) => (await import('../commands/ledger.js')).ledgerVerifyCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'export'],
    summary: 'Export the audit ledger\'s events for SIEM tools, in chain order, verified first with the same options as ledger verify: a ledger that does not verify is not exported and nothing is written (--unverified exports it under a NOT VERIFIED banner). Exit 0 exported, 1 did not verify, 2 unreadable or bad input.',
    args: [{ name: 'store', required: true }],
    options: [
      { name: 'format', type: 'string', value: 'format', choices: ['jsonl', 'csv'], default: 'jsonl', description: 'JSON Lines, or RFC 4180 CSV with a header row (cells that a spreadsheet would run as formulas are prefixed with \')' },
      { name: 'since', type: 'string', value: 'time', description: 'only events that took effect at or after this RFC 3339 time or date (YYYY-MM-DD, midnight UTC)' },
      { name: 'out', type: 'string', value: 'file', description: 'write to this file (atomically, only once the ledger verified) instead of standard output' },
      ...TRUST_OPTIONS,
      { name: 'unverified', type: 'boolean', description: 'export even a ledger that does not verify, with a first line saying NOT VERIFIED and why' },
    ],
    run: async (o, args) => (await import('../commands/ledger.js')).ledgerExportCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'seal'],
    summary: 'Seal the audit ledger: sign the current head (its position and sha256, which covers every entry before it) as a Sigstore bundle stored under seals/. Exit 0 sealed or already sealed, 2 bad input.',
    args: [{ name: 'store', required: true }],
    options: [{ name: 'sign', type: 'string', value: 'mode', required: true, description: 'keyless (Sigstore with the workflow\'s OIDC token) or key:<ECDSA P-256 private key PEM>' }],
    run: async (o, args) => (await import('../commands/ledger.js')).ledgerSealCommand(args[0]!, o as never),
  },
  {
    words: ['ledger', 'append'],
    summary: 'Append one audit event (a JSON file: action, actor, at, repo, and optionally deliveryId, number, sha, controlId, before, after, reason) to the audit ledger. Exit 0 appended, 2 bad input.',
    args: [{ name: 'store', required: true }],
    options: [
      { name: 'event', type: 'string', value: 'file', required: true, description: 'the audit event (JSON, at most 64 KiB; reason at most 2000 characters, before and after at most 8 KiB each)' },
      { name: 'sign', type: 'string', value: 'mode', description: 'sign periodic seals with keyless or key:<PEM> (default: $LEDGER_SIGNING_KEY)' },
      { name: 'seal-every', type: 'string', value: 'n', description: 'seal after every n entries (default: $LEDGER_SEAL_EVERY; needs --sign)' },
    ],
    run: async (o, args) => (await import('../commands/ledger.js')).ledgerAppendCommand(args[0]!, o as never),
  },
];
