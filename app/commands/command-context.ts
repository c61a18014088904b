import type { AppIdentity, CommandRequest, EvaluationRequest } from '../../core/triggers/types.js';
import type { Catalog } from '../../core/controls/types.js';
import type { MaestroConfig } from '../../core/config/types.js';
import type { AuditEvent, AuditLedger } from '../../core/ledger/types.js';
import type { GitHub } from '../../adapters/github/github.js';
import type { StateStore } from '../../core/ports/state-store.js';

/** What running the commands of one comment needs. */
export interface CommandContext {
  octokit: GitHub;
  request: CommandRequest;
  /** The repo config from the default branch (a PR cannot change who may approve). */
  config: MaestroConfig;
  /** Why the repo config is unusable: every command but /help is then refused with this. */
  configProblem?: string;
  store: StateStore;
  catalog: Catalog;
  ledger: AuditLedger;
  self: AppIdentity;
  producer: { name: string; version: string };
  /** The webhook delivery id, recorded with every privileged act. */
  deliveryId: string;
  now: () => Date;
  /** Where failures that a reply must not show (store URLs, paths) are written in full. */
  log: { error(details: Record<string, unknown>, message: string): void };
  /** Queues a gate evaluation (after a waiver, an override or a re-run). */
  enqueue: (request: EvaluationRequest) => Promise<void>;
}

/**
 * What one command did: done (with an optional result to post), or an error to reply with; a
 * `refused` error is a rule that keeps this sender from this act (recorded in the ledger as such).
 */
export type CommandResult = { ok: true; result?: string } | { ok: false; message: string; refused?: boolean };

/** Appends a privileged act of this comment to the audit ledger, with the common fields filled in. */
export async function recordAct(ctx: CommandContext, event: Omit<AuditEvent, 'actor' | 'at' | 'deliveryId' | 'repo' | 'number'> & { actor?: string }): Promise<void> {
  const { request } = ctx;
  await ctx.ledger.append({
    actor: request.sender,
    at: ctx.now().toISOString(),
    deliveryId: ctx.deliveryId,
    repo: request.repo.fullName,
    number: request.issue.number,
    ...event,
  });
}
