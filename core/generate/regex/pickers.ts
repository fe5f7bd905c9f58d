// Pickers: functions that draw one code point (as a string) from a character set, built once per
// set and cached by its source text. Sets with more than 256 members (`.`, [^...], \S, \W, \D,
// big ranges) draw from printable ASCII when they contain any, else from the rest of the BMP,
// else from anything they allow; lone surrogates are only produced when a set contains nothing
// else. Unicode property escapes are resolved by the engine against a fixed pool of code points.
import type { CharacterClass } from "regjsparser";
import type { Rng } from "../../base/rng";
import { patternRegExp, type Features } from "./source";
import { MAX_CP, NON_SURROGATE, classRanges, cpString, intersect, size, type Ranges } from "./charset";

export type Pick = (rng: Rng) => string;

const PRINTABLE_ASCII: Ranges = [0x20, 0x7e];
const OTHER_BMP: Ranges = [0xa1, 0xd7ff, 0xf900, 0xfffd];
const LARGE_SET = 256;
const TABLE_LIMIT = 4096;

const pickerCache = new Map<string, Pick | null>();

export function cachedPicker(raw: string, build: () => Pick | undefined): Pick | undefined {
  let p = pickerCache.get(raw);
  if (p === undefined) {
    p = build() ?? null;
    pickerCache.set(raw, p);
  }
  return p ?? undefined;
}

export function rangePicker(all: Ranges): Pick | undefined {
  let r = all;
  const ns = intersect(r, NON_SURROGATE);
  if (ns.length > 0) r = ns;
  if (size(r) > LARGE_SET) {
    // Fixtures read better from the printable ASCII part of a broad set.
    const ascii = intersect(r, PRINTABLE_ASCII);
    const bmp = intersect(r, OTHER_BMP);
    if (ascii.length > 0) r = ascii;
    else if (bmp.length > 0) r = bmp;
  }
  const n = size(r);
  if (n === 0) return undefined;
  if (n <= TABLE_LIMIT) {
    const table: string[] = [];
    for (let i = 0; i < r.length; i += 2) for (let cp = r[i]; cp <= r[i + 1]; cp++) table.push(cpString(cp));
    return tablePicker(table);
  }
  if (r.length === 2) {
    const base = r[0];
    return (rng) => cpString(base + rng.int(0, n - 1));
  }
  const starts: number[] = [];
  const offsets: number[] = [];
  let acc = 0;
  for (let i = 0; i < r.length; i += 2) {
    starts.push(r[i]);
    offsets.push(acc);
    acc += r[i + 1] - r[i] + 1;
  }
  return (rng) => {
    const k = rng.int(0, n - 1);
    let a = 0,
      b = offsets.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (offsets[m] <= k) a = m;
      else b = m - 1;
    }
    return cpString(starts[a] + k - offsets[a]);
  };
}

/**
 * c independent draws of a picker, concatenated. A picker over a table of up to 256 entries
 * (digits, letters, [A-Z0-9], hex…) takes its draws a byte at a time, four per random word,
 * rejecting the bytes at and above the largest multiple of the table size, so every entry stays
 * exactly equally likely; other pickers draw once per character.
 */
export function repeater(pick: Pick): (rng: Rng, c: number) => string {
  const table = pickTables.get(pick);
  if (!table || table.length > 256) {
    return (rng, c) => {
      let s = "";
      for (let k = 0; k < c; k++) s += pick(rng);
      return s;
    };
  }
  const n = table.length;
  const limit = 256 - (256 % n);
  return (rng, c) => {
    let s = "";
    let word = 0,
      left = 0;
    for (let k = 0; k < c; k++) {
      let b: number;
      do {
        if (left === 0) {
          word = rng.next();
          left = 4;
        }
        b = word & 255;
        word >>>= 8;
        left--;
      } while (b >= limit);
      s += table[b % n];
    }
    return s;
  };
}

/** The table behind each picker that draws one uniform entry of it (see repeater). */
const pickTables = new WeakMap<Pick, readonly string[]>();

function tablePicker(table: string[]): Pick | undefined {
  const n = table.length;
  if (n === 0) return undefined;
  if (n === 1) {
    const only = table[0];
    return () => only;
  }
  const pick: Pick = (rng) => table[rng.int(0, n - 1)];
  pickTables.set(pick, table);
  return pick;
}

