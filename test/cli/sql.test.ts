// `--format sql` loaded into the real programs: the sqlite3 shell (Debian's `sqlite3`) with foreign
// keys on, and a PostgreSQL server started for this file (test/support/postgres.ts), stopped in
// `after` whatever happened. The rows read back equal dataset.jsonl's records. writeSql is also
// called directly with two tables named `user` and `order`, the child's foreign key declared and
// enforced by both databases. Locally a missing program skips its tests; under CI it fails them.
import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AbortedError, writableSink, writeSql, type SqlDialect, type SqlTable } from "../../core/output";
import { loadSchemaFile } from "../../core/schema";
import { Generator } from "../../core/engine";
import { requireRealTools } from "../support/tiers";
import { startPostgres, type PostgresServer } from "../support/postgres";
import { assertBuilt, readLines, removeDir, runCli, tempDir, ROOT } from "./helpers";

const EXAMPLES_DIR = path.join(ROOT, "examples");
const EXAMPLES = fs
  .readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();
const COUNT = 150;
type Row = Record<string, unknown>;

let dir: string;
before(() => {
  assertBuilt();
  dir = tempDir();
});
after(() => removeDir(dir));

const sqliteVersion = (() => {
  const r = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();

/** Skips (locally) or fails (CI) a test whose program is missing; true when the test may go on. */
function needs(t: TestContext, available: unknown, what: string, why = `${what} is not installed`): boolean {
  if (available) return true;
  if (requireRealTools()) assert.fail(`${what} is required here (CI=true or SPECMINT_REQUIRE_E2E=1) but ${why}; .ci/run installs it`);
  t.skip(`skipped: ${why}`);
  return false;
}

/** Runs a script in the sqlite3 shell on a new database file, foreign keys on, stopping at the first error. */
function loadSqlite(script: string, db = path.join(dir, `db-${Math.random().toString(36).slice(2)}.sqlite`)) {
  const r = spawnSync("sqlite3", ["-bail", db], { input: `PRAGMA foreign_keys=ON;\n${script}`, encoding: "utf8" });
  return { ...r, db };
}

function sqliteJson(db: string, query: string): Row[] {
  const r = spawnSync("sqlite3", ["-json", db, query], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() === "" ? [] : (JSON.parse(r.stdout) as Row[]);
}

function sqliteText(db: string, query: string): string {
  const r = spawnSync("sqlite3", [db, query], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function generateSql(schemaFile: string, dialect: SqlDialect, out: string, extra: string[] = []) {
  const r = runCli(
    [
      "generate",
      "--schema",
      schemaFile,
      "--count",
      String(COUNT),
      "--seed",
      "5",
      "--format",
      "jsonl,sql",
      "--sql-dialect",
      dialect,
      "--out",
      out,
      ...extra,
    ],
    { cwd: dir },
  );
  assert.equal(r.status, 0, r.stderr);
  return {
    sql: fs.readFileSync(path.join(out, "dataset.sql"), "utf8"),
    records: readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as Row),
  };
}

/** The table's name in a script of one table. */
function tableOf(sql: string): string {
  const m = /CREATE TABLE "((?:[^"]|"")+)"/.exec(sql);
  assert.ok(m, "the script creates a table");
  return m[1].replace(/""/g, '"');
}

/** A cell as SQLite gives it back, compared with the record's value: JSON columns are text, booleans 0/1. */
function assertSqliteCell(cell: unknown, value: unknown, where: string): void {
  if (value === undefined || value === null) assert.equal(cell, null, where);
  else if (typeof value === "boolean") assert.equal(cell, value ? 1 : 0, where);
  else if (typeof value === "object") assert.deepEqual(JSON.parse(cell as string), value, where);
  else assert.equal(cell, value, where);
}

describe("--format sql loads into the sqlite3 program", () => {
  for (const example of EXAMPLES) {
    test(`${example}: every record comes back as it is in dataset.jsonl`, (t) => {
      if (!needs(t, sqliteVersion, "sqlite3")) return;
      const { sql, records } = generateSql(path.join(EXAMPLES_DIR, example), "sqlite", path.join(dir, `sqlite-${example}`));
      const table = tableOf(sql);
      assert.equal(table, example.split(".")[0].replace(/-/g, "_"), "named after the schema file");
      const load = loadSqlite(sql);
      assert.equal(load.status, 0, load.stderr);
      assert.equal(sqliteText(load.db, "PRAGMA foreign_key_check;"), "");
      const rows = sqliteJson(load.db, `SELECT * FROM "${table}" ORDER BY rowid`);
      assert.equal(rows.length, records.length);
      const columns = sqliteJson(load.db, `PRAGMA table_info("${table}")`).map((c) => c.name as string);
      records.forEach((rec, k) => {
        assert.deepEqual(
          Object.keys(rec).filter((key) => !columns.includes(key)),
          [],
          `record ${k + 1}: every property has a column`,
        );
        for (const c of columns) assertSqliteCell(rows[k][c], rec[c], `record ${k + 1}, ${c}`);
      });
    });
  }

  test("the primary key is the first x-unique property, and a duplicate is refused by the database", (t) => {
    if (!needs(t, sqliteVersion, "sqlite3")) return;
    const { sql, records } = generateSql(path.join(EXAMPLES_DIR, "user-profile.schema.json"), "sqlite", path.join(dir, "pk"));
    const load = loadSqlite(sql);
    assert.equal(load.status, 0, load.stderr);
    const info = sqliteJson(load.db, `PRAGMA table_info("user_profile")`);
    assert.deepEqual(
      info.filter((c) => c.pk !== 0).map((c) => c.name),
      ["id"],
    );
    const again = spawnSync(
      "sqlite3",
      [load.db, `INSERT INTO "user_profile" SELECT * FROM "user_profile" WHERE id = '${String(records[0].id)}';`],
      {
        encoding: "utf8",
      },
    );
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /UNIQUE constraint failed/);
  });

  test("boundary records load too; two runs write the same bytes", (t) => {
    if (!needs(t, sqliteVersion, "sqlite3")) return;
    const schema = path.join(EXAMPLES_DIR, "ecommerce-product.schema.json");
    const a = generateSql(schema, "sqlite", path.join(dir, "boundary-a"), ["--kind", "boundary"]);
    const b = generateSql(schema, "sqlite", path.join(dir, "boundary-b"), ["--kind", "boundary"]);
    assert.equal(a.sql, b.sql);
    const load = loadSqlite(a.sql);
    assert.equal(load.status, 0, load.stderr);
    assert.equal(sqliteText(load.db, `SELECT count(*) FROM "ecommerce_product";`).trim(), String(COUNT));
  });
});

