import type { EvaluationContext } from './evaluation-context.js';

/** The audit ledger's head now, for a check run to witness; why not, when it cannot be read. */
export async function readLedgerHead(ctx: EvaluationContext): Promise<{ seq: number; sha256: string } | { error: string } | undefined> {
  if (!ctx.ledger.head) return { error: 'this ledger does not tell its head' };
  return ctx.ledger.head().catch((error: unknown) => ({ error: (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)) }));
}
