// Exact decimal arithmetic on JavaScript numbers read as the decimals they print as.
// JSON numbers are decimals; a schema author who writes multipleOf 0.01 means cents.

/** A number as an integer mantissa and a power of ten: value = digits × 10^-scale. */
export interface Decimal {
  digits: bigint;
  scale: number;
}

export function toDecimal(x: number): Decimal {
  const s = String(x);
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  let exponent = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf(".");
  let intText = mantissa;
  if (dot >= 0) {
    exponent -= mantissa.length - dot - 1;
    intText = mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  }
  return { digits: BigInt(intText), scale: -exponent };
}

/** Number of digits after the decimal point when x prints in plain decimal form. */
export function fractionDigits(x: number): number {
  return Math.max(0, toDecimal(x).scale);
}

/** The unit of the last decimal place of x, at least 1 for an integer: 18 → 1, 0.25 → 0.01. */
export function lastPlace(x: number): number {
  const d = fractionDigits(x);
  return d === 0 ? 1 : Number(`1e-${d}`);
}

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) return (POW10[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/** Is x an integer multiple of m (> 0), exactly, in decimal? */
export function isMultipleOf(x: number, m: number): boolean {
  if (!Number.isFinite(x) || !(m > 0)) return false;
  if (Number.isSafeInteger(x) && Number.isSafeInteger(m)) return x % m === 0;
  // Fast exact path: below 10^15 significant units every decimal round-trips through a double, so
  // x is the multiple r·m exactly when it is the double nearest r·m, and r can only be round(x/m).
  const d = decimalOf(m);
  if (d.scale > 0 && d.scale <= 22) {
    const r = Math.round(x / m);
    if (Math.abs(r * d.digitsNumber) < 1e15) return multiplyExact(r, m) === x;
  }
  const a = toDecimal(x),
    b = toDecimal(m);
  const scale = Math.max(a.scale, b.scale);
  const A = a.digits * pow10(scale - a.scale);
  const B = b.digits * pow10(scale - b.scale);
  return A % B === 0n;
}

/** k × m as the double nearest to the exact decimal product (no 0.30000000000000004). */
export function multiplyExact(k: number, m: number): number {
  if (Number.isInteger(m)) return k * m;
  const d = decimalOf(m);
  // k·digits is an exact integer and 10^scale an exact double up to 1e22, so one IEEE division
  // rounds the exact decimal quotient once: the double nearest the decimal, as Number(text) gives.
  if (d.scale <= 22) {
    const n = k * d.digitsNumber;
    if (Number.isSafeInteger(n)) return n / POW10_NUMBER[d.scale];
  }
  if (d.scale <= 0) return k * m;
  const product = BigInt(k) * d.digits;
  if (d.scale > 300) return k * m;
  const negative = product < 0n;
  const abs = (negative ? -product : product).toString().padStart(d.scale + 1, "0");
  const text = `${negative ? "-" : ""}${abs.slice(0, abs.length - d.scale)}.${abs.slice(abs.length - d.scale)}`;
  return Number(text);
}

const POW10_NUMBER = Array.from({ length: 23 }, (_, n) => Number(`1e${n}`));
const decimalCache = new Map<number, Decimal & { digitsNumber: number }>();
let lastStep = NaN;
let lastDecimal: (Decimal & { digitsNumber: number }) | undefined;
function decimalOf(m: number): Decimal & { digitsNumber: number } {
  // Records check the same few steps over and over: the last one first, before hashing a double.
  if (m === lastStep) return lastDecimal!;
  let d = decimalCache.get(m);
  if (!d) {
    const t = toDecimal(m);
    d = { ...t, digitsNumber: Number(t.digits) };
    if (decimalCache.size < 4096) decimalCache.set(m, d);
  }
  lastStep = m;
  lastDecimal = d;
  return d;
}

/** Least common multiple of two positive decimals (both exact), or undefined when out of range. */
export function decimalLcm(a: number, b: number): number | undefined {
  const x = toDecimal(a),
    y = toDecimal(b);
  const scale = Math.max(x.scale, y.scale, 0);
  const A = x.digits * pow10(scale - x.scale);
  const B = y.digits * pow10(scale - y.scale);
  let g = A,
    h = B;
  while (h !== 0n) [g, h] = [h, g % h];
  const l = (A / g) * B;
  const value = Number(l) / Number(pow10(scale));
  return Number.isFinite(value) && value > 0 ? Number(`${l}e-${scale}`) : undefined;
}

/** a + b as the double nearest to the exact decimal sum (0.1 + 0.2 gives 0.3, not 0.30000000000000004). */
export function addExact(a: number, b: number): number {
  const x = toDecimal(a),
    y = toDecimal(b);
  const scale = Math.max(x.scale, y.scale, 0);
  const sum = x.digits * pow10(scale - x.scale) + y.digits * pow10(scale - y.scale);
  return Number(`${sum}e-${scale}`);
}
