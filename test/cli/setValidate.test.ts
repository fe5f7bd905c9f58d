// `specmint validate --set` and `inspect --set` through the built CLI, on set datasets written by
// hand (customers with ids, orders with customer_id) so that they do not depend on generate --set:
// the references score, the dangling references listed, the exit codes, and the fan-out.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SetValidateReport } from "../../cli/validateSet";
import type { EntityInspection } from "../../cli/inspectSet";
import { ROOT, assertBuilt, removeDir, runCli, tempDir } from "./helpers";

const SET = path.join(ROOT, "test", "fixtures", "sets-validate", "shop.toml");
const CUSTOMERS = 20;
const ORDERS = 50;

let dir: string;

before(() => {
  assertBuilt();
  dir = tempDir();
});
after(() => removeDir(dir));

const customerId = (n: number) => `C-${String(n).padStart(3, "0")}`;

/** Orders k = 0…49 of customer (k mod 17) + 1: customers 1–16 have 3 orders, 17 has 2, 18–20 none. */
function orderRecords(): Record<string, unknown>[] {
  return Array.from({ length: ORDERS }, (_, k) => ({ id: k + 1, customer_id: customerId((k % 17) + 1) }));
}

function writeJsonLines(file: string, records: unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

/** A set's dataset folder: customers/ and orders/ (each a dataset.jsonl), edited by `plant`. */
function setDataset(name: string, plant: (orders: Record<string, unknown>[]) => void = () => {}): string {
  const out = path.join(dir, name);
  writeJsonLines(
    path.join(out, "customers", "dataset.jsonl"),
    Array.from({ length: CUSTOMERS }, (_, k) => ({ id: customerId(k + 1), name: `customer ${k + 1}` })),
  );
  const orders = orderRecords();
  plant(orders);
  writeJsonLines(path.join(out, "orders", "dataset.jsonl"), orders);
  return out;
}

function validateJson(out: string) {
  const r = runCli(["validate", "--set", SET, "--dataset", out, "--json"], { cwd: dir });
  return { ...r, report: JSON.parse(r.stdout) as SetValidateReport };
}

describe("validate --set", () => {
  test("every reference resolves → references 100 for each entity, exit 0", () => {
    const out = setDataset("good");
    const r = runCli(["validate", "--set", SET, "--dataset", out], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.match(/^references 100\.00/gm)?.length, 2, r.stdout);
    assert.match(r.stdout, new RegExp(`^references 100\\.00  \\(${ORDERS} of ${ORDERS} references resolve\\)`, "m"));
    assert.match(r.stdout, new RegExp(`summary: ${CUSTOMERS + ORDERS} records of 2 entities checked, no violations, exit 0`));
    const json = validateJson(out);
    assert.equal(json.status, 0);
    assert.deepEqual(
      json.report.entities.map((e) => [e.entity, e.records, e.references, e.total]),
      [
        ["customers", CUSTOMERS, 100, 100],
        ["orders", ORDERS, 100, 100],
      ],
    );
    assert.deepEqual(json.report.entities[1].referenceSites, [
      { path: "customer_id", target: "customers.id", checked: ORDERS, dangling: 0, resolving: 100 },
      { path: "gift_for[*]", target: "customers.id", checked: 0, dangling: 0, resolving: 100 },
    ]);
  });

  test("2 of 50 references dangle → references 96.00, the two listed with record, file:line, pointer and value, exit 3", () => {
    const out = setDataset("two-dangling", (orders) => {
      orders[12].customer_id = "C-999";
      orders[40].customer_id = "c-001"; // strings compare exactly
    });
    const r = runCli(["validate", "--set", SET, "--dataset", out], { cwd: dir });
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^references {2}96\.00 {2}\(48 of 50 references resolve\)/m);
    assert.match(r.stdout, /^dangling references \(2 references to no record; 2 shown\):/m);
    const file = path.join("two-dangling", "orders", "dataset.jsonl");
    assert.ok(r.stdout.includes(`record 13  ${file}#/customer_id 13:1  "C-999": customers.id has no such value`), r.stdout);
    assert.ok(r.stdout.includes(`record 41  ${file}#/customer_id 41:1  "c-001": customers.id has no such value`), r.stdout);
    assert.match(r.stdout, /summary: 70 records of 2 entities checked: orders: 2 dangling references, exit 3/);

    const json = validateJson(out);
    assert.equal(json.status, 3);
    const orders = json.report.entities.find((e) => e.entity === "orders")!;
    assert.equal(orders.references, 96);
    assert.ok(orders.total < 100, `total ${orders.total}`);
    assert.deepEqual(orders.counts.referencesChecked, ORDERS);
    assert.deepEqual(orders.counts.danglingReferences, 2);
    assert.deepEqual(
      orders.violations.references?.map((v) => [v.entity, v.record, v.line, v.pointer, v.value, v.target]),
      [
        ["orders", 13, 13, "/customer_id", "C-999", "customers.id"],
        ["orders", 41, 41, "/customer_id", "c-001", "customers.id"],
      ],
    );
    assert.equal(json.report.entities.find((e) => e.entity === "customers")!.references, 100, "the parent is not blamed");
  });

  test("more than five dangle → the first five in record order, all counted; array items count one each", () => {
    const out = setDataset("seven-dangling", (orders) => {
      for (const k of [3, 5, 8, 21, 30, 44]) orders[k].customer_id = `X-${k}`;
      orders[0].gift_for = [customerId(2), "X-gift", customerId(3)];
    });
    const json = validateJson(out);
    assert.equal(json.status, 3);
    const orders = json.report.entities.find((e) => e.entity === "orders")!;
    assert.equal(orders.counts.referencesChecked, ORDERS + 3);
    assert.equal(orders.counts.danglingReferences, 7);
    assert.equal(orders.references, Math.round(((100 * (ORDERS + 3 - 7)) / (ORDERS + 3)) * 100) / 100);
    assert.deepEqual(
      orders.violations.references?.map((v) => [v.record, v.pointer, v.value]),
      [
        [1, "/gift_for/1", "X-gift"],
        [4, "/customer_id", "X-3"],
        [6, "/customer_id", "X-5"],
        [9, "/customer_id", "X-8"],
        [22, "/customer_id", "X-21"],
      ],
    );
    assert.deepEqual(
      orders.referenceSites.map((s) => [s.path, s.checked, s.dangling]),
      [
        ["customer_id", ORDERS, 6],
        ["gift_for[*]", 3, 1],
      ],
    );
  });

  test("each entity is still scored against its schema, as validate --schema scores it", () => {
    const out = setDataset("bad-customer");
    const file = path.join(out, "customers", "dataset.jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines[4] = JSON.stringify({ id: customerId(5), name: "" });
    fs.writeFileSync(file, lines.join("\n"));
    const json = validateJson(out);
    assert.equal(json.status, 3);
    const customers = json.report.entities.find((e) => e.entity === "customers")!;
    const single = runCli(["validate", "--schema", path.join(path.dirname(SET), "customer.schema.json"), "--dataset", file, "--json"], {
      cwd: dir,
    });
    const alone = JSON.parse(single.stdout) as SetValidateReport["entities"][number];
    assert.equal(customers.schema, alone.schema);
    assert.deepEqual(customers.violations.schema, alone.violations.schema);
    assert.equal(customers.references, 100);
    assert.equal(json.report.entities.find((e) => e.entity === "orders")!.references, 100);
  });

  test("a set manifest is read when present: counts that disagree are a note", () => {
    const out = setDataset("with-manifest");
    fs.writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({
        entities: [
          { name: "customers", count: CUSTOMERS, dataset_id: "a" },
          { name: "orders", count: ORDERS + 1, dataset_id: "b" },
        ],
      }),
    );
    const json = validateJson(out);
    assert.equal(json.status, 0, json.stderr);
    const orders = json.report.entities.find((e) => e.entity === "orders")!;
    assert.ok(
      orders.notes.some((n) => n.includes(`says ${ORDERS + 1} records of orders were written`) && n.includes(`holds ${ORDERS}`)),
      orders.notes.join("\n"),
    );
  });

  test("an entity's folder missing → an I/O error naming it, exit 6", () => {
    const out = setDataset("no-orders");
    fs.rmSync(path.join(out, "orders"), { recursive: true });
    const r = runCli(["validate", "--set", SET, "--dataset", out], { cwd: dir });
    assert.equal(r.status, 6, r.stdout + r.stderr);
    assert.match(r.stderr, /no dataset for entity "orders" of the set .*shop\.toml: .*no-orders\/orders does not exist/);
    assert.match(r.stderr, /expected a folder per entity \(customers\/, orders\/\)/);
  });

  test("a folder that is one schema's dataset, not a set's output → says what is expected, exit 6", () => {
    const single = path.join(dir, "single");
    writeJsonLines(path.join(single, "dataset.jsonl"), orderRecords());
    const r = runCli(["validate", "--set", SET, "--dataset", single], { cwd: dir });
    assert.equal(r.status, 6, r.stdout + r.stderr);
    assert.match(r.stderr, /single is not the output of the set .*shop\.toml: expected a folder per entity \(customers\/, orders\/\)/);
    assert.match(r.stderr, /--schema FILE instead of --set/);
  });

  test("--set with --schema is a usage error, exit 64", () => {
    const out = setDataset("usage");
    const r = runCli(["validate", "--set", SET, "--schema", "x.json", "--dataset", out], { cwd: dir });
    assert.equal(r.status, 64, r.stderr);
    assert.match(r.stderr, /--set and --schema do not go together/);
  });
});

