// A set as the tables of one SQL script (`--format sql` writes DIR/dataset.sql for the whole set):
// a table per entity, parents first, its primary key the entity's key, a foreign key for each x-ref
// of a top-level field to a top-level field. The shape is core/output/sql's SqlTable (helper "sql").
import type { LoadedSchema } from "../schema/load";
import type { SetGenerator } from "./generate";

export interface SetSqlTable {
  name: string;
  loaded: LoadedSchema;
  primaryKey?: string;
  foreignKeys: { column: string; table: string; references: string }[];
  count: number;
  record(index: number): unknown;
}

export function setSqlTables(gen: SetGenerator): SetSqlTable[] {
  return gen.entities.map((e) => ({
    name: e.plan.spec.name,
    loaded: e.plan.loaded,
    ...(e.plan.key !== undefined ? { primaryKey: e.plan.key } : {}),
    foreignKeys: e.plan.refs
      .filter((r) => r.target && r.target.field.length === 1 && r.steps.length === 1 && r.steps[0].kind === "name")
      .map((r) => ({ column: r.path, table: r.target!.entity, references: r.target!.field[0] })),
    count: e.count,
    record: (i: number) => e.record(i),
  }));
}
