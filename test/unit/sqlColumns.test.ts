// The table a schema becomes (core/output/sql): columns and their types per dialect, NOT NULL, the
// primary key and the table name; identifiers and literals that must survive any value. The real
// databases load these scripts in test/cli/sql.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema";
import { columnType, defaultPrimaryKey, sqlColumns, sqlTableName, type SqlDialect } from "../../core/output/sql";
import { jsonText, quoteIdentifier, stringLiteral } from "../../core/output/sql/quote";
import { SqlScript } from "../../core/output/sql/script";

/** A schema in memory: at a made-up path, or (null) at none. */
const load = (schema: unknown, file: string | null = "/tmp/things.schema.json") =>
  loadSchemaText(JSON.stringify(schema), file ?? undefined);

/** name → "TYPE" or "TYPE NOT NULL", as the dialect writes it. */
function columnsOf(schema: unknown, dialect: SqlDialect): Record<string, string> {
  const { columns } = sqlColumns(load(schema), dialect);
  return Object.fromEntries(columns.map((c) => [c.name, `${columnType(c.kind, dialect)}${c.notNull ? " NOT NULL" : ""}`]));
}

const THING = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $ref: "#/$defs/thing",
  $defs: {
    thing: {
      type: "object",
      required: ["id", "kind", "undeclared"],
      allOf: [{ properties: { from_all_of: { type: "string", format: "date" } }, required: ["from_all_of"] }],
      properties: {
        id: { type: "integer", minimum: 1, "x-unique": true },
        kind: { enum: ["a", "b"] },
        flag: { type: "boolean" },
        price: { type: "number", minimum: 0, maximum: 100, multipleOf: 0.01 },
        ratio: { type: "number" },
        when: { type: "string", format: "date-time" },
        maybe: { type: ["string", "null"] },
        mixed: { type: ["string", "integer"] },
        huge: { type: "integer", minimum: 0, maximum: 1e20 },
        nested: { type: "object", properties: { x: { type: "integer" } } },
        list: { type: "array", items: { type: "string" } },
        anything: {},
      },
      oneOf: [
        { properties: { kind: { const: "a" }, a_only: { type: "boolean" } }, required: ["a_only"] },
        { properties: { kind: { const: "b" }, b_only: { type: "integer" } } },
      ],
    },
  },
};

test("columns per dialect: scalars typed, nested values and mixed types as JSON, branches' properties never NOT NULL", () => {
  assert.deepEqual(columnsOf(THING, "postgres"), {
    id: "BIGINT NOT NULL",
    kind: "TEXT NOT NULL",
    flag: "BOOLEAN",
    price: "NUMERIC",
    ratio: "DOUBLE PRECISION",
    when: "TIMESTAMPTZ",
    maybe: "TEXT",
    mixed: "JSONB",
    huge: "NUMERIC",
    nested: "JSONB",
    list: "JSONB",
    anything: "JSONB",
    from_all_of: "DATE NOT NULL",
    undeclared: "JSONB",
    a_only: "BOOLEAN",
    b_only: "BIGINT",
  });
  assert.deepEqual(columnsOf(THING, "sqlite"), {
    id: "INTEGER NOT NULL",
    kind: "TEXT NOT NULL",
    flag: "INTEGER",
    price: "NUMERIC",
    ratio: "REAL",
    when: "TEXT",
    maybe: "TEXT",
    mixed: "TEXT",
    huge: "NUMERIC",
    nested: "TEXT",
    list: "TEXT",
    anything: "TEXT",
    from_all_of: "TEXT NOT NULL",
    undeclared: "TEXT",
    a_only: "INTEGER",
    b_only: "INTEGER",
  });
});

test("a root that is not always an object is one JSON column, value", () => {
  const { columns, wholeRecord } = sqlColumns(load({ type: "array", items: { type: "integer" } }), "postgres");
  assert.equal(wholeRecord, true);
  assert.deepEqual(
    columns.map((c) => [c.name, c.kind]),
    [["value", "json"]],
  );
});

test("names the database would take for one column are refused, naming both", () => {
  const schema = { type: "object", properties: { Name: { type: "string" }, name: { type: "string" } } };
  assert.throws(() => sqlColumns(load(schema), "sqlite"), /properties "Name" and "name" would be one column in sqlite/);
  assert.doesNotThrow(() => sqlColumns(load(schema), "postgres"));
  const long = "x".repeat(63);
  const cut = { type: "object", properties: { [`${long}a`]: { type: "string" }, [`${long}b`]: { type: "string" } } };
  assert.throws(() => sqlColumns(load(cut), "postgres"), /PostgreSQL cuts names at 63 bytes/);
  assert.throws(() => sqlColumns(load({ type: "object", properties: { "": { type: "string" } } }), "postgres"), /no empty identifier/);
});

