// Cross-field rules and x-unique through the built CLI: the examples' datasets score 100/100/100,
// planted violations are scored below 100 and listed, repairs are counted in the manifest, and
// rules or x-unique nodes that cannot be satisfied stop with exit 2 and their location.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import { ROOT, assertBuilt, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

const EXAMPLES = path.join(ROOT, "examples");
const NAMES = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();

let dir: string;
const outs = new Map<string, string>();

before(() => {
  assertBuilt();
  dir = tempDir();
  for (const name of NAMES) {
    const out = path.join(dir, name.replace(/\.schema\.json$/, ""));
    const r = runCli(["generate", "--schema", path.join(EXAMPLES, name), "--count", "1000", "--seed", "42", "--out", out], { cwd: dir });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    outs.set(name, out);
  }
});
after(() => removeDir(dir));

interface Report {
  schema: number;
  rules: number;
  uniqueness: number;
  total: number;
  counts: { rulesChecked: number; ruleFailures: number; uniqueFields: number; invalidRecords: number; fieldsWithDuplicates: number };
  violations: { schema: V[]; rules: V[]; uniqueness: V[] };
  notes: string[];
}
interface V {
  record: number;
  pointer: string;
  message: string;
  rule?: string;
}

// What the tests read of the examples' records (examples/*.schema.json).
interface Claim {
  claim_id: string;
  claim_dates: { service_date: string; submitted_at: string };
  service_lines: { charge: number }[];
  total_charge: number;
}
interface Transaction {
  flagged: boolean;
}
interface FintechPayment {
  amount: number;
  requires_approval: boolean;
}
interface CatalogItem {
  in_stock: boolean;
  stock_count: number;
  tags: string[];
}

/** The records of an example's generated dataset. */
function recordsOf<T>(name: string): T[] {
  return readLines(path.join(outs.get(name)!, "dataset.jsonl")).map((l) => JSON.parse(l) as T);
}

