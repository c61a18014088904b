/** Positions per chunk of the bitmap: 2^16, so a ledger of 100,000 entries takes two chunks of 8 KiB. */
const CHUNK_BITS = 65_536;

/**
 * A set of entry positions as a chunked bitmap: the positions a store lists, in any order, in a
 * few KiB whatever the ledger's length (a listing of 100,000 key strings takes tens of MiB), and
 * walked back in ascending order. A crafted far position (entries/999999999999.json) costs one chunk.
 */
export class SeqSet {
  readonly #chunks = new Map<number, Uint32Array>();
  #size = 0;
  #max = 0;

  add(seq: number): void {
    const index = Math.floor(seq / CHUNK_BITS);
    let chunk = this.#chunks.get(index);
    if (!chunk) this.#chunks.set(index, (chunk = new Uint32Array(CHUNK_BITS / 32)));
    const bit = seq % CHUNK_BITS;
    const mask = 1 << bit % 32;
    if (chunk[bit >>> 5]! & mask) return;
    chunk[bit >>> 5]! |= mask;
    this.#size++;
    if (seq > this.#max) this.#max = seq;
  }

  has(seq: number): boolean {
    const chunk = this.#chunks.get(Math.floor(seq / CHUNK_BITS));
    const bit = seq % CHUNK_BITS;
    return chunk !== undefined && (chunk[bit >>> 5]! & (1 << bit % 32)) !== 0;
  }

  /** How many positions are in the set. */
  get size(): number {
    return this.#size;
  }

  /** The highest position (0 when empty). */
  get max(): number {
    return this.#max;
  }

  /** The positions in ascending order. */
  *[Symbol.iterator](): Generator<number> {
    for (const index of [...this.#chunks.keys()].sort((a, b) => a - b)) {
      const chunk = this.#chunks.get(index)!;
      for (let word = 0; word < chunk.length; word++) {
        let bits = chunk[word]!;
        while (bits !== 0) {
          const low = 31 - Math.clz32(bits & -bits);
          yield index * CHUNK_BITS + word * 32 + low;
          bits &= bits - 1;
        }
      }
    }
  }
}
