// Values for JSON Schema `format`s. Every value must pass the validator SpecMint checks records
// with (ajv-formats full mode + ajv-formats-draft2019 for the idn-/iri formats), so each
// generator only ever emits the subset of its format that both RFC and validator agree on.
// Everything that names something (domains, addresses) uses reserved or documentation ranges
// so that fixtures can never point at real people or machines.
// Hot path: called several times per record, so lists are precomputed and nothing uses regex.
import type { Rng } from "../base/rng";
import { SpecMintError } from "../base/errors";

export interface FormatContext {
  referenceDate: string;
  minLength?: number;
  maxLength?: number;
}
export type FormatGenerator = (rng: Rng, ctx: FormatContext) => string;

export const DEFAULT_REFERENCE_DATE = "2026-01-01T00:00:00Z";

/** Dates and date-times fall in [referenceDate − 5 years, referenceDate + 1 year] (inclusive). */
export const DATE_WINDOW: { readonly yearsBefore: number; readonly yearsAfter: number } = Object.freeze({
  yearsBefore: 5,
  yearsAfter: 1,
});

// ---------------------------------------------------------------------------------------------
// Word lists shared with realism.ts (which imports from here, so there is no import cycle).

/** Common given names (no real person is meant). */
export const FIRST_NAMES: readonly string[] = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
  "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Emily", "Andrew", "Michelle", "Kevin", "Amanda",
  "Brian", "Melissa", "Ethan", "Olivia", "Noah", "Emma", "Liam", "Sophia", "Lucas", "Ava", "Mateo",
  "Isabella", "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Aisha", "Diego", "Sofia", "Jane",
  "Leo", "Zoe", "Ivan", "Nora", "Kwame", "Ana",
];
/** Common family names. */
export const LAST_NAMES: readonly string[] = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
  "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel",
  "Kim", "Chen", "Doe", "Okafor", "Novak", "Silva", "Ito",
];
/** Plain lowercase English words: fillers for lengths, lorem-like text, path segments. */
export const WORDS: readonly string[] = [
  "account", "amber", "answer", "anchor", "basket", "beacon", "bright", "budget", "canvas", "carbon",
  "catalog", "center", "circle", "cloud", "copper", "cotton", "crystal", "delivery", "design", "desk",
  "digital", "echo", "engine", "feature", "field", "forest", "garden", "harbor", "journey", "lantern",
  "ledger", "market", "meadow", "method", "metro", "motion", "network", "north", "ocean", "orbit",
  "order", "paper", "pattern", "pilot", "planet", "prairie", "project", "quarter", "quiet", "rapid",
  "river", "rocket", "season", "signal", "silver", "simple", "spring", "studio", "summit", "sunrise",
  "table", "timber", "travel", "update", "valley", "vector", "velvet", "window", "winter", "yellow",
];

const LOWER_FIRST = FIRST_NAMES.map((s) => s.toLowerCase());
const LOWER_LAST = LAST_NAMES.map((s) => s.toLowerCase());
// One long letters-only string: slices of it are exact-length fillers that still read like words.
const FILLER = WORDS.join("");

/** Exactly n lowercase letters, made of words (deterministic start chosen by rng). */
export function letters(rng: Rng, n: number): string {
  if (n <= 0) return "";
  let start = rng.int(0, FILLER.length - 1);
  let out = "";
  while (out.length < n) {
    const take = Math.min(n - out.length, FILLER.length - start);
    out += FILLER.slice(start, start + take);
    start = 0;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const D2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + i);
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));
const DIGITS = "0123456789";

function minOf(ctx: FormatContext): number {
  return ctx.minLength ?? 0;
}
function maxOf(ctx: FormatContext): number {
  return ctx.maxLength ?? Infinity;
}
function fits(s: string, ctx: FormatContext): boolean {
  // All generated text is in the BMP, so UTF-16 length equals ajv's code-point length.
  return s.length >= minOf(ctx) && s.length <= maxOf(ctx);
}
function constrained(ctx: FormatContext): boolean {
  return ctx.minLength !== undefined || ctx.maxLength !== undefined;
}
function digits(rng: Rng, n: number): string {
  let s = "";
  for (let k = 0; k < n; k++) s += DIGITS[rng.int(0, 9)];
  return s;
}
function hex32(rng: Rng): string {
  const v = rng.int(0, 0xffffffff);
  return HEX2[v >>> 24] + HEX2[(v >>> 16) & 255] + HEX2[(v >>> 8) & 255] + HEX2[v & 255];
}

