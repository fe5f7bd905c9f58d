// `specmint generate --set` through the built CLI: a set of entities (test/fixtures/sets/shop.toml:
// customers → orders → order_items, and the products order items and gift lists reference; an
// order is not created before its customer signed up, a rule across entities) written as
// a dataset folder per entity and the set's manifest; every reference resolves, every record is
// valid, two runs are byte-identical; bad input is a located error with the right exit code; and
// memory stays bounded for 100,000 children over 10,000 parents.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import type { SetManifest } from "../../core/set";
import { assertBuilt, readLines, removeDir, runCli, spawnCli, tempDir, CLI, ROOT, cleanEnv } from "./helpers";
import { spawnSync } from "node:child_process";

const FIXTURES = path.join(ROOT, "test", "fixtures", "sets");
const SHOP = path.join(FIXTURES, "shop.toml");
const ENTITIES = ["customers", "products", "orders", "order_items"];

type Rec = Record<string, unknown>;

let dir: string;
before(() => {
  assertBuilt();
  dir = tempDir();
});
after(() => removeDir(dir));

function records(out: string, entity: string): Rec[] {
  return readLines(path.join(out, entity, "dataset.jsonl")).map((l) => JSON.parse(l) as Rec);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The exit code and stderr of a failing run, checked: the code, a message, and where it points. */
function fails(args: string[], code: number, message: RegExp, cwd = dir) {
  const r = runCli(args, { cwd });
  assert.equal(r.status, code, r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, new RegExp(`summary: .*exit ${code}`));
  return r;
}

describe("generate --set shop.toml (1,000 customers)", () => {
  let out: string;
  let again: string;
  before(() => {
    out = path.join(dir, "shop-a");
    again = path.join(dir, "shop-b");
    for (const o of [out, again]) {
      const r = runCli(["generate", "--set", SHOP, "--out", o], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /specmint: wrote \d+ records of 4 entities \(customers 1000, products 200, orders \d+, order_items \d+\)/);
    }
  });

  test("DIR/<entity>/ is each entity's dataset folder, DIR/manifest.json the set's, parents first", () => {
    assert.deepEqual(fs.readdirSync(out).sort(), [...ENTITIES, "manifest.json"].sort());
    const m = readJson<SetManifest>(path.join(out, "manifest.json"));
    assert.equal(m.kind, "set");
    assert.equal(m.tool.name, "specmint");
    assert.deepEqual(
      m.entities.map((e) => e.name),
      ENTITIES,
    );
    assert.equal(m.gen.seed, 7, "the set file's seed");
    assert.equal(m.set.sha256, createHash("sha256").update(fs.readFileSync(SHOP)).digest("hex"));
    assert.equal(path.resolve(dir, m.set.path), SHOP);
    let total = 0;
    for (const e of m.entities) {
      const own = readJson<Manifest>(path.join(out, e.name, "manifest.json"));
      assert.equal(e.dataset_id, own.dataset_id, `${e.name}: the set's manifest names the part's dataset id`);
      assert.equal(e.count, own.gen.count);
      assert.equal(e.seed, own.gen.seed, `${e.name}: its own seed`);
      assert.equal(records(out, e.name).length, e.count);
      assert.equal(path.resolve(dir, e.schema), path.resolve(dir, own.schema.path));
      total += e.count;
    }
    assert.equal(m.stats.records, total);
    const byName = new Map(m.entities.map((e) => [e.name, e]));
    assert.deepEqual(byName.get("orders")!.per, { parent: "customers", min: 1, max: 4 });
    assert.equal(byName.get("customers")!.per, null);
    assert.equal(byName.get("customers")!.key, "id");
    assert.deepEqual(byName.get("order_items")!.refs, [
      { path: "order_id", entity: "orders", field: "id", distribution: "uniform" },
      { path: "product_sku", entity: "products", field: "sku", distribution: "skewed" },
    ]);
    assert.equal(new Set(m.entities.map((e) => e.seed)).size, 4, "each entity draws from its own streams");
  });

  test("every reference resolves: each child value is some parent record's value at the field", () => {
    const keys = (entity: string, field: string) => new Set(records(out, entity).map((r) => r[field]));
    const customers = keys("customers", "id");
    const orders = keys("orders", "id");
    const products = keys("products", "sku");
    assert.equal(customers.size, 1000, "customer ids are unique");
    let refs = 0;
    const perCustomer = new Map<unknown, number>();
    for (const o of records(out, "orders")) {
      assert.ok(customers.has(o.customer_id), `order ${String(o.id)}: customer ${String(o.customer_id)}`);
      perCustomer.set(o.customer_id, (perCustomer.get(o.customer_id) ?? 0) + 1);
      for (const sku of (o.gift_skus as unknown[] | undefined) ?? []) {
        assert.ok(products.has(sku), `order ${String(o.id)}: gift ${String(sku)}`);
        refs++;
      }
      refs++;
    }
    assert.equal(perCustomer.size, 1000, "per.min 1: every customer has an order");
    // The cross-entity rule of order.schema.json: created_at >= ref(customer_id).signed_up_at (as instants).
    const signedUp = new Map(records(out, "customers").map((c) => [c.id, Date.parse(c.signed_up_at as string)]));
    for (const o of records(out, "orders"))
      assert.ok(
        Date.parse(o.created_at as string) >= signedUp.get(o.customer_id)!,
        `order ${String(o.id)} is not before its customer signed up`,
      );
    assert.ok(
      [...perCustomer.values()].every((n) => n >= 1 && n <= 4),
      "1 to 4 orders per customer",
    );
    const perOrder = new Map<unknown, number>();
    for (const i of records(out, "order_items")) {
      assert.ok(orders.has(i.order_id), `item ${String(i.id)}: order ${String(i.order_id)}`);
      assert.ok(products.has(i.product_sku), `item ${String(i.id)}: product ${String(i.product_sku)}`);
      perOrder.set(i.order_id, (perOrder.get(i.order_id) ?? 0) + 1);
      refs += 2;
    }
    assert.equal(perOrder.size, orders.size, "every order has items");
    assert.ok(refs > 10_000);
  });

  test("order items belong to their orders in order: children are numbered parent by parent", () => {
    const orderIds = records(out, "orders").map((o) => o.id);
    const itemOrders = records(out, "order_items").map((i) => i.order_id);
    const firstSeen = [...new Set(itemOrders)];
    assert.deepEqual(firstSeen, orderIds);
  });

  test("every record is valid against its schema, its rules and x-unique (specmint validate)", () => {
    const schemas: Record<string, string> = {
      customers: "customer.schema.json",
      products: "product.schema.json",
      orders: "order.schema.json",
      order_items: "order-item.schema.json",
    };
    for (const e of ENTITIES) {
      const r = runCli(["validate", "--schema", path.join(FIXTURES, schemas[e]), "--dataset", path.join(out, e), "--json"], { cwd: dir });
      assert.equal(r.status, 0, `${e}: ${r.stdout}${r.stderr}`);
      const report = JSON.parse(r.stdout) as { records: number; schema: number; rules: number; uniqueness: number; total: number };
      assert.deepEqual([report.schema, report.rules, report.uniqueness, report.total], [100, 100, 100, 100], e);
      assert.ok(report.records > 0);
    }
  });

  test("two runs are byte-identical", () => {
    for (const e of ENTITIES) {
      assert.ok(
        fs.readFileSync(path.join(out, e, "dataset.jsonl")).equals(fs.readFileSync(path.join(again, e, "dataset.jsonl"))),
        `${e}/dataset.jsonl`,
      );
    }
    const a = readJson<SetManifest>(path.join(out, "manifest.json"));
    const b = readJson<SetManifest>(path.join(again, "manifest.json"));
    assert.equal(a.set_id, b.set_id);
    assert.deepEqual(a.entities, b.entities);
  });
});

describe("generate --set: settings and the output folder", () => {
  /** A copy of the fixture set in its own folder (for the default output folder and a specmint.toml). */
  function copySet(name: string): string {
    const d = path.join(dir, name);
    fs.mkdirSync(d, { recursive: true });
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(d, f));
    // Smaller: the point here is settings, not size.
    const text = fs
      .readFileSync(path.join(d, "shop.toml"), "utf8")
      .replace("count = 1000", "count = 20")
      .replace("count = 200", "count = 10");
    fs.writeFileSync(path.join(d, "shop.toml"), text);
    return d;
  }

  test("the default output folder is <set name>-fixtures beside the set file; flags > set file > specmint.toml", () => {
    const d = copySet("defaults");
    const cwd = path.join(dir, "elsewhere");
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(cwd, "specmint.toml"), 'seed = 99\nformat = "json,jsonl"\nlocale = "de-DE"\n');
    let r = runCli(["generate", "--set", path.join(d, "shop.toml")], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const m = readJson<SetManifest>(path.join(d, "shop-fixtures", "manifest.json"));
    assert.equal(m.gen.seed, 7, "the set file's seed is above specmint.toml's");
    assert.deepEqual(m.gen.formats, ["jsonl"], "the set file's format too");
    assert.equal(m.gen.locale, "de-DE", "specmint.toml fills in what the set file does not say");
    r = runCli(["generate", "--set", path.join(d, "shop.toml"), "--seed", "3", "--format", "csv,jsonl"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const m2 = readJson<SetManifest>(path.join(d, "shop-fixtures", "manifest.json"));
    assert.equal(m2.gen.seed, 3, "a flag is above the set file");
    assert.ok(fs.existsSync(path.join(d, "shop-fixtures", "orders", "dataset.csv")));
    assert.notEqual(m2.set_id, m.set_id);
    // The earlier set was replaced whole, not mixed with the new one.
    assert.deepEqual(fs.readdirSync(path.join(d, "shop-fixtures")).sort(), [...ENTITIES, "manifest.json"].sort());
  });

  test("a tiny set (3 customers, 1 order each) is written whole", () => {
    const d = copySet("tiny");
    const set = path.join(d, "shop.toml");
    fs.writeFileSync(
      set,
      fs
        .readFileSync(set, "utf8")
        .replace("count = 20", "count = 3")
        .replace("min = 1, max = 4", "min = 1, max = 1")
        .replace("min = 1, max = 3", "min = 1, max = 1"),
    );
    const r = runCli(["generate", "--set", set, "--out", path.join(d, "out")], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      readJson<SetManifest>(path.join(d, "out", "manifest.json")).entities.map((e) => [e.name, e.count]),
      [
        ["customers", 3],
        ["products", 10],
        ["orders", 3],
        ["order_items", 3],
      ],
    );
  });

  test("a folder that is not SpecMint output is refused (exit 6) unless --force", () => {
    const d = copySet("foreign");
    const target = path.join(d, "mine");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "notes.txt"), "keep me");
    fails(["generate", "--set", path.join(d, "shop.toml"), "--out", target], 6, /refusing to write into .*mine.*--force/);
    assert.deepEqual(fs.readdirSync(target), ["notes.txt"]);
    const r = runCli(["generate", "--set", path.join(d, "shop.toml"), "--out", target, "--force"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(target, "notes.txt"), "utf8"), "keep me");
    assert.ok(fs.existsSync(path.join(target, "orders", "dataset.jsonl")));
  });
});