export function classPicker(n: CharacterClass<Features>): Pick | undefined {
  const body = n.body;
  if (body.some((b) => b.type === "unicodePropertyEscape")) {
    const extra: number[] = [];
    for (const b of body) {
      if (b.type === "value") extra.push(b.codePoint);
      else if (b.type === "characterClassRange") {
        const a = b.min.codePoint,
          z = b.max.codePoint;
        const step = Math.max(1, Math.floor((z - a) / 64));
        for (let cp = a; cp <= z; cp += step) extra.push(cp);
        extra.push(z);
      }
    }
    return regexPicker(n.raw, extra);
  }
  return rangePicker(classRanges(n));
}

// Unicode properties: membership is decided by the engine itself, on a pool of representative
// code points (every script block the pool touches, sampled more sparsely where blocks are huge).
const POOL_SPEC: [number, number, number][] = [
  [0x00, 0x7e, 1],
  [0x7f, 0x24f, 1],
  [0x250, 0x36f, 1],
  [0x370, 0x74f, 1],
  [0x750, 0x8ff, 3],
  [0x900, 0xdff, 1],
  [0xe00, 0xfff, 1],
  [0x1000, 0x13ff, 1],
  [0x1400, 0x167f, 13],
  [0x1680, 0x18af, 1],
  [0x18b0, 0x1dff, 5],
  [0x1e00, 0x1fff, 1],
  [0x2000, 0x2bff, 2],
  [0x2c00, 0x2e7f, 1],
  [0x2e80, 0x2fff, 7],
  [0x3000, 0x31ff, 1],
  [0x3200, 0x4dff, 31],
  [0x4e00, 0x9fff, 37],
  [0xa000, 0xa4cf, 11],
  [0xa4d0, 0xabff, 3],
  [0xac00, 0xd7a3, 97],
  [0xd7b0, 0xd7ff, 5],
  [0xe000, 0xf8ff, 257],
  [0xf900, 0xfaff, 7],
  [0xfb00, 0xffff, 1],
  [0x10000, 0x1007f, 3],
  [0x10080, 0x10fff, 17],
  [0x11000, 0x1bfff, 127],
  [0x1d000, 0x1d7ff, 5],
  [0x1e800, 0x1efff, 31],
  [0x1f000, 0x1f2ff, 7],
  [0x1f300, 0x1faff, 2],
  [0x20000, 0x2ffff, 997],
  [0x30000, 0x3134f, 499],
  [0xe0000, 0xe01ef, 1],
  [0xf0000, 0x10ffff, 4099],
];

interface PoolEntry {
  s: string;
  tier: 0 | 1 | 2; // printable ASCII, other ordinary characters, control/format/unassigned/private
}
let pool: PoolEntry[] | undefined;
const UNUSUAL = /^[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]$/u;

function getPool(): PoolEntry[] {
  if (!pool) {
    pool = [];
    for (const [a, z, step] of POOL_SPEC) {
      for (let cp = a; cp <= z; cp += step) pool.push(poolEntry(cp));
    }
  }
  return pool;
}

function poolEntry(cp: number): PoolEntry {
  const s = cpString(cp);
  return { s, tier: cp >= 0x20 && cp <= 0x7e ? 0 : UNUSUAL.test(s) ? 2 : 1 };
}

export function regexPicker(raw: string, extra: number[]): Pick | undefined {
  const re = patternRegExp(`^(?:${raw})$`);
  if (!re) return undefined;
  const tiers: string[][] = [[], [], []];
  const seen = new Set<string>();
  const consider = (e: PoolEntry) => {
    if (!seen.has(e.s) && re.test(e.s)) {
      seen.add(e.s);
      tiers[e.tier].push(e.s);
    }
  };
  for (const e of getPool()) consider(e);
  for (const cp of extra) if (cp < 0xd800 || cp > 0xdfff) consider(poolEntry(cp));
  if (seen.size === 0)
    scanAll(
      re,
      (cp) => consider(poolEntry(cp)),
      () => seen.size >= 1024,
    );
  const [ascii, other, rare] = tiers;
  if (ascii.length > 0 && other.length > 0) {
    // Half the draws stay readable, half show the set really is about more than ASCII.
    const pa = tablePicker(ascii)!,
      po = tablePicker(other)!;
    return (rng) => (rng.int(0, 1) === 0 ? pa(rng) : po(rng));
  }
  return tablePicker(ascii.length > 0 ? ascii : other.length > 0 ? other : rare);
}

/** The whole code space, for properties the pool misses; surrogates last and one at a time. */
function scanAll(re: RegExp, found: (cp: number) => void, enough: () => boolean): void {
  for (let cp = 0; cp <= MAX_CP && !enough(); cp++) {
    if (cp === 0xd800) cp = 0xe000;
    if (re.test(cpString(cp))) found(cp);
  }
  for (let cp = 0xd800; cp <= 0xdfff && !enough(); cp++) if (re.test(cpString(cp))) found(cp);
}
