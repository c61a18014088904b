import { randomUUID } from 'node:crypto';
import type { CommandOutcome } from '../../core/render/render-command-reply.js';
import type { StateStore } from '../../core/ports/state-store.js';

/** How long one handler may hold a comment's commands before another may take over (it died). */
export const COMMAND_LEASE_MS = 5 * 60_000;
/** How long a comment's commands are remembered as handled: GitHub redelivers for 3 days. */
const PROGRESS_TTL_S = 4 * 24 * 3600;

/** What is stored per comment: which steps are done, and who runs the rest until when. */
interface Progress {
  holder: string;
  /** End of the holder's lease, in milliseconds since the epoch. */
  until: number;
  done: boolean;
  /** Outcome of each command line, by index, once it took effect. */
  outcomes: Array<CommandOutcome | null>;
  reacted: boolean;
  replied: boolean;
}

/**
 * The commands of one comment, claimed so that they take effect once however often the comment
 * is delivered: each line's outcome and the acknowledgement are recorded as they happen, so a
 * handler that failed half-way leaves the rest to the next delivery, which redoes nothing done.
 */
export class CommandProgress {
  private constructor(
    private readonly store: StateStore,
    private readonly key: string,
    private state: Progress,
  ) {}

  /** Takes the comment's commands, or undefined when they were handled or another handler holds them now. */
  static async claim(store: StateStore, key: string, now: number): Promise<CommandProgress | undefined> {
    const holder = randomUUID();
    const state = await store.update<Progress>(key, PROGRESS_TTL_S, (current) => {
      if (!current) return { holder, until: now + COMMAND_LEASE_MS, done: false, outcomes: [], reacted: false, replied: false };
      if (current.done || current.until > now) return current;
      return { ...current, holder, until: now + COMMAND_LEASE_MS };
    });
    return state.holder === holder && !state.done ? new CommandProgress(store, key, state) : undefined;
  }

  /** The outcome of line `index` if it already took effect. */
  outcome(index: number): CommandOutcome | undefined {
    return this.state.outcomes[index] ?? undefined;
  }

  get reacted(): boolean {
    return this.state.reacted;
  }

  get replied(): boolean {
    return this.state.replied;
  }

  /** Records that line `index` took effect with this outcome. */
  async recordOutcome(index: number, outcome: CommandOutcome): Promise<void> {
    await this.#save((p) => {
      const outcomes = [...p.outcomes];
      while (outcomes.length < index) outcomes.push(null);
      outcomes[index] = outcome;
      return { ...p, outcomes };
    });
  }

  async recordReaction(): Promise<void> {
    await this.#save((p) => ({ ...p, reacted: true }));
  }

  async recordReply(): Promise<void> {
    await this.#save((p) => ({ ...p, replied: true }));
  }

  /** Every step is done: later deliveries of the comment are not acted on. */
  async finish(): Promise<void> {
    await this.#save((p) => ({ ...p, done: true }));
  }

  /** Gives the lease back after a failure, so a redelivery goes on at once from what is recorded. */
  async release(): Promise<void> {
    await this.#save((p) => ({ ...p, until: 0 }));
  }

  async #save(change: (p: Progress) => Progress): Promise<void> {
    this.state = await this.store.update<Progress>(this.key, PROGRESS_TTL_S, (current) => change(current ?? this.state));
  }
}
