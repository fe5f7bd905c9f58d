// Multi-row INSERTs: rows are gathered into one statement of up to 500 rows (or about 1 MiB of
// text, whichever comes first), which loads many times faster than a statement per row and keeps
// each statement small enough for any client.
import { SpecMintError } from "../../base/errors";
import type { SqlColumn } from "./columns";
import type { SqlDialect } from "./dialect";
import { jsonText, quoteIdentifier, stringLiteral } from "./quote";
import type { SqlTableShape } from "./table";

export const INSERT_BATCH_ROWS = 500;
const INSERT_BATCH_CHARS = 1 << 20;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One value as a literal of its column (NULL when absent). */
function literal(v: unknown, c: SqlColumn, dialect: SqlDialect, index: number, table: string): string {
  if (v === undefined || v === null) {
    if (c.notNull) throw new SpecMintError("schema", `record ${index} of ${table} has no value for ${c.name}, which its schema requires`);
    return "NULL";
  }
  const wrong = () =>
    new SpecMintError(
      "schema",
      `record ${index} of ${table}: ${c.name} is ${JSON.stringify(v).slice(0, 80)}, not a value of its ${c.kind} column`,
    );
  switch (c.kind) {
    case "text":
    case "date":
    case "timestamp":
      if (typeof v !== "string") throw wrong();
      return stringLiteral(v, dialect);
    case "integer":
    case "bigNumber":
    case "double":
    case "decimal":
      // The record's own JSON text of the number: NUMERIC keeps exactly the decimal dataset.jsonl has.
      if (typeof v !== "number") throw wrong();
      return JSON.stringify(v);
    case "boolean":
      if (typeof v !== "boolean") throw wrong();
      return dialect === "postgres" ? (v ? "TRUE" : "FALSE") : v ? "1" : "0";
    case "json":
      return stringLiteral(jsonText(v, dialect), dialect);
  }
}

export class InsertBatcher {
  private readonly head: string;
  private rows: string[] = [];
  private chars = 0;

  constructor(
    private readonly table: SqlTableShape,
    private readonly dialect: SqlDialect,
  ) {
    this.head = `INSERT INTO ${quoteIdentifier(table.name)} (${table.columns.map((c) => quoteIdentifier(c.name)).join(", ")}) VALUES\n`;
  }

  /** Adds record `index`; returns a complete statement when the batch is full, else "". */
  add(record: unknown, index: number): string {
    const row = this.row(record, index);
    this.rows.push(row);
    this.chars += row.length;
    return this.rows.length >= INSERT_BATCH_ROWS || this.chars >= INSERT_BATCH_CHARS ? this.flush() : "";
  }

  /** The rows gathered so far as one statement ("" when there are none). */
  flush(): string {
    if (this.rows.length === 0) return "";
    const statement = `${this.head}${this.rows.join(",\n")};\n`;
    this.rows = [];
    this.chars = 0;
    return statement;
  }

  private row(record: unknown, index: number): string {
    const { columns, name } = this.table;
    if (this.table.wholeRecord) return `(${literal(record, columns[0], this.dialect, index, name)})`;
    if (!isPlainObject(record))
      throw new SpecMintError("schema", `record ${index} of ${name} is not an object, and its table has a column per property`);
    let present = 0;
    const cells = columns.map((c) => {
      const has = Object.hasOwn(record, c.name);
      if (has) present++;
      return literal(has ? record[c.name] : undefined, c, this.dialect, index, name);
    });
    if (present !== Object.keys(record).length) {
      const extra = Object.keys(record).find((k) => !columns.some((c) => c.name === k));
      throw new SpecMintError(
        "schema",
        `record ${index} of ${name} has property ${JSON.stringify(extra)}, which its schema does not declare at the top level (no column holds it)`,
      );
    }
    return `(${cells.join(", ")})`;
  }
}
