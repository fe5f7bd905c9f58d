// Opaque strings: base64 bytes, passwords and hex binary.
import type { Rng } from "../../base/rng";
import { DIGITS, constrained, maxOf, minOf, type FormatContext, type FormatGenerator } from "./context";

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));

function hex32(rng: Rng): string {
  const v = rng.int(0, 0xffffffff);
  return HEX2[v >>> 24] + HEX2[(v >>> 16) & 255] + HEX2[(v >>> 8) & 255] + HEX2[v & 255];
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(rng: Rng, bytes: number): string {
  let s = "";
  for (let k = 0; k < bytes; k += 3) {
    const n = Math.min(3, bytes - k);
    const v = rng.int(0, (1 << (8 * n)) - 1) << (8 * (3 - n));
    s += B64[(v >>> 18) & 63] + B64[(v >>> 12) & 63];
    s += n > 1 ? B64[(v >>> 6) & 63] : "=";
    s += n > 2 ? B64[v & 63] : "=";
  }
  return s;
}

// Base64 text is always a multiple of 4 long; pick a byte count whose encoding fits the bounds.
export const byte: FormatGenerator = (rng, ctx) => {
  const lo = Math.ceil(minOf(ctx) / 4),
    hi = Math.floor(Math.min(maxOf(ctx), 4096) / 4);
  let groups = rng.int(2, 16);
  if (constrained(ctx)) groups = hi >= lo ? Math.min(Math.max(groups, lo), hi) : lo;
  // The last group may encode 1, 2 or 3 bytes ("==", "=" padding) for variety.
  const bytes = groups === 0 ? 0 : groups * 3 - rng.int(0, 2);
  return base64(rng, bytes);
};

const PW_LOWER = "abcdefghijkmnopqrstuvwxyz";
const PW_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const PW_SYMBOL = "!@#$%^&*-_+=?";

function lengthIn(rng: Rng, ctx: FormatContext, lo: number, hi: number): number {
  const min = minOf(ctx),
    max = maxOf(ctx);
  const a = Math.max(lo, min),
    b = Math.min(hi, max);
  if (a <= b) return rng.int(a, b);
  return max < lo ? Math.max(min, max) : min;
}

export const password: FormatGenerator = (rng, ctx) => {
  const n = lengthIn(rng, ctx, 10, 24);
  let s = "";
  // One of each class somewhere (as password policies demand), the rest mostly lowercase.
  const forced = rng.int(0, n - 1);
  for (let k = 0; k < n; k++) {
    const slot = (k - forced + n) % n;
    const cls = slot < 4 ? slot : rng.int(0, 5);
    s +=
      cls === 0 || cls >= 4
        ? PW_LOWER[rng.int(0, PW_LOWER.length - 1)]
        : cls === 1
          ? PW_UPPER[rng.int(0, PW_UPPER.length - 1)]
          : cls === 2
            ? DIGITS[rng.int(0, 9)]
            : PW_SYMBOL[rng.int(0, PW_SYMBOL.length - 1)];
  }
  return s;
};

export const binary: FormatGenerator = (rng, ctx) => {
  const n = lengthIn(rng, ctx, 16, 64);
  let s = "";
  while (s.length < n) s += hex32(rng);
  return s.slice(0, n);
};
