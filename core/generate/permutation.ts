// A keyed bijection of [0, size): a balanced Feistel network over the smallest even number of
// bits that covers the size, with cycle-walking (apply the network again until the result falls
// inside the range). Being a permutation, distinct inputs give distinct outputs: `x-unique`
// values are the permuted record index mapped into a node's value space, so they are unique by
// construction, whatever order or machine the records are made in. See docs/determinism.md.
import { mix32, type Key } from "../base/rng";

export const FEISTEL_ROUNDS = 6;

export class Permutation {
  private readonly half: number;
  private readonly roundKeys: number[];
  /** Fast path: the whole domain fits in 52 bits, so plain numbers suffice. */
  private readonly small: boolean;
  private readonly sizeNumber: number;
  private readonly halfPow: number;
  private readonly halfBig: bigint;
  private readonly maskBig: bigint;

  constructor(
    readonly size: bigint,
    key: Key,
  ) {
    if (size < 1n) throw new RangeError("a permutation needs a non-empty domain");
    let bits = Math.max(2, (size - 1n).toString(2).length);
    if (bits % 2) bits++;
    this.half = bits / 2;
    this.roundKeys = Array.from({ length: FEISTEL_ROUNDS }, (_, r) => mix32(key.hi ^ Math.imul(r + 1, 0x9e3779b9), key.lo + r));
    this.small = bits <= 52;
    this.sizeNumber = Number(size);
    this.halfPow = 2 ** this.half;
    this.halfBig = BigInt(this.half);
    this.maskBig = (1n << this.halfBig) - 1n;
  }

  /** The image of x (0 ≤ x < size). */
  apply(x: bigint): bigint {
    if (x < 0n || x >= this.size) throw new RangeError(`${x} is outside the permutation's domain [0, ${this.size})`);
    if (this.small) {
      let y = Number(x);
      do y = this.encryptSmall(y);
      while (y >= this.sizeNumber);
      return BigInt(y);
    }
    let y = x;
    do y = this.encryptBig(y);
    while (y >= this.size);
    return y;
  }

  private encryptSmall(x: number): number {
    const p = this.halfPow;
    let l = Math.floor(x / p);
    let r = x % p;
    for (const k of this.roundKeys) {
      const f = (mix32(k, r) >>> 0) % p;
      [l, r] = [r, (l ^ f) >>> 0];
    }
    return l * p + r;
  }

  private encryptBig(x: bigint): bigint {
    let l = x >> this.halfBig;
    let r = x & this.maskBig;
    for (const k of this.roundKeys) {
      const f = this.roundBig(k, r);
      [l, r] = [r, l ^ f];
    }
    return (l << this.halfBig) | r;
  }

  /** The round function on wide halves: the words of r mixed into the round key, stretched to `half` bits. */
  private roundBig(k: number, r: bigint): bigint {
    let acc = k;
    for (let w = r; ; w >>= 32n) {
      acc = mix32(acc, Number(w & 0xffffffffn));
      if (w <= 0xffffffffn) break;
    }
    let out = 0n;
    for (let j = 0; j * 32 < this.half; j++) out |= BigInt(mix32(acc, j + 1) >>> 0) << BigInt(j * 32);
    return out & this.maskBig;
  }
}
