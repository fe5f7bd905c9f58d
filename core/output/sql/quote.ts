// Identifiers and literals per dialect. Both dialects quote identifiers with double quotes (a
// double quote inside doubled), so `user`, `order` and names with spaces or dots are columns like
// any other. String literals use single quotes (doubled inside) and no backslash escapes; the
// PostgreSQL script sets standard_conforming_strings so that a backslash is always a backslash.
//
// What no literal can carry:
//   - U+0000: SQLite stores it (written as CAST(X'…' AS TEXT), which keeps every byte); PostgreSQL
//     cannot store it in text or jsonb at all, so there it becomes U+FFFD.
//   - CR: the sqlite3 shell reads its input by lines and drops a CR before an LF, even inside a
//     literal; a SQLite string with a CR is written as CAST(X'…' AS TEXT) too. (psql keeps it.)
//   - Lone UTF-16 surrogates (a JavaScript string can hold one, UTF-8 cannot): U+FFFD in both, as
//     any UTF-8 encoder would write them. JSON text keeps its `\udXXX` escape in SQLite (it is only
//     text there); jsonb rejects one, so PostgreSQL gets U+FFFD inside the JSON too.
import { SpecMintError } from "../../base/errors";
import type { SqlDialect } from "./dialect";

/** PostgreSQL truncates longer identifiers (NAMEDATALEN − 1 bytes). */
export const POSTGRES_IDENTIFIER_BYTES = 63;
const REPLACEMENT = "\uFFFD";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- finding U+0000 is this pattern's job
const NEEDS_CARE = /[\u0000\uD800-\uDFFF]/;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Why `name` cannot be an identifier of `dialect` (undefined: it can). Neither dialect takes U+0000
 * in a name; PostgreSQL takes no empty name.
 */
export function identifierProblem(name: string, dialect: SqlDialect): string | undefined {
  if (name.includes("\u0000")) return "it contains U+0000";
  if (dialect === "postgres" && name === "") return "PostgreSQL takes no empty identifier";
  return undefined;
}

/**
 * The name the database will know `name` by, for finding two names that collide: SQLite compares
 * identifiers without regard to ASCII case; PostgreSQL keeps case but cuts a name at 63 bytes.
 */
export function identifierKey(name: string, dialect: SqlDialect): string {
  if (dialect === "sqlite") return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const bytes = Buffer.from(name, "utf8");
  if (bytes.length <= POSTGRES_IDENTIFIER_BYTES) return name;
  // PostgreSQL cuts at a character boundary.
  let end = POSTGRES_IDENTIFIER_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/** A JavaScript string as the dialect can store it (see the head of this file). */
function storable(s: string, dialect: SqlDialect): string {
  if (!NEEDS_CARE.test(s)) return s;
  const whole = s.replace(LONE_SURROGATE, REPLACEMENT);
  return dialect === "postgres" ? whole.replaceAll("\u0000", REPLACEMENT) : whole;
}

export function stringLiteral(s: string, dialect: SqlDialect): string {
  const text = storable(s, dialect);
  if (dialect === "sqlite" && (text.includes("\u0000") || text.includes("\r")))
    return `CAST(X'${Buffer.from(text, "utf8").toString("hex")}' AS TEXT)`;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The JSON text of a value, as the dialect's JSON column takes it: exactly JSON.stringify's text,
 * except that for jsonb a `\u0000` or a lone surrogate becomes U+FFFD.
 */
export function jsonText(value: unknown, dialect: SqlDialect): string {
  const text = JSON.stringify(value);
  // Cheap test first: only a text with such an escape (or an escaped backslash before "u") is looked at again.
  if (dialect === "sqlite" || !/\\u(?:0000|d[89a-f])/i.test(text)) return text;
  return JSON.stringify(storableJson(value, dialect));
}

/** A copy of a JSON value whose strings (property names too) are storable. */
function storableJson(v: unknown, dialect: SqlDialect): unknown {
  if (typeof v === "string") return storable(v, dialect);
  if (Array.isArray(v)) return v.map((x) => storableJson(x, dialect));
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k, dialect), storableJson(x, dialect)]));
  return v;
}

export function assertIdentifier(name: string, what: string, dialect: SqlDialect): void {
  const problem = identifierProblem(name, dialect);
  if (problem) throw new SpecMintError("schema", `${what} ${JSON.stringify(name)} cannot be a ${dialect} identifier: ${problem}`);
}
