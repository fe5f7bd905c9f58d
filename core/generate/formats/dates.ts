// Dates, times and durations. Instants fall in a window around the run's reference date; per
// value, the calendar arithmetic works on day numbers, without Date objects.
import type { Rng } from "../../base/rng";
import { SpecMintError } from "../../base/errors";
import { constrained, digits, maxOf, minOf, type FormatContext, type FormatGenerator } from "./context";

export { DEFAULT_REFERENCE_DATE } from "../../../common/settings";

/** Dates and date-times fall in [referenceDate − 5 years, referenceDate + 1 year] (inclusive). */
export const DATE_WINDOW: { readonly yearsBefore: number; readonly yearsAfter: number } = Object.freeze({
  yearsBefore: 5,
  yearsAfter: 1,
});

const D2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + i);

interface Window {
  start: number;
  end: number;
}
const windowCache = new Map<string, Window>();

/** The instants [start, end] (epoch ms) that date formats draw from for a reference date. */
export function dateWindowBounds(referenceDate: string): { start: number; end: number } {
  let w = windowCache.get(referenceDate);
  if (w) return w;
  const ref = Date.parse(referenceDate);
  if (Number.isNaN(ref)) {
    throw new SpecMintError("usage", `referenceDate "${referenceDate}" is not an ISO 8601 date`);
  }
  const d = new Date(ref);
  const shift = (years: number) =>
    Date.UTC(
      d.getUTCFullYear() + years,
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    );
  w = { start: shift(-DATE_WINDOW.yearsBefore), end: shift(DATE_WINDOW.yearsAfter) };
  // Reference dates are per run; the bound only protects long-lived servers.
  if (windowCache.size > 64) windowCache.clear();
  windowCache.set(referenceDate, w);
  return w;
}

const DAY_MS = 86_400_000;

/** Instants [start, end] (epoch ms) a date generator draws from, given the run's reference date. */
export type DateWindow = (referenceDate: string) => { start: number; end: number };

/** A uniform instant of the window; float() beats int() on ranges wider than 2^32. */
function drawInstant(rng: Rng, referenceDate: string, window: DateWindow = dateWindowBounds): number {
  const w = window(referenceDate);
  return w.start + Math.floor(rng.float() * (w.end - w.start + 1));
}

/** Birth dates: people aged BIRTH_AGES.min…max (whole years) at the reference date. */
export const BIRTH_AGES: { readonly min: number; readonly max: number } = Object.freeze({ min: 18, max: 90 });

function utcShift(ref: number, years: number): number {
  const d = new Date(ref);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
}

/**
 * The instants of adults' birth dates at `referenceDate`, within [formatMinimum, formatMaximum] when
 * given; undefined when those bounds leave no adult (the caller keeps the usual window). A day of
 * margin at each end keeps the calendar date inside the ages whatever the time zone offset.
 */
export function birthDateWindow(referenceDate: string, formatMinimum?: string, formatMaximum?: string): DateWindow | undefined {
  const ref = Date.parse(referenceDate);
  if (Number.isNaN(ref)) return undefined;
  let start = utcShift(ref, -(BIRTH_AGES.max + 1)) + 2 * DAY_MS;
  let end = utcShift(ref, -BIRTH_AGES.min) - DAY_MS;
  const lo = formatMinimum !== undefined ? Date.parse(formatMinimum) : NaN;
  const hi = formatMaximum !== undefined ? Date.parse(formatMaximum) : NaN;
  if (formatMinimum !== undefined && Number.isNaN(lo)) return undefined;
  if (formatMaximum !== undefined && Number.isNaN(hi)) return undefined;
  if (!Number.isNaN(lo)) start = Math.max(start, lo + 2 * DAY_MS);
  if (!Number.isNaN(hi)) end = Math.min(end, hi - 2 * DAY_MS);
  if (end < start) return undefined;
  const w = { start, end };
  return () => w;
}

/** "YYYY-MM-DD" of a day number since 1970-01-01 (Hinnant's civil_from_days, no Date object). */
function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return String(year).padStart(4, "0") + "-" + D2[month] + "-" + D2[day];
}

// Offsets in minutes; "Z" is the most common in real payloads, so it gets extra weight below.
const OFFSETS: readonly number[] = [60, 120, -300, -480, 330, 540, -180, 600, -240, 480, 0, -420, 345, 180];
function offsetString(min: number): string {
  const a = Math.abs(min);
  return (min < 0 ? "-" : "+") + D2[Math.floor(a / 60)] + ":" + D2[a % 60];
}

interface Clock {
  wall: number; // ms since epoch, shifted into the offset's wall-clock time
  tz: string; // "Z", "+05:30", or "" (iso-* only)
  frac: number; // fractional-second digits, 0 = none
}