describe("--format sql --sql-dialect postgres loads into a PostgreSQL server", () => {
  let pg: PostgresServer | { missing: string } | undefined;
  before(() => {
    pg = startPostgres();
  });
  after(() => {
    if (pg && !("missing" in pg)) pg.stop();
  });
  const server = (t: TestContext): PostgresServer | undefined => {
    const s = pg && !("missing" in pg) ? pg : undefined;
    return needs(t, s, "PostgreSQL", pg && "missing" in pg ? pg.missing : "it was not started") ? s : undefined;
  };
  const query = (s: PostgresServer, sql: string, database?: string): string => {
    const r = s.psql(["-At", "-c", sql], undefined, database);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const jsonRows = (s: PostgresServer, sql: string, database?: string): Row[] =>
    query(s, `SELECT row_to_json(q) FROM (${sql}) q`, database)
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Row);

  for (const example of EXAMPLES) {
    test(`${example}: every record comes back as it is in dataset.jsonl`, (t) => {
      const s = server(t);
      if (!s) return;
      const { sql, records } = generateSql(path.join(EXAMPLES_DIR, example), "postgres", path.join(dir, `pg-${example}`));
      const table = tableOf(sql);
      const load = s.psql([], sql);
      assert.equal(load.status, 0, load.stderr);
      const types = new Map(
        jsonRows(s, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}'`).map((c) => [
          c.column_name as string,
          c.data_type as string,
        ]),
      );
      // A heap has no order: rows and records are compared as two sorted lists of their values, a
      // date-time as its instant (TIMESTAMPTZ keeps the instant, not the offset it was written with).
      const rows = jsonRows(s, `SELECT * FROM "${table}"`);
      assert.equal(rows.length, records.length);
      assert.deepEqual(
        records.filter((rec) => Object.keys(rec).some((key) => !types.has(key))),
        [],
        "every property has a column",
      );
      const normal = (row: Row) =>
        [...types]
          .map(([c, type]) => {
            const v = row[c] ?? null;
            return v !== null && type === "timestamp with time zone" ? Date.parse(v as string) : canonical(v);
          })
          .join("\t");
      assert.deepEqual(rows.map(normal).sort(), records.map(normal).sort());
    });
  }

  test("types: multipleOf is exact NUMERIC (the record's own digits), date-time TIMESTAMPTZ, date DATE, objects JSONB", (t) => {
    const s = server(t);
    if (!s) return;
    const { sql, records } = generateSql(
      path.join(EXAMPLES_DIR, "payment-transaction.schema.json"),
      "postgres",
      path.join(dir, "pg-types"),
    );
    const db = "types";
    query(s, `CREATE DATABASE ${db}`);
    const load = s.psql([], sql, db);
    assert.equal(load.status, 0, load.stderr);
    const types = new Map(
      jsonRows(s, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'payment_transaction'`, db).map((c) => [
        c.column_name as string,
        c.data_type as string,
      ]),
    );
    assert.equal(types.get("amount"), "numeric");
    assert.equal(types.get("timestamp"), "timestamp with time zone");
    assert.equal(types.get("settled_on"), "date");
    assert.equal(types.get("flagged"), "boolean");
    const amounts = query(s, `SELECT transaction_id || ' ' || amount::text FROM payment_transaction`, db).trim().split("\n");
    assert.deepEqual(amounts.sort(), records.map((r) => `${String(r.transaction_id)} ${JSON.stringify(r.amount)}`).sort());
  });

  test("writeSql: tables user and order, the order's foreign key declared and enforced", async (t) => {
    const s = server(t);
    if (!s) return;
    const ok = await relatedScript("postgres", false);
    query(s, "CREATE DATABASE related");
    const load = s.psql([], ok.text, "related");
    assert.equal(load.status, 0, load.stderr);
    assert.equal(query(s, `SELECT count(*) FROM "user"`, "related").trim(), String(ok.users));
    assert.equal(query(s, `SELECT count(*) FROM "order" o JOIN "user" u ON o.user_id = u.id`, "related").trim(), String(ok.orders));
    assert.equal(
      query(
        s,
        `SELECT confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND conrelid = '"order"'::regclass`,
        "related",
      ).trim(),
      '"user"',
    );
    assert.equal(query(s, `SELECT "odd ""name"".x" FROM "user" ORDER BY ctid LIMIT 1`, "related").trim(), String(ok.firstOdd));
    const dangling = await relatedScript("postgres", true);
    query(s, "CREATE DATABASE dangling");
    const refused = s.psql([], dangling.text, "dangling");
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /violates foreign key constraint/);
  });

  test("strings with quotes, backslashes, NUL, lone surrogates and other odd characters load; NUL becomes U+FFFD", async (t) => {
    const s = server(t);
    if (!s) return;
    const text = await oddStringsScript("postgres");
    query(s, "CREATE DATABASE odd");
    const load = s.psql([], text, "odd");
    assert.equal(load.status, 0, load.stderr);
    const rows = jsonRows(s, `SELECT s, j FROM odd ORDER BY n`, "odd");
    const stored = (v: string) => Buffer.from(v.replaceAll("\u0000", "\uFFFD"), "utf8").toString("utf8");
    assert.deepEqual(
      rows.map((r) => r.s),
      ODD_STRINGS.map(stored),
    );
    assert.deepEqual(
      rows.map((r) => r.j),
      ODD_STRINGS.map((v) => ({ [stored(v)]: [stored(v)] })),
    );
  });
});

describe("writeSql into sqlite3", () => {
  test("tables user and order: foreign key declared, foreign_key_check empty, a dangling reference refused", async (t) => {
    if (!needs(t, sqliteVersion, "sqlite3")) return;
    const ok = await relatedScript("sqlite", false);
    const load = loadSqlite(ok.text);
    assert.equal(load.status, 0, load.stderr);
    assert.equal(sqliteText(load.db, "PRAGMA foreign_key_check;"), "");
    const fk = sqliteJson(load.db, `PRAGMA foreign_key_list("order")`);
    assert.deepEqual(
      fk.map((f) => [f.table, f.from, f.to]),
      [["user", "user_id", "id"]],
    );
    assert.equal(sqliteText(load.db, `SELECT count(*) FROM "order" o JOIN "user" u ON o.user_id = u.id;`).trim(), String(ok.orders));
    assert.equal(sqliteText(load.db, `SELECT count(*) FROM "user";`).trim(), String(ok.users));
    const dangling = await relatedScript("sqlite", true);
    const refused = loadSqlite(dangling.text);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /FOREIGN KEY constraint failed/);
  });

  test("strings with quotes, backslashes, NUL, lone surrogates and other odd characters come back byte for byte", async (t) => {
    if (!needs(t, sqliteVersion, "sqlite3")) return;
    const load = loadSqlite(await oddStringsScript("sqlite"));
    assert.equal(load.status, 0, load.stderr);
    const rows = sqliteJson(load.db, `SELECT hex(s) AS s, j FROM odd ORDER BY rowid`);
    // Buffer.from writes a lone surrogate as U+FFFD, as the script does; NUL stays.
    assert.deepEqual(
      rows.map((r) => r.s),
      ODD_STRINGS.map((v) => Buffer.from(v, "utf8").toString("hex").toUpperCase()),
    );
    // JSON columns hold JSON.stringify's text exactly (its escapes included).
    assert.deepEqual(
      rows.map((r) => r.j),
      ODD_STRINGS.map((v) => JSON.stringify({ [v]: [v] })),
    );
  });
});

describe("writeSql without a database", () => {
  test("streams: chunks of at most one INSERT past 64 KiB, each awaited before the next", async () => {
    const loaded = loadSchemaFile(path.join(EXAMPLES_DIR, "user-profile.schema.json"));
    const generator = new Generator(loaded, { seed: 1, referenceDate: "2026-01-01T00:00:00Z" });
    const sizes: number[] = [];
    let pending = false;
    await writeSql(
      [{ name: "users", loaded, primaryKey: "id", foreignKeys: [], count: 3000, record: (i) => generator.record(i) }],
      "sqlite",
      async (chunk) => {
        assert.equal(pending, false, "a chunk is written only after the previous one was taken");
        pending = true;
        sizes.push(chunk.length);
        await new Promise((resolve) => setImmediate(resolve));
        pending = false;
      },
    );
    // 3,000 rows are six INSERTs of 500: a chunk goes out after each, never the whole script at once.
    assert.ok(sizes.length >= 6, `${sizes.length} chunks`);
    assert.ok(Math.max(...sizes) < 65536 + (1 << 20) + 4096, `largest chunk ${Math.max(...sizes)}`);
  });

  test("an aborted signal stops it with AbortedError", async () => {
    const loaded = loadSchemaFile(path.join(EXAMPLES_DIR, "user-profile.schema.json"));
    const generator = new Generator(loaded, { seed: 1, referenceDate: "2026-01-01T00:00:00Z" });
    const controller = new AbortController();
    let rows = 0;
    const tables: SqlTable[] = [
      {
        name: "users",
        loaded,
        foreignKeys: [],
        count: 100_000,
        record: (i) => {
          if (++rows === 500) controller.abort();
          return generator.record(i);
        },
      },
    ];
    await assert.rejects(
      writeSql(tables, "postgres", async () => {}, controller.signal),
      (e) => e instanceof AbortedError,
    );
    assert.equal(rows, 500);
  });

  test("a foreign key to a table not written before, or of another type, is refused with the table's name", async () => {
    const user = loadSchemaFile(writeJson("fk-user.schema.json", USER_SCHEMA));
    const order = loadSchemaFile(writeJson("fk-order.schema.json", ORDER_SCHEMA));
    const table = (name: string, loaded: typeof user, fks: SqlTable["foreignKeys"]): SqlTable => ({
      name,
      loaded,
      foreignKeys: fks,
      count: 0,
      record: () => ({}),
    });
    await assert.rejects(
      writeSql(
        [table("order", order, [{ column: "user_id", table: "user", references: "id" }]), table("user", user, [])],
        "sqlite",
        async () => {},
      ),
      /table "order": user_id refers to table "user", which is not written before it/,
    );
    await assert.rejects(
      writeSql(
        [table("user", user, []), table("order", order, [{ column: "total", table: "user", references: "id" }])],
        "postgres",
        async () => {},
      ),
      /total \(NUMERIC\) refers to user.id \(TEXT\): a foreign key needs the same type at both ends/,
    );
  });
});

describe("settings of --format sql", () => {
  const schema = () => path.join(EXAMPLES_DIR, "user-profile.schema.json");
  test("an unknown dialect is a usage error that lists the dialects", () => {
    const r = runCli(["generate", "--schema", schema(), "--format", "sql", "--sql-dialect", "mysql", "--out", path.join(dir, "x")], {
      cwd: dir,
    });
    assert.equal(r.status, 64, r.stderr);
    assert.match(r.stderr, /--sql-dialect: expected a SQL dialect: sqlite, postgres, got "mysql"/);
  });
  test("--sql-dialect without sql in --format is a usage error", () => {
    const r = runCli(["generate", "--schema", schema(), "--sql-dialect", "postgres", "--out", path.join(dir, "y")], { cwd: dir });
    assert.equal(r.status, 64, r.stderr);
    assert.match(r.stderr, /--sql-dialect chooses the SQL of dataset.sql; add sql to --format/);
  });
  test("invalid records are refused as SQL before anything is generated", () => {
    const out = path.join(dir, "z");
    const r = runCli(["generate", "--schema", schema(), "--kind", "invalid", "--format", "jsonl,sql", "--out", out], { cwd: dir });
    assert.equal(r.status, 64, r.stderr);
    assert.match(r.stderr, /invalid records each break their schema and would not load/);
    assert.equal(fs.existsSync(out), false);
  });
  test("sql-dialect in specmint.toml; the flag wins over it", () => {
    const project = path.join(dir, "toml");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "specmint.toml"),
      `schema = ${JSON.stringify(schema())}\nformat = ["sql"]\nsql-dialect = "postgres"\ncount = 3\n`,
    );
    const fromToml = runCli(["generate", "--out", "a"], { cwd: project });
    assert.equal(fromToml.status, 0, fromToml.stderr);
    assert.match(fs.readFileSync(path.join(project, "a", "dataset.sql"), "utf8"), /"created_at" TIMESTAMPTZ NOT NULL/);
    const fromFlag = runCli(["generate", "--out", "b", "--sql-dialect", "sqlite"], { cwd: project });
    assert.equal(fromFlag.status, 0, fromFlag.stderr);
    assert.match(fs.readFileSync(path.join(project, "b", "dataset.sql"), "utf8"), /"created_at" TEXT NOT NULL/);
  });
});

// ---- scripts written with writeSql ----------------------------------------------------------------

const USER_SCHEMA = {
  type: "object",
  required: ["id", "name", "signed_up_at", 'odd "name".x'],
  additionalProperties: false,
  properties: {
    id: { type: "string", format: "uuid", "x-unique": true },
    name: { type: "string", minLength: 1, maxLength: 40 },
    signed_up_at: { type: "string", format: "date-time" },
    'odd "name".x': { type: "integer", minimum: 1, maximum: 9 },
  },
};
const ORDER_SCHEMA = {
  type: "object",
  required: ["order_id", "user_id", "total"],
  additionalProperties: false,
  properties: {
    order_id: { type: "integer", minimum: 1, "x-unique": true },
    user_id: { type: "string", format: "uuid" },
    total: { type: "number", minimum: 0, maximum: 1000, multipleOf: 0.01 },
    placed_on: { type: "string", format: "date" },
    lines: { type: "array", maxItems: 3, items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer" } } } },
  },
};

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

/** A script of `user` (200) and `order` (600, each pointing at a user); `dangling`: order 3 points at no user. */
/** JSON with object keys sorted (jsonb keeps its own key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Row)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

async function relatedScript(dialect: SqlDialect, dangling: boolean) {
  const userLoaded = loadSchemaFile(writeJson("user.schema.json", USER_SCHEMA));
  const orderLoaded = loadSchemaFile(writeJson("order.schema.json", ORDER_SCHEMA));
  const users = new Generator(userLoaded, { seed: 11, referenceDate: "2026-01-01T00:00:00Z" });
  const orders = new Generator(orderLoaded, { seed: 12, referenceDate: "2026-01-01T00:00:00Z" });
  const userCount = 200;
  const orderCount = 600;
  const user = (i: number) => users.record(i) as Row;
  const tables: SqlTable[] = [
    { name: "user", loaded: userLoaded, primaryKey: "id", foreignKeys: [], count: userCount, record: user },
    {
      name: "order",
      loaded: orderLoaded,
      primaryKey: "order_id",
      foreignKeys: [{ column: "user_id", table: "user", references: "id" }],
      count: orderCount,
      record: (i) => ({
        ...(orders.record(i) as Row),
        user_id: dangling && i === 3 ? "00000000-0000-4000-8000-000000000000" : user(((i * 7919) % userCount) + 1).id,
      }),
    },
  ];
  const file = path.join(dir, `related-${dialect}-${dangling}.sql`);
  const stream = fs.createWriteStream(file);
  await writeSql(tables, dialect, writableSink(stream));
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { text: fs.readFileSync(file, "utf8"), users: userCount, orders: orderCount, firstOdd: user(1)['odd "name".x'] };
}

const ODD_STRINGS = [
  "it's",
  "back\\slash \\' \\n",
  "nul\u0000byte",
  "lone \ud800 surrogate",
  "emoji 😀 and é",
  "line\nbreak\r\nand\ttab",
  "\u2028\u2029\ufeff",
  "-- not a comment /* nor this */",
  "'); DROP TABLE odd; --",
  "$$dollar$$ :var :'var' \\. go",
  '"double"',
  "shell lines:\ngo\n/\n.tables\n\\q\n;",
  "",
];

/** A table `odd` of one string column `s` and one JSON column `j` ({s: [s]}), a row per odd string. */
async function oddStringsScript(dialect: SqlDialect): Promise<string> {
  const loaded = loadSchemaFile(
    writeJson("odd.schema.json", {
      type: "object",
      required: ["n", "s", "j"],
      properties: { n: { type: "integer" }, s: { type: "string" }, j: { type: "object" } },
    }),
  );
  let text = "";
  await writeSql(
    [
      {
        name: "odd",
        loaded,
        foreignKeys: [],
        count: ODD_STRINGS.length,
        record: (i) => ({ n: i, s: ODD_STRINGS[i - 1], j: { [ODD_STRINGS[i - 1]]: [ODD_STRINGS[i - 1]] } }),
      },
    ],
    dialect,
    (chunk) => {
      text += chunk;
      return Promise.resolve();
    },
  );
  return text;
}
