// A set file (`shop.toml`): several entities, each a schema with a count or a number of children per
// parent, generated as one consistent world. This file reads and checks the TOML; what the entities'
// schemas say of each other (x-ref, keys, order) is core/set/plan.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { SpecMintError, type SourceLocation } from "../base/errors";
import { closestName } from "../analyze/suggest";

/** Children per parent: `per = { parent = "customers", min = 0, max = 5 }`. */
export interface PerParent {
  parent: string;
  min: number;
  max: number;
}

export interface EntitySpec {
  name: string;
  /** Absolute path of the entity's schema (written relative to the set file). */
  schema: string;
  /** Records of a root entity (`count`); undefined for a child counted `per` parent. */
  count?: number;
  per?: PerParent;
  /** The primary key field (`key = "id"`); else the entity's first top-level x-unique field. */
  key?: string;
  /** Where the entity's `[[entity]]` table is, for errors. */
  location: SourceLocation;
  /** Where each of the entity's keys is written (`name`, `schema`, `count`, `per`, `key`). */
  at: Partial<Record<"name" | "schema" | "count" | "per" | "key", SourceLocation>>;
}

export interface SetSpec {
  /** Absolute path of the set file. */
  file: string;
  entities: EntitySpec[];
  /**
   * The generate settings the set file carries (`seed`, `format`, `locale`…), by their flag names,
   * with paths made absolute (relative to the set file); the CLI ranks them below flags, above
   * specmint.toml.
   */
  settings: Map<string, unknown>;
}

/** Keys of an `[[entity]]` table. */
export const ENTITY_KEYS = ["name", "schema", "count", "per", "key"] as const;

/** Generate settings a set file may carry: specmint.toml's keys without the per-schema ones. */
export const SET_SETTING_KEYS = [
  "seed",
  "format",
  "formats",
  "sql-dialect",
  "locale",
  "reference-date",
  "draft",
  "schema-dir",
  "refs",
  "out",
  "force",
  "limits",
] as const;

const SET_PATH_KEYS = new Set(["out"]);

/** An entity name: also a folder name, a table name and the first word of an x-ref. */
const ENTITY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

interface KeyPositions {
  header: SourceLocation;
  keys: Map<string, SourceLocation>;
}

/**
 * Line:column of the n-th `[[entity]]` header and of its keys, and of the top-level keys before the
 * first table, found in the text (smol-toml keeps no positions).
 */
function keyPositions(text: string, file: string): { top: Map<string, SourceLocation>; entities: KeyPositions[] } {
  const lines = text.split(/\r?\n/);
  const out: KeyPositions[] = [];
  const top: KeyPositions = { header: { file, line: 1, column: 1 }, keys: new Map() };
  let current: KeyPositions | undefined = top;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (/^\s*\[\[\s*entity\s*\]\]/.test(line)) {
      current = { header: { file, line: n + 1, column: line.indexOf("[") + 1 }, keys: new Map() };
      out.push(current);
      continue;
    }
    if (/^\s*\[/.test(line)) {
      current = undefined;
      continue;
    }
    const m = /^(\s*)([A-Za-z0-9_-]+)\s*=/.exec(line);
    if (m && current && !current.keys.has(m[2])) current.keys.set(m[2], { file, line: n + 1, column: m[1].length + 1 });
  }
  return { top: top.keys, entities: out };
}

function fail(message: string, location: SourceLocation): never {
  throw new SpecMintError("schema", message, location);
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function wholeNumber(v: unknown, min: number, what: string, at: SourceLocation): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min)
    fail(`${what} must be ${min === 0 ? "a non-negative" : "a positive"} integer, got ${JSON.stringify(v)}`, at);
  return v;
}