function drawTz(rng: Rng): { tz: string; offset: number } {
  if (rng.chance(0.6)) return { tz: "Z", offset: 0 };
  const offset = rng.pick(OFFSETS);
  return { tz: offsetString(offset), offset };
}
function drawFrac(rng: Rng): number {
  const r = rng.float();
  return r < 0.7 ? 0 : r < 0.95 ? 3 : 6;
}

/** "HH:MM:SS[.fff…]" + tz for a wall-clock ms value. */
function clockString(rng: Rng, wall: number, frac: number, tz: string): string {
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  const secs = Math.floor(msOfDay / 1000);
  let s = D2[Math.floor(secs / 3600)] + ":" + D2[Math.floor(secs / 60) % 60] + ":" + D2[secs % 60];
  if (frac > 0) {
    const ms = String(msOfDay % 1000).padStart(3, "0");
    s += "." + (frac <= 3 ? ms.slice(0, frac) : ms + digits(rng, frac - 3));
  }
  return s + tz;
}

/** Pick tz/fraction so that `core` characters plus them land in [min, max] when possible. */
function fitClock(c: Clock, core: number, ctx: FormatContext, allowNoTz: boolean): void {
  if (!constrained(ctx)) return;
  const min = minOf(ctx),
    max = maxOf(ctx);
  const len = (tzLen: number, frac: number) => core + tzLen + (frac > 0 ? frac + 1 : 0);
  if (len(c.tz.length, c.frac) >= min && len(c.tz.length, c.frac) <= max) return;
  const tzs = [c.tz, "Z", "+00:00"];
  if (allowNoTz) tzs.push("");
  for (const tz of tzs) {
    const base = len(tz.length, 0);
    if (base > max) continue;
    if (base >= min) {
      c.tz = tz;
      c.frac = 0;
      return;
    }
    const frac = Math.max(1, min - base - 1);
    if (len(tz.length, frac) <= max) {
      c.tz = tz;
      c.frac = frac;
      return;
    }
  }
}

function drawInstantClock(rng: Rng, ctx: FormatContext, core: number, allowNoTz: boolean, window?: DateWindow): Clock {
  const instant = drawInstant(rng, ctx.referenceDate, window);
  const t = drawTz(rng);
  const c: Clock = { wall: instant, tz: t.tz, frac: drawFrac(rng) };
  if (allowNoTz && rng.chance(0.3)) c.tz = "";
  fitClock(c, core, ctx, allowNoTz);
  // Re-derive the wall clock from the final tz so the instant itself stays inside the window.
  const offset = c.tz === "" || c.tz === "Z" ? 0 : c.tz === t.tz ? t.offset : 0;
  c.wall = instant + offset * 60_000;
  return c;
}

export function dateTime(allowNoTz: boolean, window?: DateWindow): FormatGenerator {
  return (rng, ctx) => {
    const c = drawInstantClock(rng, ctx, 19, allowNoTz, window);
    return civilDate(Math.floor(c.wall / DAY_MS)) + "T" + clockString(rng, c.wall, c.frac, c.tz);
  };
}

export function time(allowNoTz: boolean): FormatGenerator {
  return (rng, ctx) => {
    const c = drawInstantClock(rng, ctx, 8, allowNoTz);
    return clockString(rng, c.wall, c.frac, c.tz);
  };
}

export const date: FormatGenerator = (rng, ctx) => civilDate(Math.floor(drawInstant(rng, ctx.referenceDate) / DAY_MS));

/** Dates of `window` instead of the usual one. */
export function dateIn(window: DateWindow): FormatGenerator {
  return (rng, ctx) => civilDate(Math.floor(drawInstant(rng, ctx.referenceDate, window) / DAY_MS));
}

// Only shapes that both ajv-formats' duration regex and draft2019's accept: either weeks alone, or
// integer Y/M/D/T H/M/S components.
export const duration: FormatGenerator = (rng) => {
  if (rng.chance(0.1)) return "P" + rng.int(1, 52) + "W";
  let s = "P";
  let mask = rng.int(1, 63); // bits: Y M D H M S
  // Real durations rarely mix years and seconds; drop seconds when years are present.
  if (mask & 1 && mask & 32 && rng.chance(0.8)) mask &= ~32;
  if (mask & 1) s += rng.int(1, 10) + "Y";
  if (mask & 2) s += rng.int(1, 11) + "M";
  if (mask & 4) s += rng.int(1, 30) + "D";
  if (mask & 56) {
    s += "T";
    if (mask & 8) s += rng.int(1, 23) + "H";
    if (mask & 16) s += rng.int(1, 59) + "M";
    if (mask & 32) s += rng.int(1, 59) + "S";
  }
  return s;
};
