// The columns of a table, from its schema's top-level properties (the root's own, its $ref and
// allOf's, and, never NOT NULL, those of its anyOf/oneOf/if branches). A property whose values are
// all one scalar type gets a column of that type; anything else (objects, arrays, a mix of types,
// no type at all) is one JSON column holding the value's JSON text. A root that is not always an
// object is one JSON column, `value`.
import { SpecMintError } from "../../base/errors";
import { DEFAULT_OPTIONAL_PROBABILITY } from "../../../common/settings";
import { FactsBuilder, type Facts, type JsonType } from "../../schema/facts";
import type { LoadedSchema, Schema } from "../../schema/load";
import type { SqlDialect } from "./dialect";
import { assertIdentifier, identifierKey } from "./quote";

/** What a column holds, whatever the dialect calls it (columnType). */
export type ColumnKind = "text" | "date" | "timestamp" | "integer" | "bigNumber" | "double" | "decimal" | "boolean" | "json";

export interface SqlColumn {
  /** The property name (the column's name as given; quoted when written). */
  name: string;
  kind: ColumnKind;
  notNull: boolean;
}

/** The column of a root that is not always an object. */
export const VALUE_COLUMN = "value";

/** The largest magnitude a BIGINT holds (2^63 − 1, rounded down to a double below it). */
const BIGINT_LIMIT = 9_223_372_036_854_775_000;

const TYPES: Record<ColumnKind, Record<SqlDialect, string>> = {
  text: { sqlite: "TEXT", postgres: "TEXT" },
  date: { sqlite: "TEXT", postgres: "DATE" },
  timestamp: { sqlite: "TEXT", postgres: "TIMESTAMPTZ" },
  integer: { sqlite: "INTEGER", postgres: "BIGINT" },
  bigNumber: { sqlite: "NUMERIC", postgres: "NUMERIC" },
  double: { sqlite: "REAL", postgres: "DOUBLE PRECISION" },
  decimal: { sqlite: "NUMERIC", postgres: "NUMERIC" },
  boolean: { sqlite: "INTEGER", postgres: "BOOLEAN" },
  json: { sqlite: "TEXT", postgres: "JSONB" },
};

export function columnType(kind: ColumnKind, dialect: SqlDialect): string {
  return TYPES[kind][dialect];
}

function typeOfValue(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

/** The types values of these facts can have; null when anything goes. */
function possibleTypes(f: Facts): Set<JsonType> | null {
  let types = f.types ? new Set(f.types) : null;
  if (f.enumValues) {
    const of = new Set(f.enumValues.map(typeOfValue));
    if (of.has("integer")) of.add("number");
    types = types ? new Set([...types].filter((t) => of.has(t))) : of;
  }
  return types;
}

/** The kind of a column holding values of these facts, and whether null is one of them. */
function kindOf(f: Facts): { kind: ColumnKind; nullable: boolean } {
  const types = possibleTypes(f);
  if (types === null) return { kind: "json", nullable: true };
  const nullable = types.has("null");
  types.delete("null");
  const only = (...ts: JsonType[]) => types.size === ts.length && ts.every((t) => types.has(t));
  const inRange = (v: number | undefined) => v !== undefined && Math.abs(v) <= BIGINT_LIMIT;
  const bounded = (f.lower === undefined || inRange(f.lower.value)) && (f.upper === undefined || inRange(f.upper.value));
  const enumsInRange = !f.enumValues || f.enumValues.every((v) => typeof v !== "number" || inRange(v));
  let kind: ColumnKind = "json";
  if (only("string")) kind = f.format === "date-time" ? "timestamp" : f.format === "date" ? "date" : "text";
  else if (only("boolean")) kind = "boolean";
  else if (only("integer")) kind = bounded && enumsInRange ? "integer" : "bigNumber";
  else if (only("integer", "number")) kind = f.multipleOfs.length > 0 ? "decimal" : "double";
  return { kind, nullable };
}

function isObjectRoot(f: Facts): boolean {
  const types = possibleTypes(f);
  if (types) return types.size === 1 && types.has("object");
  // No type: an object when only object keywords speak (the generator makes objects then).
  return f.mentioned.size === 1 && f.mentioned.has("object");
}

/**
 * The columns of a table for records of `loaded`, in the order the schema lists its properties
 * (`wholeRecord`: the one column `value` holds each record whole).
 * Two names the dialect would take for one (SQLite ignores ASCII case; PostgreSQL cuts at 63 bytes)
 * are refused with both names.
 */
export function sqlColumns(loaded: LoadedSchema, dialect: SqlDialect): { columns: SqlColumn[]; wholeRecord: boolean } {
  const builder = new FactsBuilder(loaded, loaded.draft, DEFAULT_OPTIONAL_PROBABILITY);
  const root = builder.build([loaded.main.root], new Set());
  if (!isObjectRoot(root)) return { columns: [{ name: VALUE_COLUMN, kind: "json", notNull: false }], wholeRecord: true };

  // Each property: the schemas that apply to it where it is declared (the root, or one branch),
  // each place giving a kind; a property whose places disagree is JSON.
  const places = new Map<string, { kinds: Set<ColumnKind>; nullable: boolean; notNull: boolean }>();
  const add = (f: Facts, inBranch: boolean) => {
    const names = [...f.properties.keys(), ...f.required, ...[...f.dependentRequired.values()].flat()];
    for (const name of names) {
      const schemas: Schema[] = [...(f.properties.get(name) ?? []), ...(inBranch ? (root.properties.get(name) ?? []) : [])];
      const facts = schemas.length ? builder.build(schemas, new Set()) : undefined;
      // A branch that forbids the property (dependentSchemas' "absent" side) says nothing of its values.
      if (facts?.never) continue;
      const k = facts ? kindOf(facts) : { kind: "json" as const, nullable: true };
      let p = places.get(name);
      if (!p) places.set(name, (p = { kinds: new Set(), nullable: false, notNull: false }));
      p.kinds.add(k.kind);
      p.nullable ||= k.nullable;
      if (!inBranch && root.required.has(name)) p.notNull = true;
    }
  };
  add(root, false);
  const branches: Schema[] = [
    ...root.anyOf.flatMap((a) => a.branches),
    ...root.oneOf.flatMap((o) => o.branches),
    ...root.conditionals.flatMap((c) => [...c.yes, ...c.no]),
  ];
  for (const b of branches) {
    const f = builder.build([b], new Set());
    if (!f.never) add(f, true);
  }

  const columns: SqlColumn[] = [];
  const seen = new Map<string, string>();
  for (const [name, p] of places) {
    assertIdentifier(name, `property`, dialect);
    const key = identifierKey(name, dialect);
    const other = seen.get(key);
    if (other !== undefined)
      throw new SpecMintError(
        "schema",
        `properties ${JSON.stringify(other)} and ${JSON.stringify(name)} would be one column in ${dialect} (${dialect === "sqlite" ? "SQLite ignores the case of names" : "PostgreSQL cuts names at 63 bytes"}); rename one to write SQL`,
        loaded.locate(""),
      );
    seen.set(key, name);
    const kind = p.kinds.size === 1 ? [...p.kinds][0] : "json";
    columns.push({ name, kind, notNull: p.notNull && !p.nullable });
  }
  return { columns, wholeRecord: false };
}
