/** The privileged acts the audit ledger records. */
export type AuditAction =
  | 'waiver.granted'
  | 'override.granted'
  | 'task.created'
  | 'gate.decision-changed'
  | 'bundle.published'
  | 'drill.completed'
  | 'command.refused';

/** One privileged act: who did what, when, where, and what it changed. */
export interface AuditEvent {
  action: AuditAction;
  /** GitHub login of the person (or `<app>[bot]` for the app's own acts). */
  actor: string;
  /** RFC 3339, when the act took effect. */
  at: string;
  /** The webhook delivery that carried the act (`X-GitHub-Delivery`), when there was one. */
  deliveryId?: string;
  /** owner/name. */
  repo: string;
  /** The PR or issue number, when the act concerns one. */
  number?: number;
  /** The commit the act concerns (overrides and gate decisions are per commit). */
  sha?: string;
  /** The control concerned, such as GA-25. */
  controlId?: string;
  /** The state before and after the act (JSON values, kept small). */
  before?: unknown;
  after?: unknown;
  /** Why, in the actor's words. */
  reason?: string;
}

/** Appends privileged acts to the tamper-evident ledger. */
export interface AuditLedger {
  /** Appends one event after the current head of the chain; never forks it, never loses it. */
  append(event: AuditEvent): Promise<{ seq: number; sha256: string }>;
  /**
   * The newest entry as the store holds it now (undefined when empty), so a caller can record it
   * outside the store as a witness (the App's check runs do); ledgers that cannot tell leave it out.
   */
  head?(): Promise<{ seq: number; sha256: string } | undefined>;
}
