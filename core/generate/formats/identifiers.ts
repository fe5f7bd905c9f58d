// Identifiers and pointers: UUIDs, JSON pointers (absolute, URI fragment, relative) and regexes.
import type { Rng } from "../../base/rng";
import { constrained, fits, maxOf, minOf, type FormatGenerator } from "./context";
import { PATH_WORDS, WORDS, letters } from "./words";

const HEX_CODES: readonly number[] = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const hexAt = (v: number, shift: number) => HEX_CODES[(v >>> shift) & 15];

export function uuid(rng: Rng): string {
  // 128 random bits from four raw draws, then the version 4 nibble and the RFC 4122 variant (10xx).
  const a = rng.next(),
    b = (rng.next() & 0xffff0fff) | 0x4000,
    c = (rng.next() & 0x3fffffff) | 0x80000000,
    d = rng.next();
  // One flat string in one call: concatenating 20 pieces builds a rope that every later read
  // (ajv's format check, JSON output) must flatten first.
  return String.fromCharCode(
    hexAt(a, 28),
    hexAt(a, 24),
    hexAt(a, 20),
    hexAt(a, 16),
    hexAt(a, 12),
    hexAt(a, 8),
    hexAt(a, 4),
    hexAt(a, 0),
    45,
    hexAt(b, 28),
    hexAt(b, 24),
    hexAt(b, 20),
    hexAt(b, 16),
    45,
    hexAt(b, 12),
    hexAt(b, 8),
    hexAt(b, 4),
    hexAt(b, 0),
    45,
    hexAt(c, 28),
    hexAt(c, 24),
    hexAt(c, 20),
    hexAt(c, 16),
    45,
    hexAt(c, 12),
    hexAt(c, 8),
    hexAt(c, 4),
    hexAt(c, 0),
    hexAt(d, 28),
    hexAt(d, 24),
    hexAt(d, 20),
    hexAt(d, 16),
    hexAt(d, 12),
    hexAt(d, 8),
    hexAt(d, 4),
    hexAt(d, 0),
  );
}
export const uuidFormat: FormatGenerator = (rng, ctx) => {
  const u = uuid(rng);
  // ajv also accepts the URN form, the only way to honour lengths of 37–45.
  return minOf(ctx) > 36 ? "urn:uuid:" + u : u;
};

const POINTER_WORDS: readonly string[] = [
  "users",
  "items",
  "address",
  "name",
  "email",
  "tags",
  "orders",
  "properties",
  "definitions",
  "paths",
  "components",
  "schemas",
  "lines",
  "meta",
  "settings",
  "~1users~1{id}",
  "application~1json",
  "a~0b",
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

export const jsonPointer: FormatGenerator = (rng, ctx) => fitPointer(rng, pointerNatural(rng, 4), minOf(ctx), maxOf(ctx));

export const jsonPointerUriFragment: FormatGenerator = (rng, ctx) => {
  let p = "";
  const n = rng.int(0, 4);
  for (let k = 0; k < n; k++) p += "/" + (rng.chance(0.3) ? String(rng.int(0, 20)) : rng.pick(PATH_WORDS));
  return "#" + fitPointer(rng, p, Math.max(0, minOf(ctx) - 1), Math.max(0, maxOf(ctx) - 1));
};

export const relativeJsonPointer: FormatGenerator = (rng, ctx) => {
  let up = String(rng.int(0, rng.chance(0.8) ? 3 : 12));
  if (up.length > maxOf(ctx)) up = up[0];
  if (rng.chance(0.15) && fits(up + "#", ctx)) return up + "#";
  return up + fitPointer(rng, pointerNatural(rng, 3), Math.max(0, minOf(ctx) - up.length), Math.max(0, maxOf(ctx) - up.length));
};

const REGEX_ATOMS: readonly string[] = [
  "[a-z]+",
  "[A-Z][a-z]*",
  "\\d+",
  "\\d{3}",
  "\\d{2,4}",
  "[0-9a-f]{8}",
  "[A-Za-z0-9_-]{3,16}",
  "\\w+",
  "\\s*",
  "(?:-\\d{4})?",
  "[A-Z]{2}",
  "\\.[a-z]{2,6}",
  "@",
  "-",
  "_",
  "(?:foo|bar|baz)",
  "(?:https?://)?",
  "[^\\s]+",
  ".*",
  "(?:jpg|png|gif)",
  "[a-z0-9.]+",
  "#[0-9a-fA-F]{6}",
  "\\d{1,3}(?:\\.\\d{1,3}){3}",
  "v\\d+",
];
const REGEX_KNOWN: readonly string[] = [
  "^\\d{5}(?:-\\d{4})?$",
  "^\\d+\\.\\d+\\.\\d+$",
  "^#[0-9a-fA-F]{6}$",
  "^[a-z0-9-]+$",
  "^[A-Z]{3}$",
  "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$",
  "^\\+?[0-9 ()-]{7,20}$",
  "^[A-Z]{2}\\d{6}$",
  "^(?:true|false)$",
  "^[a-z][a-z0-9_]{2,31}$",
];

// Literal letters are always a valid regex; they serve as filler when lengths are imposed.
export const regex: FormatGenerator = (rng, ctx) => {
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