function validate(name: string, dataset: string): { status: number | null; report: Report; stderr: string } {
  const r = runCli(["validate", "--schema", path.join(EXAMPLES, name), "--dataset", dataset, "--json"], { cwd: dir });
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function plant<T>(name: string, file: string, edit: (records: T[]) => void): string {
  const records = recordsOf<T>(name);
  edit(records);
  const p = path.join(dir, file);
  fs.writeFileSync(p, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return p;
}

describe("examples with rules", () => {
  test("every example carries enforced rules; its 1,000 generated records score 100/100/100 and list their repairs", () => {
    for (const name of NAMES) {
      const out = outs.get(name)!;
      const { status, report } = validate(name, out);
      assert.equal(status, 0, `${name}: ${JSON.stringify(report)}`);
      assert.deepEqual([report.schema, report.rules, report.uniqueness, report.total], [100, 100, 100, 100], name);
      assert.ok(report.counts.rulesChecked >= 1000, `${name} has enforced rules`);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
      assert.ok(manifest.stats.repairs > 0, `${name}: repairs counted in the manifest`);
    }
  });

  test("the claims example orders its dates and adds up its charges exactly", () => {
    const records = recordsOf<Claim>("healthcare-claim.schema.json");
    for (const r of records) {
      assert.ok(Date.parse(r.claim_dates.service_date) <= Date.parse(r.claim_dates.submitted_at));
      const cents = r.service_lines.reduce((n, l) => n + Math.round(l.charge * 100), 0);
      assert.equal(Math.round(r.total_charge * 100), cents);
    }
  });

  test("the payment example flags about 5% of transactions; large fintech payments need approval", () => {
    const tx = recordsOf<Transaction>("payment-transaction.schema.json");
    const share = tx.filter((r) => r.flagged).length / tx.length;
    assert.ok(share > 0.03 && share < 0.08, `flagged share ${share}`);
    const pay = recordsOf<FintechPayment>("fintech-payment.schema.json");
    assert.ok(pay.filter((r) => r.amount > 10000).every((r) => r.requires_approval === true));
    assert.ok(pay.some((r) => r.amount > 10000));
    const cat = recordsOf<CatalogItem>("product-catalog.schema.json");
    assert.ok(cat.filter((r) => !r.in_stock).every((r) => r.stock_count === 0));
    assert.ok(cat.every((r) => r.tags.length >= 2 && r.tags.length <= 4));
  });

  test("a dataset with planted violations scores below 100 and lists them (record, pointer, message)", () => {
    const claims = plant<Claim>("healthcare-claim.schema.json", "claims-bad.jsonl", (rs) => {
      rs[2].claim_dates.service_date = "2099-01-01";
      rs[6].total_charge = Math.round((rs[6].total_charge + 0.01) * 100) / 100;
      rs[9].claim_id = rs[0].claim_id;
    });
    let v = validate("healthcare-claim.schema.json", claims);
    assert.equal(v.status, 3);
    assert.ok(v.report.rules < 100 && v.report.uniqueness < 100 && v.report.total < 100, JSON.stringify(v.report));
    assert.equal(v.report.schema, 100);
    assert.equal(v.report.counts.ruleFailures, 2);
    assert.equal(v.report.counts.rulesChecked, 3000);
    assert.equal(v.report.rules, 99.93);
    const [first, second] = v.report.violations.rules;
    assert.equal(first.record, 3);
    assert.equal(first.pointer, "/claim_dates/service_date");
    assert.match(
      first.message,
      /rule "claim_dates\.service_date <= claim_dates\.submitted_at" does not hold: claim_dates\.service_date = .*2099-01-01/,
    );
    assert.equal(second.record, 7);
    assert.equal(second.pointer, "/total_charge");
    assert.match(second.message, /total_charge = [\d.]+, sum\(service_lines\[\*\]\.charge\) = [\d.]+/);
    assert.deepEqual(
      v.report.violations.uniqueness.map((x) => [x.record, x.pointer]),
      [[10, "/claim_id"]],
    );

    const catalog = plant<CatalogItem>("product-catalog.schema.json", "catalog-bad.jsonl", (rs) => {
      const k = rs.findIndex((r) => !r.in_stock);
      rs[k].stock_count = 12;
    });
    v = validate("product-catalog.schema.json", catalog);
    assert.equal(v.status, 3);
    assert.ok(v.report.rules < 100);
    assert.equal(v.report.violations.rules[0].rule, "in_stock == false -> stock_count == 0");
    assert.equal(v.report.violations.rules[0].pointer, "/in_stock");

    const fintech = plant<FintechPayment>("fintech-payment.schema.json", "fintech-bad.jsonl", (rs) => {
      const k = rs.findIndex((r) => r.amount > 10000);
      rs[k].requires_approval = false;
    });
    v = validate("fintech-payment.schema.json", fintech);
    assert.equal(v.status, 3);
    assert.match(v.report.violations.rules[0].message, /amount = [\d.]+, requires_approval = false/);
  });

  test("the text report lists rule violations with the rule", () => {
    const claims = plant<Claim>("healthcare-claim.schema.json", "claims-bad2.jsonl", (rs) => {
      rs[4].claim_dates.service_date = "2099-01-01";
    });
    const r = runCli(["validate", "--schema", path.join(EXAMPLES, "healthcare-claim.schema.json"), "--dataset", claims], { cwd: dir });
    assert.equal(r.status, 3);
    assert.match(r.stdout, /^rules\s+99\.97 {2}\(2999 of 3000 record×rule checks hold\)/m);
    assert.match(
      r.stdout,
      /record 5 {2}claims-bad2\.jsonl#\/claim_dates\/service_date 5:1 {2}rule ".*" does not hold: .*\[rule: claim_dates\.service_date <= claim_dates\.submitted_at\]/,
    );
    assert.match(r.stdout, /summary: 1000 records checked: 0 invalid records, 1 rule failure/);
  });

  test("a rule kept as guidance is said so, on stderr, and never stops generation", () => {
    const r = runCli(["generate", "--schema", path.join(EXAMPLES, "product-catalog.schema.json"), "--count", "3", "--stdout"], {
      cwd: dir,
    });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trimEnd().split("\n").length, 3);
    assert.match(r.stderr, /specmint: note: rule-unenforced: rule "High-value items should have lower inventory"/);
    const v = validate("product-catalog.schema.json", outs.get("product-catalog.schema.json")!);
    assert.match(v.report.notes.join("\n"), /"High-value items should have lower inventory" is not checked/);
  });
});

describe("refusals", () => {
  test("unique-impossible: more records than an x-unique node has values → exit 2 with its location, nothing written", () => {
    const schema = writeSchema(dir, "plans.schema.json", {
      type: "object",
      required: ["plan"],
      properties: { plan: { enum: ["free", "basic", "pro"], "x-unique": true } },
    });
    const out = path.join(dir, "plans");
    const r = runCli(["generate", "--schema", schema, "--count", "4", "--out", out], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /x-unique at \/plan cannot hold for 4 records: it has only 3 values .*\(unique-impossible\)/);
    assert.match(r.stderr, /plans\.schema\.json#\/properties\/plan\/x-unique \d+:\d+/);
    assert.match(r.stderr, /summary: 1 schema error, exit 2/);
    assert.equal(fs.existsSync(out), false);
    const ok = runCli(["generate", "--schema", schema, "--count", "3", "--stdout"], { cwd: dir });
    assert.equal(ok.status, 0);
    assert.deepEqual(
      new Set(
        ok.stdout
          .trimEnd()
          .split("\n")
          .map((l) => (JSON.parse(l) as { plan: string }).plan),
      ),
      new Set(["free", "basic", "pro"]),
    );
  });

  test("a rule that contradicts the schema's bounds → exit 2 at the rule's token", () => {
    const schema = writeSchema(dir, "bounds.schema.json", {
      type: "object",
      required: ["amount"],
      properties: { amount: { type: "number", minimum: 0, maximum: 1000000 }, ok: { type: "boolean" } },
      "x-cross-field-rules": ["ok == true -> ok == true", "amount > 2000000"],
    });
    const r = runCli(["generate", "--schema", schema, "--count", "2", "--stdout"], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rule "amount > 2000000" cannot be enforced \(rule-contradiction\).*amount is between 0 and 1000000/);
    // JSON.stringify(…, null, 2) puts the second rule on line 18, its text from column 6.
    assert.match(r.stderr, /bounds\.schema\.json#\/x-cross-field-rules\/1 18:6/);
    assert.equal(r.stdout, "");
  });

  test("a rule that no record can satisfy together with the schema → exit 2 with the rule's location", () => {
    const schema = writeSchema(dir, "clash.schema.json", {
      type: "object",
      required: ["code", "name"],
      properties: { code: { type: "string", pattern: "^[A-Z]{3}$" }, name: { type: "string", pattern: "^[a-z]{5}$" } },
      "x-cross-field-rules": ["code == name"],
    });
    const r = runCli(["generate", "--schema", schema, "--count", "2", "--stdout"], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rule "code == name" cannot be satisfied together with the schema \(record 1/);
    assert.match(r.stderr, /clash\.schema\.json#\/x-cross-field-rules\/0 \d+:\d+/);
  });
});
