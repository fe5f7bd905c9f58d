// One schema, one table (`specmint generate --format sql`): named after the schema file, keyed by
// its first top-level `x-unique` property, with no foreign keys.
import { UNIQUE_KEYWORD } from "../../generate/unique";
import type { LoadedSchema } from "../../schema/load";
import { findSites } from "../../schema/sites";
import { sqlColumns } from "./columns";
import type { SqlDialect } from "./dialect";
import type { SqlTableDefinition } from "./table";

/**
 * The table name of a single schema: its file's name up to the first dot (user-profile.schema.json:
 * user-profile, as the default output folder), else its `title`, lower-cased, with every run of
 * characters other than a-z, 0-9 and _ made one `_` (user_profile); "records" when nothing is left.
 */
export function sqlTableName(loaded: LoadedSchema): string {
  const file = loaded.main.file?.split(/[\\/]/).pop()?.replace(/^\.+/, "").split(".")[0];
  const title = loaded.main.root && typeof loaded.main.root === "object" ? loaded.main.root.title : undefined;
  const source = file || (typeof title === "string" ? title : "");
  const name = source
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return name === "" ? "records" : /^[0-9]/.test(name) ? `t_${name}` : name;
}

/**
 * The first top-level property marked `x-unique` (outside any anyOf/oneOf/if branch) that every
 * record has, non-null: a primary key cannot hold NULL. undefined when there is none.
 */
export function defaultPrimaryKey(loaded: LoadedSchema, dialect: SqlDialect): string | undefined {
  const { columns, wholeRecord } = sqlColumns(loaded, dialect);
  if (wholeRecord) return undefined;
  for (const site of findSites(loaded, (s) => s[UNIQUE_KEYWORD] === true)) {
    const [step] = site.steps;
    if (site.steps.length !== 1 || step.kind !== "name" || site.guards.length > 0) continue;
    if (columns.some((c) => c.name === step.name && c.notNull)) return step.name;
  }
  return undefined;
}

export function singleSchemaTable(loaded: LoadedSchema, dialect: SqlDialect): SqlTableDefinition {
  return { name: sqlTableName(loaded), loaded, primaryKey: defaultPrimaryKey(loaded, dialect), foreignKeys: [] };
}