test("the primary key is the first x-unique property every record has, non-null", () => {
  const schema = (required: string[]) => ({
    type: "object",
    required,
    properties: {
      code: { type: "string", "x-unique": true },
      id: { type: "integer", "x-unique": true },
      maybe: { type: ["integer", "null"], "x-unique": true },
    },
  });
  assert.equal(defaultPrimaryKey(load(schema(["code", "id"])), "sqlite"), "code");
  assert.equal(defaultPrimaryKey(load(schema(["id"])), "sqlite"), "id", "an optional property cannot be the key");
  assert.equal(defaultPrimaryKey(load(schema(["maybe"])), "sqlite"), undefined, "nor a nullable one");
});

test("the table name: the schema file's name, else its title, made safe", () => {
  assert.equal(sqlTableName(load({ title: "Ignored" }, "/a/user-profile.schema.json")), "user_profile");
  assert.equal(sqlTableName(load({ title: "Patient Claim (837P)" }, null)), "patient_claim_837p");
  assert.equal(sqlTableName(load({}, "/a/2024 orders.json")), "t_2024_orders");
  assert.equal(sqlTableName(load({}, null)), "records");
});

test("identifiers and literals: quotes doubled, NUL and CR kept in SQLite as bytes, NUL and lone surrogates U+FFFD in PostgreSQL", () => {
  assert.equal(quoteIdentifier('odd "name".x'), '"odd ""name"".x"');
  assert.equal(stringLiteral("it's \\", "postgres"), "'it''s \\'");
  assert.equal(stringLiteral("a\u0000b", "sqlite"), "CAST(X'610062' AS TEXT)");
  assert.equal(stringLiteral("a\r\nb", "sqlite"), "CAST(X'610d0a62' AS TEXT)");
  assert.equal(stringLiteral("a\r\nb", "postgres"), "'a\r\nb'");
  assert.equal(stringLiteral("a\u0000b\ud800", "postgres"), "'a\uFFFDb\uFFFD'");
  assert.equal(stringLiteral("😀\ud800", "sqlite"), "'😀\uFFFD'");
  assert.equal(jsonText({ "k\u0000": ["\ud800x"] }, "sqlite"), '{"k\\u0000":["\\ud800x"]}');
  assert.equal(jsonText({ "k\u0000": ["\ud800x"] }, "postgres"), '{"k\uFFFD":["\uFFFDx"]}');
  assert.equal(
    jsonText({ k: "\\u0000 is text" }, "postgres"),
    JSON.stringify({ k: "\\u0000 is text" }),
    "an escaped backslash is not a NUL",
  );
});

test("rows: absent is NULL, numbers keep their JSON digits, booleans per dialect, an undeclared property or a missing required one stops with the record's number", () => {
  const loaded = load({
    type: "object",
    required: ["id"],
    additionalProperties: false,
    properties: { id: { type: "integer" }, price: { type: "number", multipleOf: 0.01 }, ok: { type: "boolean" } },
  });
  const script = (d: SqlDialect) => new SqlScript([{ name: "order", loaded, primaryKey: "id", foreignKeys: [] }], d);
  const pg = script("postgres");
  assert.match(
    pg.head(),
    /CREATE TABLE "order" \(\n {2}"id" BIGINT NOT NULL,\n {2}"price" NUMERIC,\n {2}"ok" BOOLEAN,\n {2}PRIMARY KEY \("id"\)\n\);/,
  );
  assert.equal(pg.row(0, { id: 1, price: 19.9, ok: true }, 1), "");
  assert.equal(pg.row(0, { id: 2 }, 2), "");
  assert.equal(pg.endTable(0), 'INSERT INTO "order" ("id", "price", "ok") VALUES\n(1, 19.9, TRUE),\n(2, NULL, NULL);\n');
  const lite = script("sqlite");
  lite.row(0, { id: 1, ok: false }, 1);
  assert.match(lite.endTable(0), /\(1, NULL, 0\);/);
  assert.throws(() => lite.row(0, { id: 3, extra: 1 }, 3), /record 3 of order has property "extra", which its schema does not declare/);
  assert.throws(() => lite.row(0, { price: 1 }, 4), /record 4 of order has no value for id, which its schema requires/);
});

test("INSERTs hold at most 500 rows", () => {
  const loaded = load({ type: "object", required: ["n"], properties: { n: { type: "integer" } } });
  const script = new SqlScript([{ name: "t", loaded, foreignKeys: [] }], "sqlite");
  const statements: string[] = [];
  for (let i = 1; i <= 1201; i++) {
    const s = script.row(0, { n: i }, i);
    if (s) statements.push(s);
  }
  statements.push(script.endTable(0));
  assert.deepEqual(
    statements.map((s) => s.split("\n").length - 2),
    [500, 500, 201],
  );
});
