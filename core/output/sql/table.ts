// A table as writeSql takes it (a name, its schema, its key and references, its records), and
// its checked shape: columns from the schema, the primary key, the columns other tables refer
// to (UNIQUE, since a foreign key must point at a key), and the foreign keys.
import { SpecMintError } from "../../base/errors";
import type { LoadedSchema } from "../../schema/load";
import { sqlColumns, columnType, type SqlColumn } from "./columns";
import type { SqlDialect } from "./dialect";
import { assertIdentifier, identifierKey } from "./quote";

/** A foreign key of a top-level column: `column` holds values of `references` in `table`. */
export interface SqlForeignKey {
  column: string;
  table: string;
  references: string;
}

/** The definition of a table: its records are the caller's (SqlTable). */
export interface SqlTableDefinition {
  /** The table's name, as given (quoted when written: `user` and `order` work). */
  name: string;
  /** Its schema: columns come from its top-level properties. */
  loaded: LoadedSchema;
  /** A top-level property name. */
  primaryKey?: string;
  foreignKeys: readonly SqlForeignKey[];
}

export interface SqlTable extends SqlTableDefinition {
  count: number;
  /** Record `index`, from 1. */
  record(index: number): unknown;
}

export interface SqlTableShape {
  name: string;
  columns: SqlColumn[];
  /** One column, `value`, holding each record whole (a root that is not always an object). */
  wholeRecord: boolean;
  primaryKey?: string;
  /** Columns other tables' foreign keys point at that are not the primary key. */
  unique: string[];
  foreignKeys: readonly SqlForeignKey[];
}

/**
 * The shapes of `tables`, checked: names the dialect can take and that do not collide, keys that
 * are columns, and foreign keys that point at an earlier table's column of the same SQL type
 * (tables come parents first).
 */
export function tableShapes(tables: readonly SqlTableDefinition[], dialect: SqlDialect): SqlTableShape[] {
  const shapes: SqlTableShape[] = [];
  const byName = new Map<string, SqlTableShape>();
  const fail = (t: SqlTableDefinition, message: string) =>
    new SpecMintError("schema", `table ${JSON.stringify(t.name)}: ${message}`, t.loaded.locate(""));
  for (const t of tables) {
    assertIdentifier(t.name, "table name", dialect);
    const key = identifierKey(t.name, dialect);
    const twin = shapes.find((s) => identifierKey(s.name, dialect) === key);
    if (twin) throw fail(t, `it would be the same table as ${JSON.stringify(twin.name)} in ${dialect}`);
    const { columns, wholeRecord } = sqlColumns(t.loaded, dialect);
    const column = (name: string) => columns.find((c) => c.name === name);
    if (t.primaryKey !== undefined) {
      const pk = column(t.primaryKey);
      if (!pk) throw fail(t, `its key ${JSON.stringify(t.primaryKey)} is not a top-level property of its schema`);
      if (!pk.notNull) throw fail(t, `its key ${JSON.stringify(t.primaryKey)} can be absent or null (make it required and not nullable)`);
    }
    for (const fk of t.foreignKeys) {
      const own = column(fk.column);
      if (!own) throw fail(t, `its reference ${fk.column} is not a top-level property of its schema`);
      const parent = byName.get(fk.table);
      if (!parent) throw fail(t, `${fk.column} refers to table ${JSON.stringify(fk.table)}, which is not written before it`);
      const target = parent.columns.find((c) => c.name === fk.references);
      if (!target) throw fail(t, `${fk.column} refers to ${fk.table}.${fk.references}, which is not a top-level property of ${fk.table}`);
      const [mine, theirs] = [columnType(own.kind, dialect), columnType(target.kind, dialect)];
      if (mine !== theirs || own.kind !== target.kind)
        throw fail(
          t,
          `${fk.column} (${mine}) refers to ${fk.table}.${fk.references} (${theirs}): a foreign key needs the same type at both ends`,
        );
      if (parent.primaryKey !== fk.references && !parent.unique.includes(fk.references)) parent.unique.push(fk.references);
    }
    const shape: SqlTableShape = { name: t.name, columns, wholeRecord, primaryKey: t.primaryKey, unique: [], foreignKeys: t.foreignKeys };
    shapes.push(shape);
    byName.set(t.name, shape);
  }
  return shapes;
}
