// The values rules compute with. Numbers are exact decimals (a bigint scaled by a power of ten),
// never binary floats: 0.1 + 0.2 == 0.3 holds, and `total == sum(items[*].price)` holds exactly for
// two-decimal prices. Dates and date-times are instants (milliseconds since 1970-01-01T00:00:00Z,
// as an exact decimal so that sub-millisecond fractions survive); a `date` is midnight UTC.

/** value = n × 10^-s, s ≥ 0. */
export class Num {
  constructor(
    readonly n: bigint,
    readonly s: number,
  ) {}
  toString(): string {
    return decimalText(this);
  }
}

/** A point in time: milliseconds since the epoch (UTC). */
export class Instant {
  constructor(readonly ms: Num) {}
}

/** A length of time in milliseconds (`days(n)`, or the difference of two instants). */
export class Duration {
  constructor(readonly ms: Num) {}
}

/** What an absent path evaluates to: comparisons with it are false. */
export const ABSENT: unique symbol = Symbol("absent");
export type Absent = typeof ABSENT;

export type Value = Num | Instant | Duration | string | boolean | null | unknown[] | Record<string, unknown> | Value[] | Absent;

const POW10: bigint[] = [];
export function pow10(k: number): bigint {
  if (k < 64) return (POW10[k] ??= 10n ** BigInt(k));
  return 10n ** BigInt(k);
}

export const ZERO = new Num(0n, 0);
export const DAY_MS = new Num(86_400_000n, 0);

/** Exact decimal of a JSON number (the decimal it prints as). */
export function numFromNumber(x: number): Num | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isSafeInteger(x)) return new Num(BigInt(x), 0);
  let n = numbers.get(x);
  if (n === undefined) {
    n = numFromText(String(x))!;
    if (numbers.size >= 8192) numbers.clear();
    numbers.set(x, n);
  }
  return n;
}

/** Decimals of recently seen non-integers (a record's values are read several times while its rules are checked). */
const numbers = new Map<number, Num>();

/** Exact decimal of a number's text ("12.50", "-3", "1e-7"). */
export function numFromText(text: string): Num | undefined {
  // The common plain form ("-12.5") without a regular expression.
  if (text.length < 16 && /^-?\d+(\.\d+)?$/.test(text)) {
    const dot = text.indexOf(".");
    if (dot < 0) return new Num(BigInt(text), 0);
    return normalize(new Num(BigInt(text.slice(0, dot) + text.slice(dot + 1)), text.length - dot - 1));
  }
  return numFromTextSlow(text);
}

function numFromTextSlow(text: string): Num | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  let n = BigInt((m[2] || "0") + frac);
  let s = frac.length - Number(m[4] ?? 0);
  if (m[1] === "-") n = -n;
  if (s < 0) {
    n *= pow10(-s);
    s = 0;
  }
  return normalize(new Num(n, s));
}

/** Drop trailing zeros of the fraction (1.50 → 1.5), so equal values have equal forms. */
export function normalize(a: Num): Num {
  let { n, s } = a;
  while (s > 0 && n % 10n === 0n) {
    n /= 10n;
    s--;
  }
  return n === a.n ? a : new Num(n, s);
}

function align(a: Num, b: Num): [bigint, bigint, number] {
  if (a.s === b.s) return [a.n, b.n, a.s];
  if (a.s > b.s) return [a.n, b.n * pow10(a.s - b.s), a.s];
  return [a.n * pow10(b.s - a.s), b.n, b.s];
}

export function add(a: Num, b: Num): Num {
  const [x, y, s] = align(a, b);
  return normalize(new Num(x + y, s));
}
export function sub(a: Num, b: Num): Num {
  const [x, y, s] = align(a, b);
  return normalize(new Num(x - y, s));
}
export function mul(a: Num, b: Num): Num {
  return normalize(new Num(a.n * b.n, a.s + b.s));
}
export function neg(a: Num): Num {
  return new Num(-a.n, a.s);
}
/** Digits kept after the point when a division does not terminate. */
export const DIVISION_DIGITS = 20;
/** a / b, exact when the quotient terminates within DIVISION_DIGITS more digits, else truncated. */
export function div(a: Num, b: Num): Num | undefined {
  if (b.n === 0n) return undefined;
  const s = Math.max(a.s, b.s) + DIVISION_DIGITS;
  // a/b = (a.n/10^a.s) / (b.n/10^b.s) = a.n·10^(b.s - a.s + s) / b.n · 10^-s
  const shift = b.s - a.s + s;
  const num = shift >= 0 ? a.n * pow10(shift) : a.n / pow10(-shift);
  return normalize(new Num(num / b.n, s));
}
export function cmp(a: Num, b: Num): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}
export function isInteger(a: Num): boolean {
  return normalize(a).s === 0;
}

/** Plain decimal text ("-12.5"), never exponent form. */
export function decimalText(a: Num): string {
  const neg = a.n < 0n;
  let digits = (neg ? -a.n : a.n).toString();
  if (a.s > 0) {
    digits = digits.padStart(a.s + 1, "0");
    digits = `${digits.slice(0, digits.length - a.s)}.${digits.slice(digits.length - a.s)}`;
  }
  return (neg ? "-" : "") + digits;
}

/** The JSON number for a decimal: the double nearest to it (prints as the decimal when it has ≤ 15 digits). */
export function toNumber(a: Num): number {
  return Number(decimalText(a));
}

