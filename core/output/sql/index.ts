// SQL output (`--format sql`, docs/sql.md): a table per schema, its rows as INSERTs, for SQLite or PostgreSQL.
export { DEFAULT_SQL_DIALECT, isSqlDialect, SQL_DIALECTS, type SqlDialect } from "./dialect";
export { columnType, sqlColumns, type ColumnKind, type SqlColumn } from "./columns";
export { SqlScript, writableSink, writeSql, type SqlSink } from "./script";
export { singleSchemaTable, defaultPrimaryKey, sqlTableName } from "./single";
export type { SqlForeignKey, SqlTable, SqlTableDefinition } from "./table";