describe("validate --set: rules across entities", () => {
  const CLUB = path.join(ROOT, "test", "fixtures", "sets-validate", "club.toml");
  const MEMBERS = [
    { id: "M1", signed_up_at: "2024-01-10" },
    { id: "M2", signed_up_at: "2024-03-01" },
  ];

  function club(name: string, visits: unknown[]): string {
    const out = path.join(dir, name);
    writeJsonLines(path.join(out, "members", "dataset.jsonl"), MEMBERS);
    writeJsonLines(path.join(out, "visits", "dataset.jsonl"), visits);
    return out;
  }

  test("ref(member_id).signed_up_at reads the member the visit points to: each rule checked against the parent's record", () => {
    const good = club("club-good", [
      { id: 1, member_id: "M1", on: "2024-01-10" },
      { id: 2, member_id: "M2", on: "2024-03-05" },
      { id: 3, member_id: "M1", on: "2025-01-01" },
    ]);
    const ok = runCli(["validate", "--set", CLUB, "--dataset", good, "--json"], { cwd: dir });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const visits = (JSON.parse(ok.stdout) as SetValidateReport).entities.find((e) => e.entity === "visits")!;
    assert.deepEqual([visits.rules, visits.counts.rulesChecked, visits.counts.ruleFailures], [100, 3, 0]);

    const bad = club("club-bad", [
      { id: 1, member_id: "M1", on: "2024-01-11" },
      { id: 2, member_id: "M2", on: "2024-02-01" }, // before M2 signed up
      { id: 3, member_id: "M9", on: "2024-02-01" }, // no such member: the rule cannot hold either
    ]);
    const r = runCli(["validate", "--set", CLUB, "--dataset", bad, "--json"], { cwd: dir });
    assert.equal(r.status, 3, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as SetValidateReport;
    const v = report.entities.find((e) => e.entity === "visits")!;
    assert.deepEqual([v.counts.rulesChecked, v.counts.ruleFailures], [3, 2]);
    assert.deepEqual(
      v.violations.rules.map((x) => [x.record, x.pointer, x.rule]),
      [
        [2, "/on", "on >= ref(member_id).signed_up_at"],
        [3, "/on", "on >= ref(member_id).signed_up_at"],
      ],
    );
    assert.match(v.violations.rules[0].message, /2024-03-01/, "the parent's value is shown");
    assert.deepEqual(
      v.violations.references?.map((x) => [x.record, x.value]),
      [[3, "M9"]],
    );
    assert.equal(report.entities.find((e) => e.entity === "members")!.rules, 100, "the parent is not blamed");
  });
});

describe("inspect --set", () => {
  test("the fan-out of each reference: children per parent as planted, and the share that resolves", () => {
    const out = setDataset("fan-out", (orders) => {
      orders[7].customer_id = "C-999";
    });
    const r = runCli(["inspect", "--set", SET, "--dataset", out, "--json"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const entities = (JSON.parse(r.stdout) as { entities: EntityInspection[] }).entities;
    assert.deepEqual(
      entities.map((e) => [e.entity, e.stats.records]),
      [
        ["customers", CUSTOMERS],
        ["orders", ORDERS],
      ],
    );
    // The expected figures, counted from the planted orders.
    const perCustomer = Array.from({ length: CUSTOMERS }, (_, k) => customerId(k + 1)).map(
      (id) => orderRecords().filter((o, k) => k !== 7 && o.customer_id === id).length,
    );
    const sorted = [...perCustomer].sort((a, b) => a - b);
    const [ref] = entities[1].references;
    assert.equal(ref.path, "customer_id");
    assert.equal(ref.checked, ORDERS);
    assert.equal(ref.dangling, 1);
    assert.equal(ref.resolving, 98);
    assert.deepEqual(
      {
        parents: ref.fanOut.parents,
        min: ref.fanOut.min,
        max: ref.fanOut.max,
        childless: ref.fanOut.childless,
        median: ref.fanOut.median,
        mean: ref.fanOut.mean,
      },
      {
        parents: CUSTOMERS,
        min: sorted[0],
        max: sorted[CUSTOMERS - 1],
        childless: perCustomer.filter((c) => c === 0).length,
        median: (sorted[CUSTOMERS / 2 - 1] + sorted[CUSTOMERS / 2]) / 2,
        mean: Math.round(((ORDERS - 1) / CUSTOMERS) * 100) / 100,
      },
    );
    assert.equal(ref.fanOut.childless, 3, "customers 18–20 have no order");
    // One bin per number of children (0…3 here), each the number of customers with that many.
    assert.deepEqual(
      ref.fanOut.histogram,
      [0, 1, 2, 3].map((n) => ({ from: n, to: n, count: perCustomer.filter((c) => c === n).length })),
    );
    assert.deepEqual(entities[0].references, [], "customers reference nothing");

    const text = runCli(["inspect", "--set", SET, "--dataset", out], { cwd: dir });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^ {2}customer_id → customers\.id: 49 of 50 resolve \(98\.00%\)$/m);
    assert.match(text.stdout, /children per customers record: min 0, median 3, mean 2\.45, max 3; 3 of 20 with none/);
  });
});