/** For formats with (almost) fixed shapes: redraw a few times hoping for a length that fits. */
function retrying(gen: FormatGenerator, attempts = 8): FormatGenerator {
  return (rng, ctx) => {
    let s = gen(rng, ctx);
    if (!constrained(ctx)) return s;
    for (let k = 1; k < attempts && !fits(s, ctx); k++) s = gen(rng, ctx);
    return s;
  };
}

// ---------------------------------------------------------------------------------------------
// Dates and times.

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
    Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(),
      d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  w = { start: shift(-DATE_WINDOW.yearsBefore), end: shift(DATE_WINDOW.yearsAfter) };
  // Reference dates are per run; the bound only protects long-lived servers.
  if (windowCache.size > 64) windowCache.clear();
  windowCache.set(referenceDate, w);
  return w;
}

const DAY_MS = 86_400_000;

/** A uniform instant of the window; float() beats int() on ranges wider than 2^32. */
function drawInstant(rng: Rng, referenceDate: string): number {
  const w = dateWindowBounds(referenceDate);
  return w.start + Math.floor(rng.float() * (w.end - w.start + 1));
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
  const min = minOf(ctx), max = maxOf(ctx);
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

function drawInstantClock(rng: Rng, ctx: FormatContext, core: number, allowNoTz: boolean): Clock {
  const instant = drawInstant(rng, ctx.referenceDate);
  const t = drawTz(rng);
  const c: Clock = { wall: instant, tz: t.tz, frac: drawFrac(rng) };
  if (allowNoTz && rng.chance(0.3)) c.tz = "";
  fitClock(c, core, ctx, allowNoTz);
  // Re-derive the wall clock from the final tz so the instant itself stays inside the window.
  const offset = c.tz === "" || c.tz === "Z" ? 0 : c.tz === t.tz ? t.offset : 0;
  c.wall = instant + offset * 60_000;
  return c;
}

function dateTime(allowNoTz: boolean): FormatGenerator {
  return (rng, ctx) => {
    const c = drawInstantClock(rng, ctx, 19, allowNoTz);
    return civilDate(Math.floor(c.wall / DAY_MS)) + "T" + clockString(rng, c.wall, c.frac, c.tz);
  };
}

function time(allowNoTz: boolean): FormatGenerator {
  return (rng, ctx) => {
    const c = drawInstantClock(rng, ctx, 8, allowNoTz);
    return clockString(rng, c.wall, c.frac, c.tz);
  };
}

const date: FormatGenerator = (rng, ctx) => civilDate(Math.floor(drawInstant(rng, ctx.referenceDate) / DAY_MS));

// Only shapes that both ajv-formats' duration regex and draft2019's accept: either weeks alone, or
// integer Y/M/D/T H/M/S components.
const duration: FormatGenerator = (rng) => {
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

// ---------------------------------------------------------------------------------------------
// Host names and e-mail addresses: reserved names only (RFC 2606 / RFC 6761).

const RESERVED_SLDS: readonly string[] = ["example.com", "example.org", "example.net"];
const RESERVED_TLDS: readonly string[] = ["example", "test"];
const SUBDOMAINS: readonly string[] = [
  "api", "www", "mail", "cdn", "shop", "app", "auth", "static", "docs", "status", "dev", "staging",
  "img", "blog", "admin", "portal", "files", "vpn", "git", "ci", "metrics", "eu-west", "us-east",
  "assets", "login", "support", "billing", "media", "search", "edge",
];
const BRANDS: readonly string[] = [
  "northwind", "bluefin", "cedar-ridge", "ironclad", "brightwater", "silverline", "redwood", "lakeside",
  "granite", "pioneer", "evergreen", "copperleaf", "starlight", "oakmont", "riverbend", "westbrook",
  "clearview", "highpoint", "acme", "contoso",
];
const EMAIL_DOMAINS: readonly string[] = [
  "example.com", "example.org", "example.net", "mail.example", "inbox.example", "corp.example",
  "northwind.example", "acme.test", "mail.test", "bluefin.example",
];
// Shortest reserved names, for tight maxLength.
const SHORT_HOSTS: readonly string[] = ["example.com", "mail.test", "x.test"];

function hostnameNatural(rng: Rng): string {
  if (rng.chance(0.5)) {
    let sub = rng.pick(SUBDOMAINS);
    if (rng.chance(0.15)) sub += rng.int(1, 9);
    return sub + "." + rng.pick(RESERVED_SLDS);
  }
  const base = rng.pick(BRANDS) + "." + rng.pick(RESERVED_TLDS);
  return rng.chance(0.6) ? rng.pick(SUBDOMAINS) + "." + base : base;
}

/** Prepends labels adding exactly `extra` characters (host stays a valid name, ≤ 253). */
function growHost(rng: Rng, host: string, extra: number): string {
  extra = Math.min(extra, 253 - host.length);
  let prefix = "";
  while (extra >= 2) {
    let n = Math.min(extra - 1, 63);
    if (extra - (n + 1) === 1) n--; // never leave a single character we cannot place
    prefix += letters(rng, n) + ".";
    extra -= n + 1;
  }
  host = prefix + host;
  // One character left: a digit at the end of the first label keeps the name valid.
  const dot = host.indexOf(".");
  if (extra === 1 && dot > 0 && dot < 63) host = host.slice(0, dot) + rng.int(0, 9) + host.slice(dot);
  return host;
}

function fitHost(rng: Rng, host: string, ctx: FormatContext): string {
  if (!constrained(ctx) || fits(host, ctx)) return host;
  const min = minOf(ctx), max = maxOf(ctx);
  if (host.length < min) return growHost(rng, host, min - host.length);
  for (const h of SHORT_HOSTS) if (h.length <= max) return h.length >= min ? h : growHost(rng, h, min - h.length);
  // Below 6 characters no reserved name fits: a bare label is still a valid hostname.
  return max >= 1 ? letters(rng, Math.max(1, Math.min(max, 63))) : "a";
}

const hostname: FormatGenerator = (rng, ctx) => fitHost(rng, hostnameNatural(rng), ctx);

const IDN_HOSTS: readonly string[] = [
  "bücher.example", "café.example.org", "münchen.test", "straße.example", "señor.example.com",
  "例え.テスト", "пример.испытание", "例子.测试", "παράδειγμα.δοκιμή", "日本語.example", "zürich.example.net",
  "crème-brûlée.test", "façade.example", "smørrebrød.example.org", "köln.example.net", "mañana.test",
];

const idnHostname: FormatGenerator = (rng, ctx) => {
  const host = rng.chance(0.65) ? rng.pick(IDN_HOSTS) : hostnameNatural(rng);
  const sub = rng.chance(0.3) ? rng.pick(SUBDOMAINS) + "." + host : host;
  if (fits(sub, ctx)) return sub;
  // Length fitting works on the ASCII pool, whose labels we know are short enough.
  return fitHost(rng, hostnameNatural(rng), ctx);
};

const TAGS: readonly string[] = ["news", "shop", "work", "billing", "alerts", "travel"];

function localPart(rng: Rng): string {
  const f = rng.int(0, LOWER_FIRST.length - 1), l = rng.int(0, LOWER_LAST.length - 1);
  const first = LOWER_FIRST[f], last = LOWER_LAST[l];
  switch (rng.int(0, 7)) {
    case 0: return first + "." + last;
    case 1: return first + "." + last + rng.int(1, 99);
    case 2: return first[0] + last;
    case 3: return first + "_" + last;
    case 4: return first + last[0] + rng.int(1, 999);
    case 5: return last + "." + first;
    case 6: return first + "+" + rng.pick(TAGS);
    default: return first + rng.int(1970, 2009);
  }
}

const IDN_LOCALS: readonly string[] = [
  "josé", "zoë", "müller", "françois", "søren", "chloé", "jürgen", "ana.lópez", "björn", "renée",
  "ñoño", "înès", "dvořák", "łukasz", "ólafur", "李娜", "юлия", "σοφία",
];

/** local@domain with the local part padded or cut to meet the bounds (domain grown if > 64). */
function fitEmail(rng: Rng, local: string, domain: string, ctx: FormatContext): string {
  const min = minOf(ctx), max = maxOf(ctx);
  if (local.length + 1 + domain.length > max) {
    // Keep a recognisable local part: switch to a shorter reserved domain before cutting it down.
    const want = Math.min(local.length, 4);
    if (max - 1 - domain.length < want) {
      let chosen = SHORT_HOSTS[SHORT_HOSTS.length - 1];
      for (const d of SHORT_HOSTS) if (max - 1 - d.length >= want) { chosen = d; break; }
      if (chosen.length < domain.length) domain = chosen;
    }
    const room = Math.max(1, max - 1 - domain.length);
    if (local.length > room) {
      local = local.slice(0, room);
      // A cut may leave a dot at the end, which RFC 5322 forbids.
      if (local.endsWith(".")) local = local.slice(0, -1) + rng.int(0, 9);
    }
  }
  // Also after a domain swap above, which may overshoot downwards.
  const len = local.length + 1 + domain.length;
  if (len < min) {
    let need = min - len;
    let pad = Math.min(need, Math.max(0, 64 - local.length)); // RFC 5321 caps local parts at 64
    if (need - pad === 1) pad--; // the domain can only grow by two or more characters
    if (pad > 0) local += digits(rng, pad);
    need -= pad;
    if (need > 0) domain = growHost(rng, domain, need);
  }
  return local + "@" + domain;
}

const email: FormatGenerator = (rng, ctx) => fitEmail(rng, localPart(rng), rng.pick(EMAIL_DOMAINS), ctx);

const idnEmail: FormatGenerator = (rng, ctx) => {
  const local = rng.chance(0.5) ? rng.pick(IDN_LOCALS) + (rng.chance(0.3) ? rng.int(1, 99) : "") : localPart(rng);
  const domain = rng.chance(0.4) ? rng.pick(IDN_HOSTS) : rng.pick(EMAIL_DOMAINS);
  const s = local + "@" + domain;
  return fits(s, ctx) ? s : fitEmail(rng, localPart(rng), rng.pick(EMAIL_DOMAINS), ctx);
};

// ---------------------------------------------------------------------------------------------
// IP addresses: documentation (RFC 5737 / RFC 3849) and private (RFC 1918 / RFC 4193) ranges.

const DOC_V4: readonly string[] = ["192.0.2.", "198.51.100.", "203.0.113."];

const ipv4: FormatGenerator = (rng) => {
  switch (rng.int(0, 4)) {
    case 0:
    case 1: return rng.pick(DOC_V4) + rng.int(1, 254);
    case 2: return "10." + rng.int(0, 255) + "." + rng.int(0, 255) + "." + rng.int(1, 254);
    case 3: return "172." + rng.int(16, 31) + "." + rng.int(0, 255) + "." + rng.int(1, 254);
    default: return "192.168." + rng.int(0, 255) + "." + rng.int(1, 254);
  }
};

const ipv6: FormatGenerator = (rng) => {
  const g: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  if (rng.chance(0.8)) {
    g[0] = 0x2001;
    g[1] = 0xdb8;
  } else {
    g[0] = 0xfd00 + rng.int(0, 255);
    g[1] = rng.int(0, 0xffff);
  }
  for (let k = 2; k < 8; k++) g[k] = rng.chance(0.25) ? rng.int(1, 255) : rng.int(1, 0xffff);
  // Half of real-world addresses have a run of zero groups written as "::".
  let zs = -1, ze = -1;
  if (rng.chance(0.5)) {
    zs = rng.int(2, 6);
    ze = rng.int(zs + 1, 7);
    for (let k = zs; k <= ze; k++) g[k] = 0;
  }
  let s = "";
  for (let k = 0; k < 8; k++) {
    if (k === zs) {
      s += ze === 7 ? "::" : ":";
      k = ze;
      continue;
    }
    s += (k > 0 ? ":" : "") + g[k].toString(16);
  }
  return s;
};

// ---------------------------------------------------------------------------------------------
// URIs and IRIs.

const PATH_WORDS: readonly string[] = [
  "products", "users", "orders", "api", "v1", "v2", "docs", "blog", "images", "search", "account",
  "settings", "reports", "invoices", "items", "categories", "help", "news", "events", "downloads",
];
const FILES: readonly string[] = [
  "logo.png", "report.pdf", "index.html", "data.csv", "styles.css", "app.js", "photo.jpg", "readme.txt",
];
const QUERIES: readonly string[] = [
  "ref=mail", "page=", "q=blue+shoes", "utm_source=newsletter&utm_medium=email", "sort=price&order=asc",
  "id=", "lang=en", "limit=", "color=red&size=m", "tab=reviews",
];
const FRAGMENTS: readonly string[] = ["reviews", "section-", "top", "details", "comments", "faq"];

function pathSegment(rng: Rng, last = true): string {
  const r = rng.float();
  if (r < 0.45) return rng.pick(PATH_WORDS);
  if (r < 0.7) return String(rng.int(1, 99999));
  if (r < 0.85 || !last) return rng.pick(WORDS) + "-" + rng.pick(WORDS);
  return rng.pick(FILES); // file names only end a path
}
function pathNatural(rng: Rng, maxSegs: number): string {
  let p = "";
  const n = rng.int(0, maxSegs);
  for (let k = 0; k < n; k++) p += "/" + pathSegment(rng, k === n - 1);
  return p;
}
function query(rng: Rng): string {
  const q = rng.pick(QUERIES);
  return "?" + (q.endsWith("=") ? q + rng.int(1, 500) : q);
}
function fragment(rng: Rng): string {
  const f = rng.pick(FRAGMENTS);
  return "#" + (f.endsWith("-") ? f + rng.int(1, 12) : f);
}

interface UriParts {
  head: string; // scheme + authority, or "" for relative references
  path: string;
  query: string;
  fragment: string;
}

/**
 * Joins parts meeting the bounds: too short grows the path by filler segments, too long drops
 * fragment, query, trailing path segments, then swaps the head for `shortHeads` (in order).
 * With `rooted`, a query or fragment always follows a "/" (the url format demands it).
 */
function fitUri(rng: Rng, p: UriParts, ctx: FormatContext, shortHeads: readonly string[], rooted = false): string {
  const first = p.head + (rooted && p.path === "" && p.query + p.fragment !== "" ? "/" : p.path) + p.query + p.fragment;
  if (!constrained(ctx) || fits(first, ctx)) return first;
  const join = (head: string, path: string) => {
    const tail = p.query + p.fragment;
    return head + (rooted && path === "" && tail !== "" ? "/" : path) + tail;
  };
  let s = first;
  const min = minOf(ctx), max = maxOf(ctx);
  if (s.length < min) {
    let need = min - s.length;
    let extra = p.path;
    if (rooted && extra === "" && p.query + p.fragment !== "") need++; // join's "/" is replaced
    while (need > 0) {
      const n = Math.min(need - 1, 40);
      extra += "/" + letters(rng, n);
      need -= n + 1;
    }
    return join(p.head, extra);
  }
  if (p.fragment && s.length - p.fragment.length >= min) {
    p.fragment = "";
    s = join(p.head, p.path);
  }
  if (s.length > max && p.query && s.length - p.query.length >= min) {
    p.query = "";
    s = join(p.head, p.path);
  }
  while (s.length > max && p.path) {
    const cut = Math.max(0, p.path.lastIndexOf("/"));
    const shorter = join(p.head, p.path.slice(0, cut));
    // Cutting inside the last segment instead is safe: path and query text is unreserved ASCII
    // or plain letters, so any prefix of it is still a valid reference.
    if (shorter.length < min) return s.slice(0, max);
    p.path = p.path.slice(0, cut);
    s = shorter;
  }
  if (s.length <= max) return s;
  for (const h of shortHeads) {
    let t = join(h, "");
    if (t.length > max) {
      p.query = p.fragment = "";
      t = h;
    }
    if (t.length > max) continue;
    if (t.length < min) {
      if (rooted && p.query + p.fragment !== "") t = join(h, "/" + letters(rng, min - t.length));
      else t = join(h, "/" + letters(rng, min - t.length - 1));
    }
    return t;
  }
  return s;
}

function httpHead(rng: Rng, host: string): string {
  const scheme = rng.chance(0.88) ? "https://" : "http://";
  return scheme + host + (rng.chance(0.06) ? ":" + rng.pick(["8080", "8443", "3000"]) : "");
}

const URI_SHORT_HEADS: readonly string[] = ["https://example.com", "https://x.test", "urn:x", "a:b"];

const uri: FormatGenerator = (rng, ctx) => {
  const r = rng.float();
  if (r < 0.04) return fitUri(rng, { head: "urn:uuid:" + uuid(rng), path: "", query: "", fragment: "" }, ctx, URI_SHORT_HEADS);
  if (r < 0.08) return fitUri(rng, { head: "mailto:" + email(rng, { referenceDate: ctx.referenceDate }), path: "", query: "", fragment: "" }, ctx, URI_SHORT_HEADS);
  return fitUri(rng, {
    head: httpHead(rng, hostnameNatural(rng)),
    path: pathNatural(rng, 4),
    query: rng.chance(0.35) ? query(rng) : "",
    fragment: rng.chance(0.1) ? fragment(rng) : "",
  }, ctx, URI_SHORT_HEADS, true);
};

// The "url" format (dperini's regex) wants a dotted host with an alphabetic TLD and http(s)/ftp.
const url: FormatGenerator = (rng, ctx) => {
  const head = rng.chance(0.03) ? "ftp://files." + rng.pick(RESERVED_SLDS) : httpHead(rng, hostnameNatural(rng));
  return fitUri(rng, {
    head,
    path: pathNatural(rng, 4),
    query: rng.chance(0.35) ? query(rng) : "",
    fragment: rng.chance(0.1) ? fragment(rng) : "",
  }, ctx, ["https://example.com", "http://x.test"], true);
};

function relativeParts(rng: Rng): UriParts {
  const r = rng.float();
  const q = rng.chance(0.3) ? query(rng) : "";
  const f = rng.chance(0.15) ? fragment(rng) : "";
  if (r < 0.1) return { head: "", path: "", query: "", fragment: fragment(rng) };
  if (r < 0.15) return { head: "", path: "", query: query(rng), fragment: "" };
  if (r < 0.25) return { head: "//" + hostnameNatural(rng), path: "/" + rng.pick(FILES), query: "", fragment: "" };
  if (r < 0.4) return { head: "", path: "../" + pathSegment(rng, false) + pathNatural(rng, 2), query: q, fragment: f };
  if (r < 0.55) return { head: "", path: rng.pick(PATH_WORDS) + pathNatural(rng, 2), query: q, fragment: f };
  return { head: "", path: "/" + rng.pick(PATH_WORDS) + pathNatural(rng, 3), query: q, fragment: f };
}

/** Relative references made of letters, digits, "/", ".", "-" stay valid when cut anywhere. */
const uriReference: FormatGenerator = (rng, ctx) => {
  if (rng.chance(0.3)) {
    const abs = uri(rng, ctx);
    if (fits(abs, ctx)) return abs;
  }
  const p = relativeParts(rng);
  const s = fitUri(rng, p, ctx, [""]);
  return s.length > maxOf(ctx) ? s.slice(0, maxOf(ctx)) : s;
};

const IRI_WORDS: readonly string[] = [
  "straße", "café", "menü", "übersicht", "naïve", "résumé", "größe", "東京", "製品", "каталог",
  "produkte", "niño", "été", "smörgåsbord", "kategorie", "ürün", "καλάθι", "señales",
];
const IRI_QUERIES: readonly string[] = ["q=café", "lang=de", "ort=köln", "page=", "suche=größe", "kategorie=bücher"];

function iriPath(rng: Rng, maxSegs: number): string {
  let p = "";
  const n = rng.int(1, maxSegs);
  for (let k = 0; k < n; k++) p += "/" + (rng.chance(0.6) ? rng.pick(IRI_WORDS) : pathSegment(rng, k === n - 1));
  return p;
}
function iriQuery(rng: Rng): string {
  const q = rng.pick(IRI_QUERIES);
  return "?" + (q.endsWith("=") ? q + rng.int(1, 99) : q);
}

// ajv-formats-draft2019's `iri` accepts only what uri-js calls an "absolute" reference, which
// excludes any fragment ("https://example.com/a#b" fails), so iri values never carry one. Its
// `iri-reference` rejects every mailto: (it calls an address parser the library does not export).
function iriValue(rng: Rng, ctx: FormatContext, mailto: boolean): string {
  if (mailto && rng.chance(0.05)) return fitUri(rng, { head: "mailto:" + idnEmail(rng, { referenceDate: ctx.referenceDate }), path: "", query: "", fragment: "" }, ctx, ["urn:x"]);
  const host = rng.chance(0.5) ? rng.pick(IDN_HOSTS) : hostnameNatural(rng);
  return fitUri(rng, {
    head: (rng.chance(0.9) ? "https://" : "http://") + host,
    path: iriPath(rng, 3),
    query: rng.chance(0.3) ? iriQuery(rng) : "",
    fragment: "",
  }, ctx, ["https://example.com", "https://x.test", "urn:x"], true);
}

const iri: FormatGenerator = (rng, ctx) => iriValue(rng, ctx, true);

const iriReference: FormatGenerator = (rng, ctx) => {
  if (rng.chance(0.25)) {
    const abs = iriValue(rng, ctx, false);
    if (fits(abs, ctx)) return abs;
  }
  const r = rng.float();
  const p: UriParts =
    r < 0.1 ? { head: "", path: "", query: "", fragment: "#" + rng.pick(IRI_WORDS) }
    : r < 0.4 ? { head: "", path: "../" + rng.pick(IRI_WORDS) + iriPath(rng, 2), query: "", fragment: "" }
    : { head: "", path: iriPath(rng, 3), query: rng.chance(0.3) ? iriQuery(rng) : "", fragment: rng.chance(0.15) ? "#" + rng.pick(IRI_WORDS) : "" };
  const s = fitUri(rng, p, ctx, [""]);
  return s.length > maxOf(ctx) ? s.slice(0, maxOf(ctx)) : s;
};

const TEMPLATE_VARS: readonly string[] = [
  "id", "userId", "orderId", "page", "limit", "q", "lang", "version", "owner", "repo", "slug", "year",
  "month", "sort", "productId", "format",
];

const uriTemplate: FormatGenerator = (rng, ctx) => {
  let s = rng.chance(0.5) ? "https://" + hostnameNatural(rng) : rng.chance(0.3) ? "{+base}" : "";
  const n = rng.int(1, 4);
  for (let k = 0; k < n; k++) {
    const r = rng.float();
    s += r < 0.45 ? "/" + rng.pick(PATH_WORDS) : r < 0.85 ? "/{" + rng.pick(TEMPLATE_VARS) + "}" : "{/" + rng.pick(TEMPLATE_VARS) + "*}";
  }
  const r = rng.float();
  if (r < 0.35) s += "{?" + rng.pick(TEMPLATE_VARS) + (rng.chance(0.5) ? "," + rng.pick(TEMPLATE_VARS) : "") + "}";
  else if (r < 0.45) s += "{#" + rng.pick(TEMPLATE_VARS) + "}";
  else if (r < 0.55) s += "?" + rng.pick(TEMPLATE_VARS).toLowerCase() + "=1{&" + rng.pick(TEMPLATE_VARS) + "}";
  if (!constrained(ctx) || fits(s, ctx)) return s;
  const min = minOf(ctx), max = maxOf(ctx);
  // Literal text is a valid template, and cutting letters-only text cannot break a brace.
  if (s.length < min) return s + "/" + letters(rng, min - s.length - 1);
  return ("/" + letters(rng, max)).slice(0, max);
};

// ---------------------------------------------------------------------------------------------
// Identifiers and pointers.

const HEX_CODES: readonly number[] = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const hexAt = (v: number, shift: number) => HEX_CODES[(v >>> shift) & 15];

function uuid(rng: Rng): string {
  // 128 random bits from four raw draws, then the version 4 nibble and the RFC 4122 variant (10xx).
  const a = rng.next(), b = (rng.next() & 0xffff0fff) | 0x4000, c = (rng.next() & 0x3fffffff) | 0x80000000, d = rng.next();
  // One flat string in one call: concatenating 20 pieces builds a rope that every later read
  // (ajv's format check, JSON output) must flatten first.
  return String.fromCharCode(
    hexAt(a, 28), hexAt(a, 24), hexAt(a, 20), hexAt(a, 16), hexAt(a, 12), hexAt(a, 8), hexAt(a, 4), hexAt(a, 0), 45,
    hexAt(b, 28), hexAt(b, 24), hexAt(b, 20), hexAt(b, 16), 45,
    hexAt(b, 12), hexAt(b, 8), hexAt(b, 4), hexAt(b, 0), 45,
    hexAt(c, 28), hexAt(c, 24), hexAt(c, 20), hexAt(c, 16), 45,
    hexAt(c, 12), hexAt(c, 8), hexAt(c, 4), hexAt(c, 0),
    hexAt(d, 28), hexAt(d, 24), hexAt(d, 20), hexAt(d, 16), hexAt(d, 12), hexAt(d, 8), hexAt(d, 4), hexAt(d, 0),
  );
}
const uuidFormat: FormatGenerator = (rng, ctx) => {
  const u = uuid(rng);
  // ajv also accepts the URN form, the only way to honour lengths of 37–45.
  return minOf(ctx) > 36 ? "urn:uuid:" + u : u;
};

const POINTER_WORDS: readonly string[] = [
  "users", "items", "address", "name", "email", "tags", "orders", "properties", "definitions", "paths",
  "components", "schemas", "lines", "meta", "settings", "~1users~1{id}", "application~1json", "a~0b",
];

function pointerNatural(rng: Rng, maxDepth: number): string {
  let p = "";
  const n = rng.int(rng.chance(0.05) ? 0 : 1, maxDepth);
  for (let k = 0; k < n; k++) p += "/" + (rng.chance(0.25) ? String(rng.int(0, 20)) : rng.pick(POINTER_WORDS));
  return p;
}
function fitPointer(rng: Rng, p: string, min: number, max: number): string {
  if (p.length < min) {
    let need = min - p.length;
    while (need > 0) {
      const n = Math.min(need - 1, 30);
      p += "/" + letters(rng, n);
      need -= n + 1;
    }
    return p;
  }
  if (p.length > max) {
    p = p.slice(0, max);
    // A cut right after "~" would leave an invalid escape.
    if (p.endsWith("~")) p = p.slice(0, -1) + (p.length - 1 >= min ? "" : "0");
  }
  return p;
}

const jsonPointer: FormatGenerator = (rng, ctx) => fitPointer(rng, pointerNatural(rng, 4), minOf(ctx), maxOf(ctx));

const jsonPointerUriFragment: FormatGenerator = (rng, ctx) => {
  let p = "";
  const n = rng.int(0, 4);
  for (let k = 0; k < n; k++) p += "/" + (rng.chance(0.3) ? String(rng.int(0, 20)) : rng.pick(PATH_WORDS));
  return "#" + fitPointer(rng, p, Math.max(0, minOf(ctx) - 1), Math.max(0, maxOf(ctx) - 1));
};

const relativeJsonPointer: FormatGenerator = (rng, ctx) => {
  let up = String(rng.int(0, rng.chance(0.8) ? 3 : 12));
  if (up.length > maxOf(ctx)) up = up[0];
  if (rng.chance(0.15) && fits(up + "#", ctx)) return up + "#";
  return up + fitPointer(rng, pointerNatural(rng, 3), Math.max(0, minOf(ctx) - up.length), Math.max(0, maxOf(ctx) - up.length));
};

const REGEX_ATOMS: readonly string[] = [
  "[a-z]+", "[A-Z][a-z]*", "\\d+", "\\d{3}", "\\d{2,4}", "[0-9a-f]{8}", "[A-Za-z0-9_-]{3,16}", "\\w+",
  "\\s*", "(?:-\\d{4})?", "[A-Z]{2}", "\\.[a-z]{2,6}", "@", "-", "_", "(?:foo|bar|baz)", "(?:https?://)?",
  "[^\\s]+", ".*", "(?:jpg|png|gif)", "[a-z0-9.]+", "#[0-9a-fA-F]{6}", "\\d{1,3}(?:\\.\\d{1,3}){3}", "v\\d+",
];
const REGEX_KNOWN: readonly string[] = [
  "^\\d{5}(?:-\\d{4})?$", "^\\d+\\.\\d+\\.\\d+$", "^#[0-9a-fA-F]{6}$", "^[a-z0-9-]+$", "^[A-Z]{3}$",
  "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", "^\\+?[0-9 ()-]{7,20}$", "^[A-Z]{2}\\d{6}$", "^(?:true|false)$",
  "^[a-z][a-z0-9_]{2,31}$",
];

// Literal letters are always a valid regex; they serve as filler when lengths are imposed.
const regex: FormatGenerator = (rng, ctx) => {
  let s: string;
  if (rng.chance(0.3)) s = rng.pick(REGEX_KNOWN);
  else {
    s = rng.chance(0.7) ? "^" : "";
    const n = rng.int(1, 4);
    for (let k = 0; k < n; k++) s += rng.chance(0.2) ? rng.pick(WORDS) : rng.pick(REGEX_ATOMS);
    if (rng.chance(0.7)) s += "$";
  }
  if (!constrained(ctx) || fits(s, ctx)) return s;
  if (s.length < minOf(ctx)) return s + letters(rng, minOf(ctx) - s.length);
  return letters(rng, maxOf(ctx));
};

// ---------------------------------------------------------------------------------------------
// Opaque strings.

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
const byte: FormatGenerator = (rng, ctx) => {
  const lo = Math.ceil(minOf(ctx) / 4), hi = Math.floor(Math.min(maxOf(ctx), 4096) / 4);
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
  const min = minOf(ctx), max = maxOf(ctx);
  const a = Math.max(lo, min), b = Math.min(hi, max);
  if (a <= b) return rng.int(a, b);
  return max < lo ? Math.max(min, max) : min;
}

const password: FormatGenerator = (rng, ctx) => {
  const n = lengthIn(rng, ctx, 10, 24);
  let s = "";
  // One of each class somewhere (as password policies demand), the rest mostly lowercase.
  const forced = rng.int(0, n - 1);
  for (let k = 0; k < n; k++) {
    const slot = (k - forced + n) % n;
    const cls = slot < 4 ? slot : rng.int(0, 5);
    s += cls === 0 || cls >= 4 ? PW_LOWER[rng.int(0, PW_LOWER.length - 1)]
      : cls === 1 ? PW_UPPER[rng.int(0, PW_UPPER.length - 1)]
      : cls === 2 ? DIGITS[rng.int(0, 9)]
      : PW_SYMBOL[rng.int(0, PW_SYMBOL.length - 1)];
  }
  return s;
};

const binary: FormatGenerator = (rng, ctx) => {
  const n = lengthIn(rng, ctx, 16, 64);
  let s = "";
  while (s.length < n) s += hex32(rng);
  return s.slice(0, n);
};

// ---------------------------------------------------------------------------------------------

export const formatGenerators: Readonly<Record<string, FormatGenerator>> = Object.freeze({
  date,
  "date-time": dateTime(false),
  time: time(false),
  "iso-date-time": dateTime(true),
  "iso-time": time(true),
  duration: retrying(duration),
  email,
  "idn-email": idnEmail,
  hostname,
  "idn-hostname": idnHostname,
  ipv4: retrying(ipv4),
  ipv6: retrying(ipv6),
  uri,
  "uri-reference": uriReference,
  iri,
  "iri-reference": iriReference,
  "uri-template": uriTemplate,
  url,
  uuid: uuidFormat,
  "json-pointer": jsonPointer,
  "json-pointer-uri-fragment": jsonPointerUriFragment,
  "relative-json-pointer": relativeJsonPointer,
  regex,
  byte,
  password,
  binary,
});

/** True for the string formats above (numeric formats such as int32 are not generated here). */
export function isKnownFormat(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(formatGenerators, name);
}
