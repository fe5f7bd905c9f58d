// The SQL dialects `--format sql` writes: SQLite (the default) and PostgreSQL.
export type SqlDialect = "sqlite" | "postgres";
export const SQL_DIALECTS: readonly SqlDialect[] = ["sqlite", "postgres"];
export const DEFAULT_SQL_DIALECT: SqlDialect = "sqlite";

export function isSqlDialect(v: unknown): v is SqlDialect {
  return (SQL_DIALECTS as readonly unknown[]).includes(v);
}