/** Reads a set file's text; throws SpecMintError("schema") (exit 2) at the place of the first problem. */
export function parseSetFile(text: string, file: string): SetSpec {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (e) {
    if (e instanceof TomlError)
      fail(`${file} ${e.line}:${e.column}: not valid TOML: ${e.message.split("\n")[0]}`, { file, line: e.line, column: e.column });
    throw e;
  }
  const dir = path.dirname(file);
  const positions = keyPositions(text, file);
  const settings = new Map<string, unknown>();
  for (const [rawKey, value] of Object.entries(doc)) {
    if (rawKey === "entity") continue;
    const key = rawKey.replace(/_/g, "-");
    if (!(SET_SETTING_KEYS as readonly string[]).includes(key)) {
      const guess = closestName(key, [...SET_SETTING_KEYS, "entity"]);
      fail(
        `unknown key '${rawKey}' in set file ${file}${guess ? ` (did you mean '${guess}'?)` : ""}; a set file holds [[entity]] tables and the settings ${SET_SETTING_KEYS.join(", ")}`,
        positions.top.get(rawKey) ?? { file },
      );
    }
    const here = (v: unknown) => (typeof v === "string" ? path.resolve(dir, v) : v);
    if (key === "schema-dir") settings.set(key, Array.isArray(value) ? value.map(here) : here(value));
    else if (key === "refs" && isTable(value))
      settings.set(key, Object.fromEntries(Object.entries(value).map(([prefix, folder]) => [prefix, here(folder)])));
    else settings.set(key === "formats" ? "format" : key, SET_PATH_KEYS.has(key) ? here(value) : value);
  }

  const raw = doc.entity;
  if (!Array.isArray(raw) || raw.length === 0)
    fail(`set file ${file} has no entities: add an [[entity]] table with name, schema and count`, { file, line: 1, column: 1 });
  const entities: EntitySpec[] = [];
  const names = new Set<string>();
  raw.forEach((table, n) => {
    const pos = positions.entities[n] ?? { header: { file }, keys: new Map<string, SourceLocation>() };
    const at = (k: string) => pos.keys.get(k) ?? pos.header;
    if (!isTable(table)) fail(`entity ${n + 1} of ${file} is not a table`, pos.header);
    for (const k of Object.keys(table)) {
      if (!(ENTITY_KEYS as readonly string[]).includes(k)) {
        const guess = closestName(k, ENTITY_KEYS);
        fail(
          `unknown key '${k}' in [[entity]]${guess ? ` (did you mean '${guess}'?)` : ""}; an entity has ${ENTITY_KEYS.join(", ")}`,
          at(k),
        );
      }
    }
    const name = table.name;
    if (typeof name !== "string" || !ENTITY_NAME.test(name))
      fail(
        `entity ${n + 1} needs a name of letters, digits, _ and - (starting with a letter or _), got ${JSON.stringify(name)}`,
        at("name"),
      );
    if (names.has(name)) fail(`two entities are named "${name}"; each entity needs its own name`, at("name"));
    names.add(name);
    if (typeof table.schema !== "string" || table.schema === "")
      fail(`entity "${name}" needs schema = "path/to/schema.json" (relative to the set file)`, at("schema"));
    const spec: EntitySpec = {
      name,
      schema: path.resolve(dir, table.schema),
      location: pos.header,
      at: Object.fromEntries(ENTITY_KEYS.filter((k) => pos.keys.has(k)).map((k) => [k, pos.keys.get(k)!])),
    };
    if (table.count !== undefined && table.per !== undefined)
      fail(`entity "${name}" has both count and per: a root entity has a count, a child a number per parent`, at("per"));
    if (table.count !== undefined) spec.count = wholeNumber(table.count, 1, `count of entity "${name}"`, at("count"));
    else if (table.per !== undefined) {
      const per = table.per;
      if (!isTable(per) || typeof per.parent !== "string")
        fail(`per of entity "${name}" must be { parent = "entity", min = 0, max = 5 }`, at("per"));
      for (const k of Object.keys(per))
        if (k !== "parent" && k !== "min" && k !== "max")
          fail(`unknown key '${k}' in per of entity "${name}"; per has parent, min and max`, at("per"));
      const min = per.min === undefined ? 0 : wholeNumber(per.min, 0, `per.min of entity "${name}"`, at("per"));
      const max = wholeNumber(per.max, 0, `per.max of entity "${name}"`, at("per"));
      if (min > max)
        fail(`per.min ${min} of entity "${name}" is above per.max ${max}: no number of children per parent can meet both`, at("per"));
      if (max === 0) fail(`per.max of entity "${name}" is 0: the entity would have no records`, at("per"));
      spec.per = { parent: per.parent, min, max };
    } else fail(`entity "${name}" needs count = N (a root entity) or per = { parent = "…", min = 0, max = 5 } (a child)`, pos.header);
    if (table.key !== undefined) {
      if (typeof table.key !== "string" || table.key === "")
        fail(`key of entity "${name}" must be a field name, like key = "id"`, at("key"));
      spec.key = table.key;
    }
    entities.push(spec);
  });
  return { file, entities, settings };
}

/** Reads and checks a set file from disk (SpecMintError "io", exit 6, when it cannot be read). */
export function readSetFile(file: string): SetSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecMintError("io", `cannot read set file ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`, { file });
  }
  return parseSetFile(text, file);
}
