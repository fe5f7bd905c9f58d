// Seeded random streams. Every value SpecMint generates is drawn from a stream whose
// state is a pure function of (seed, record index, path of the node instance): see
// docs/determinism.md. Changing anything here changes every golden file.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** murmur3's 32-bit finaliser applied to h ^ x: a fast, well-avalanched mix of two words. */
export function mix32(h: number, x: number): number {
  h ^= x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** FNV-1a over UTF-16 code units, finalised with mix32. Used for path steps, at compile time. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h, s.length);
}

/** A 64-bit stream key, kept as two 32-bit words. */
export interface Key {
  readonly hi: number;
  readonly lo: number;
}

/** Key of record `index` (1-based) under `seed` (a non-negative safe integer). */
export function recordKey(seed: number, index: number): Key {
  const seedHi = Math.floor(seed / 0x100000000) | 0;
  const seedLo = seed | 0;
  const idxHi = Math.floor(index / 0x100000000) | 0;
  const idxLo = index | 0;
  const hi = mix32(mix32(mix32(0x5eed0001, seedHi), seedLo), idxHi ^ 0x2545f491);
  const lo = mix32(mix32(mix32(0x5eed0002, seedLo), idxLo), hi);
  return { hi, lo: mix32(lo, idxLo) };
}

/** Key of a child of `key` reached by a step whose hash is `step` (see hashString). */
export function childKey(key: Key, step: number): Key {
  const hi = mix32(key.hi ^ Math.imul(key.lo, 0x9e3779b9), step);
  const lo = mix32(key.lo + 0x632be5ab, step ^ hi);
  return { hi, lo };
}

/** childKey(key, step) written into `out` instead of a new object (for keys used at once and dropped). */
export function childKeyInto(out: { hi: number; lo: number }, key: Key, step: number): Key {
  const hi = mix32(key.hi ^ Math.imul(key.lo, 0x9e3779b9), step);
  out.lo = mix32(key.lo + 0x632be5ab, step ^ hi);
  out.hi = hi;
  return out;
}

/** keyFloat(childKey(key, step)) without building the child key (presence draws, per property). */
export function childFloat(key: Key, step: number): number {
  const hi = mix32(key.hi ^ Math.imul(key.lo, 0x9e3779b9), step);
  const lo = mix32(key.lo + 0x632be5ab, step ^ hi);
  return (mix32(hi, lo ^ 0x7f4a7c15) >>> 0) / 0x100000000;
}

/** Key of array element / retry attempt `n` below `key`. */
export function indexKey(key: Key, n: number): Key {
  return childKey(key, mix32(0x1dc0ffee, n));
}

/** A float in [0, 1) from a key, without building a generator (cheap coin flips). */
export function keyFloat(key: Key): number {
  return (mix32(key.hi, key.lo ^ 0x7f4a7c15) >>> 0) / 0x100000000;
}

/**
 * A seeded stream of random draws: xoroshiro128+ started from a key, exactly pure-rand's
 * `xoroshiro128plusFromState([hi, lo, mix32(hi, …), mix32(lo, …)])` (a test holds them equal),
 * kept in this object so that making one stream per node costs one allocation, not three.
 * It implements pure-rand's RandomGenerator, so pure-rand's distributions draw from it.
 */
export class Rng implements RandomGenerator {
  /** The key this stream started from (reset() changes it). */
  key: Key;
  private s01 = 0;
  private s00 = 0;
  private s11 = 0;
  private s10 = 0;
  constructor(key: Key) {
    this.key = key;
    this.reset(key);
  }
  /** Restart this object where new Rng(key) starts, without allocating one. */
  reset(key: Key): this {
    this.key = key;
    const a = key.hi,
      b = key.lo;
    const c = mix32(a, 0x3c6ef372),
      d = mix32(b, 0xa54ff53a);
    this.s01 = a;
    this.s00 = b;
    this.s11 = c;
    // xoroshiro128+ must not start from the all-zero state.
    this.s10 = (a | b | c | d) === 0 ? 1 : d;
    return this;
  }
  /** The state words in pure-rand's order (s01, s00, s11, s10). */
  getState(): readonly number[] {
    return [this.s01, this.s00, this.s11, this.s10];
  }
  clone(): Rng {
    const r = new Rng(this.key);
    r.s01 = this.s01;
    r.s00 = this.s00;
    r.s11 = this.s11;
    r.s10 = this.s10;
    return r;
  }
  /** The next 32-bit output, in [-2^31, 2^31). Same algorithm as pure-rand's xoroshiro128plus. */
  next(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }
  /** A uniform integer in [min, max] (both inclusive, safe integers). */
  int(min: number, max: number): number {
    if (max <= min) return min;
    return uniformInt(this, min, max);
  }
  /** A uniform float in [0, 1) with 53 bits of randomness. */
  float(): number {
    const hi = this.next() >>> 5; // 27 bits
    const lo = this.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
  /** true with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** A new independent stream for a named sub-purpose. */
  fork(label: string | number): Rng {
    return new Rng(typeof label === "number" ? indexKey(this.key, label) : childKey(this.key, hashString(label)));
  }
}
