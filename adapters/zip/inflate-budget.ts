const MiB = 1024 * 1024;

/** Most bytes inflated from one evidence artifact zip (its JSON entries, counted as they stream). */
export const MAX_ARTIFACT_INFLATED_BYTES = 100 * MiB;

/**
 * Most bytes inflated from all the evidence artifacts of one evaluation together: a commit's
 * artifacts for a PR, or every PR's artifacts for a merge-queue group. Shared through one
 * `InflateBudget` that the caller creates per evaluation and passes to each extraction.
 */
export const MAX_EVALUATION_INFLATED_BYTES = 256 * MiB;

/**
 * Bytes that may still be inflated during one evaluation, shared by all its artifacts. Every
 * inflated chunk is charged as it streams (not the sizes the zips declare), including the bytes of
 * entries refused afterwards: the budget bounds the work done, not only the bytes kept.
 */
export class InflateBudget {
  #used = 0;

  constructor(readonly limit: number = MAX_EVALUATION_INFLATED_BYTES) {}

  /** Bytes inflated so far. */
  get used(): number {
    return this.#used;
  }

  /** Bytes that may still be inflated. */
  get remaining(): number {
    return Math.max(0, this.limit - this.#used);
  }

  /** Charges `bytes` just inflated; false once the total passes the limit (the caller stops inflating). */
  charge(bytes: number): boolean {
    this.#used += bytes;
    return this.#used <= this.limit;
  }
}