describe("generate --set --format sql", () => {
  test("dataset.sql of the example shop loads into sqlite3 with foreign keys on and none broken", (t) => {
    if (spawnSync("sqlite3", ["-version"]).status !== 0) {
      if (process.env.CI) assert.fail("sqlite3 is needed in CI (apt package sqlite3)");
      return t.skip("sqlite3 not installed");
    }
    const out = path.join(dir, "shop-sql");
    const set = path.join(ROOT, "examples", "sets", "shop", "shop.toml");
    const r = runCli(["generate", "--set", set, "--format", "jsonl,sql", "--out", out], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const script = fs.readFileSync(path.join(out, "dataset.sql"), "utf8");
    assert.match(script, /FOREIGN KEY \("customer_id"\) REFERENCES "customers" \("id"\)/);
    const counts = ENTITIES.map((e) => `SELECT '${e}', count(*) FROM "${e}";`).join("\n");
    const db = spawnSync("sqlite3", [path.join(dir, "shop.db")], {
      input: `PRAGMA foreign_keys=ON;\n${script}\nPRAGMA foreign_key_check;\n${counts}\n`,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    assert.equal(db.status, 0, db.stderr);
    assert.equal(db.stderr, "");
    // foreign_key_check prints nothing: the only lines are the counts, equal to the entities' datasets.
    assert.deepEqual(
      db.stdout.trim().split("\n"),
      ENTITIES.map((e) => `${e}|${records(out, e).length}`),
    );
  });
});

describe("generate --set: bad input", () => {
  test("--set with --schema, --count, --stdout or --kind invalid is a usage error (exit 64)", () => {
    fails(["generate", "--set", SHOP, "--schema", path.join(FIXTURES, "order.schema.json")], 64, /--schema cannot be used with --set/);
    fails(["generate", "--set", SHOP, "--count", "5"], 64, /--count cannot be used with --set: a root entity has count = N/);
    fails(["generate", "--set", SHOP, "--stdout"], 64, /--stdout cannot be used with --set/);
    fails(["generate", "--set", SHOP, "--kind", "invalid", "--out", path.join(dir, "k")], 64, /--set makes valid records only/);
  });

  test("a missing schema file is a schema error at the set file's schema line (exit 2)", () => {
    const d = path.join(dir, "missing");
    fs.mkdirSync(d);
    const set = path.join(d, "set.toml");
    fs.writeFileSync(
      set,
      `[[entity]]\nname = "customers"\nschema = "${path.join(FIXTURES, "customer.schema.json")}"\ncount = 3\n\n[[entity]]\nname = "orders"\nschema = "nope.json"\nper = { parent = "customers", max = 2 }\n`,
    );
    const r = fails(["generate", "--set", set, "--out", path.join(d, "out")], 2, /entity "orders": schema file not found: .*nope\.json/);
    assert.match(r.stderr, new RegExp(`at ${set.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} 8:1`));
    assert.equal(fs.existsSync(path.join(d, "out")), false, "nothing written");
  });

  test("a missing set file is an I/O error (exit 6); an unknown entity in an x-ref a schema error at the x-ref (exit 2)", () => {
    fails(["generate", "--set", path.join(dir, "no-such.toml")], 6, /cannot read set file .*no-such\.toml: no such file/);
    const d = path.join(dir, "unknown");
    fs.mkdirSync(d);
    const child = { type: "object", required: ["who"], properties: { who: { type: "string", "x-ref": "custmers.id" } } };
    fs.writeFileSync(path.join(d, "child.json"), JSON.stringify(child, null, 2));
    fs.writeFileSync(
      path.join(d, "set.toml"),
      `[[entity]]\nname = "customers"\nschema = "${path.join(FIXTURES, "customer.schema.json")}"\ncount = 3\n\n[[entity]]\nname = "kids"\nschema = "child.json"\ncount = 2\n`,
    );
    const r = fails(
      ["generate", "--set", path.join(d, "set.toml"), "--out", path.join(d, "out")],
      2,
      /names entity "custmers".*did you mean "customers"/,
    );
    assert.match(r.stderr, /child\.json#\/properties\/who\/x-ref \d+:\d+/);
  });
});

describe("generate --set: interrupted", () => {
  test("SIGINT while the entities are written: exit 130, the earlier set kept whole, no temporary folder left", async () => {
    const d = path.join(dir, "interrupted");
    fs.mkdirSync(d);
    const out = path.join(d, "out");
    const setFile = (customers: number) => {
      const file = path.join(d, `set-${customers}.toml`);
      fs.writeFileSync(
        file,
        `format = "jsonl"\n\n[[entity]]\nname = "customers"\nschema = "${path.join(FIXTURES, "customer.schema.json")}"\ncount = ${customers}\n\n` +
          `[[entity]]\nname = "visits"\nschema = "${path.join(FIXTURES, "visit.schema.json")}"\nper = { parent = "customers", min = 5, max = 5 }\n`,
      );
      return file;
    };
    const first = runCli(["generate", "--set", setFile(5), "--out", out], { cwd: d });
    assert.equal(first.status, 0, first.stderr);
    const before =
      fs.readFileSync(path.join(out, "manifest.json"), "utf8") + fs.readFileSync(path.join(out, "visits", "dataset.jsonl"), "utf8");
    const child = spawnCli(["generate", "--set", setFile(200_000), "--out", out], { cwd: d });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const tmp = path.join(d, `.out.specmint-tmp-${child.pid}`);
    const deadline = Date.now() + 60_000;
    // Until the first entity's folder is being written inside the temporary folder.
    while (!fs.existsSync(path.join(tmp, "customers")) && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(child.exitCode, null, `the run ended before the signal:\n${stderr}`);
    child.kill("SIGINT");
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /interrupted; nothing was written and .*out is as it was/);
    assert.equal(
      fs.readFileSync(path.join(out, "manifest.json"), "utf8") + fs.readFileSync(path.join(out, "visits", "dataset.jsonl"), "utf8"),
      before,
      "the earlier set is as it was",
    );
    assert.deepEqual(
      fs.readdirSync(d).filter((n) => n.startsWith(".out.specmint-")),
      [],
    );
  });
});

describe("generate --set: memory", () => {
  test("100,000 children over 10,000 parents (jsonl) stay under 150 MB peak RSS", () => {
    const d = path.join(dir, "memory");
    fs.mkdirSync(d);
    const set = path.join(d, "visits.toml");
    fs.writeFileSync(
      set,
      `seed = 2\nformat = "jsonl"\n\n[[entity]]\nname = "customers"\nschema = "${path.join(FIXTURES, "customer.schema.json")}"\ncount = 10000\n\n` +
        `[[entity]]\nname = "visits"\nschema = "${path.join(FIXTURES, "visit.schema.json")}"\nper = { parent = "customers", min = 10, max = 10 }\n`,
    );
    // The CLI's own peak RSS, read in its process when it exits (the command runs in a worker thread of it).
    const probe = path.join(d, "rss.cjs");
    const rssFile = path.join(d, "rss.txt");
    fs.writeFileSync(
      probe,
      `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    const r = spawnSync(process.execPath, ["-r", probe, CLI, "generate", "--set", set, "--out", path.join(d, "out")], {
      cwd: d,
      env: cleanEnv(),
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readJson<SetManifest>(path.join(d, "out", "manifest.json")).entities[1].count, 100_000);
    const kb = Number(fs.readFileSync(rssFile, "utf8"));
    assert.ok(kb > 0, "maxRSS read");
    assert.ok(kb < 150 * 1024, `peak RSS ${Math.round(kb / 1024)} MB`);
  });
});
