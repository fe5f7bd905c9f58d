// The script's frame (settings, one transaction) and a CREATE TABLE per table.
import { columnType } from "./columns";
import type { SqlDialect } from "./dialect";
import { quoteIdentifier as q } from "./quote";
import type { SqlTableShape } from "./table";

/**
 * Before the tables. PostgreSQL: UTF-8 text, and standard strings so that a backslash in a literal
 * is a backslash whatever the server's default. Both: one transaction, so a load is all or nothing
 * and is not slowed by a commit per statement.
 */
export function scriptHead(dialect: SqlDialect): string {
  const settings = dialect === "postgres" ? "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n" : "";
  return `-- Written by specmint (${dialect}).\n${settings}BEGIN;\n`;
}

export function scriptTail(): string {
  return "COMMIT;\n";
}

export function createTable(t: SqlTableShape, dialect: SqlDialect): string {
  const lines = t.columns.map((c) => `  ${q(c.name)} ${columnType(c.kind, dialect)}${c.notNull ? " NOT NULL" : ""}`);
  if (t.primaryKey !== undefined) lines.push(`  PRIMARY KEY (${q(t.primaryKey)})`);
  for (const u of t.unique) lines.push(`  UNIQUE (${q(u)})`);
  for (const fk of t.foreignKeys) lines.push(`  FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.table)} (${q(fk.references)})`);
  return `CREATE TABLE ${q(t.name)} (\n${lines.join(",\n")}\n);\n`;
}