/** Floor and ceiling of a / step as integers (step > 0). */
export function floorDiv(a: Num, step: Num): bigint {
  const [x, y] = align(a, step);
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}
export function ceilDiv(a: Num, step: Num): bigint {
  const [x, y] = align(a, step);
  const q = x / y;
  return x % y !== 0n && x < 0n === y < 0n ? q + 1n : q;
}
export function times(k: bigint, step: Num): Num {
  return normalize(new Num(k * step.n, step.s));
}

// ---- dates ---------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validCalendar(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(y: number, mo: number, d: number): number {
  y -= mo <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000;
}

/** The shape of a date string, to write a repaired value the way the original was written. */
export interface DateStyle {
  kind: "date" | "date-time";
  /** Offset in minutes east of UTC, or undefined for "Z". */
  offset?: number;
  /** Fraction digits of the seconds (0 = none). */
  frac: number;
  /** "T" or "t" or " " between date and time. */
  sep?: string;
}

/** A `date` (midnight UTC) or RFC 3339 `date-time` as an instant; undefined for anything else. */
export function parseInstant(text: string): Instant | undefined {
  return parseInstantStyled(text)?.instant;
}

const parsedDates = new Map<string, { instant: Instant; style: DateStyle } | null>();

/** parseInstant with the style the text was written in (cached: records repeat their dates across checks). */
export function parseInstantStyled(text: string): { instant: Instant; style: DateStyle } | undefined {
  let r = parsedDates.get(text);
  if (r === undefined) {
    r = parseUncached(text) ?? null;
    if (parsedDates.size >= 8192) parsedDates.clear();
    parsedDates.set(text, r);
  }
  return r ?? undefined;
}

function parseUncached(text: string): { instant: Instant; style: DateStyle } | undefined {
  if (text.length < 10 || text.length > 40) return undefined;
  let m = DATE_RE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validCalendar(y, mo, d)) return undefined;
    return { instant: new Instant(new Num(BigInt(utcMs(y, mo, d)), 0)), style: { kind: "date", frac: 0 } };
  }
  m = DATE_TIME_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k]));
  if (!validCalendar(y, mo, d) || h > 23 || mi > 59 || s > 60) return undefined;
  let offset: number | undefined;
  if (m[9]) {
    offset = (Number(m[10]) * 60 + Number(m[11])) * (m[9] === "-" ? -1 : 1);
    if (Number(m[10]) > 23 || Number(m[11]) > 59) return undefined;
  }
  const whole = utcMs(y, mo, d, h, mi, Math.min(s, 59)) - (offset ?? 0) * 60_000 + (s === 60 ? 1000 : 0);
  let ms = new Num(BigInt(whole), 0);
  const frac = m[7] ?? "";
  if (frac) ms = add(ms, normalize(new Num(BigInt(frac) * 1000n, frac.length)));
  return { instant: new Instant(ms), style: { kind: "date-time", offset, frac: frac.length, sep: text[10] } };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function civil(msInt: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } {
  const t = new Date(msInt);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
}

function yearText(y: number): string | undefined {
  return y >= 0 && y <= 9999 ? pad(y, 4) : undefined;
}

/**
 * An instant written in `style`. The instant must lie on the style's grid (whole days for a date,
 * whole seconds or the style's fraction for a date-time); undefined when it does not, or when the
 * year leaves 0000–9999.
 */
export function formatInstant(i: Instant, style: DateStyle): string | undefined {
  const ms = i.ms;
  if (style.kind === "date") {
    if (!isInteger(ms) || ms.n % 86_400_000n !== 0n) return undefined;
    const c = civil(Number(ms.n));
    const y = yearText(c.y);
    return y && `${y}-${pad(c.mo)}-${pad(c.d)}`;
  }
  const frac = Math.min(style.frac, 3);
  const unit = 10 ** (3 - frac);
  if (!isInteger(ms) || ms.n % BigInt(unit) !== 0n) return undefined;
  const wall = Number(ms.n) + (style.offset ?? 0) * 60_000;
  const c = civil(wall);
  const y = yearText(c.y);
  if (!y) return undefined;
  let text = `${y}-${pad(c.mo)}-${pad(c.d)}${style.sep ?? "T"}${pad(c.h)}:${pad(c.mi)}:${pad(c.s)}`;
  if (frac > 0) text += "." + pad(c.ms, 3).slice(0, frac);
  if (style.offset === undefined) text += "Z";
  else {
    const o = Math.abs(style.offset);
    text += `${style.offset < 0 ? "-" : "+"}${pad(Math.floor(o / 60))}:${pad(o % 60)}`;
  }
  return text;
}

/** Milliseconds between grid points of a style: a day, a second, or 10^(3-frac) ms. */
export function styleGrid(style: DateStyle): Num {
  if (style.kind === "date") return DAY_MS;
  return new Num(BigInt(10 ** (3 - Math.min(style.frac, 3))), 0);
}

// ---- conversions -------------------------------------------------------------------------------

export function isNum(v: unknown): v is Num {
  return v instanceof Num;
}

/** A value read from a record (JSON) as a rule value. */
export function fromJson(v: unknown): Value {
  if (v === undefined) return ABSENT;
  if (typeof v === "number") return numFromNumber(v) ?? ABSENT;
  return v as Value;
}

/** A short text of a value for messages. */
export function showValue(v: Value | undefined): string {
  if (v === ABSENT || v === undefined) return "absent";
  if (v instanceof Num) return decimalText(v);
  if (v instanceof Instant) return formatInstant(v, { kind: "date-time", frac: 3 }) ?? `${decimalText(v.ms)} ms`;
  if (v instanceof Duration) {
    const days = div(v.ms, DAY_MS);
    return days ? `${decimalText(days)} days` : `${decimalText(v.ms)} ms`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- reached only when JSON.stringify has no text for v, which objects always have
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
