// core/set/datasetReferences: x-ref values of existing records against their parents' values
// (JSON equality, nulls are no reference, array items one each) and the fan-out figures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SetReferenceIndex, fanOutOf, parseSetFile, planSet } from "../../core/set";
import { loadSchemaText } from "../../core/schema/load";

const SET = `[[entity]]
name = "accounts"
schema = "account.json"
count = 3

[[entity]]
name = "payments"
schema = "payment.json"
per = { parent = "accounts", min = 0, max = 3 }
`;

const SCHEMAS: Record<string, unknown> = {
  "account.json": {
    type: "object",
    properties: {
      no: { type: "integer", "x-unique": true },
      contact: { type: "object", properties: { email: { type: "string", "x-unique": true } } },
    },
  },
  "payment.json": {
    type: "object",
    properties: {
      account_no: { type: ["integer", "null"], "x-ref": "accounts.no" },
      cc: { type: "array", items: { type: "string", "x-ref": "accounts.contact.email" } },
    },
  },
};

function plan() {
  return planSet(parseSetFile(SET, "/sets/bank.toml"), (e) =>
    loadSchemaText(JSON.stringify(SCHEMAS[e.schema.split("/").pop()!]), e.schema),
  );
}

const ACCOUNTS = [{ no: 1, contact: { email: "a@example.com" } }, { no: 2, contact: { email: "b@example.com" } }, { no: 3 }];

test("values compare as JSON: 1.0 is 1, strings exactly; a null is no reference; each array item counts", () => {
  const p = plan();
  const index = new SetReferenceIndex(p);
  index.addParent("accounts", ACCOUNTS);
  const payments = JSON.parse(
    `[{"account_no": 1.0, "cc": ["a@example.com", "A@example.com"]}, {"account_no": null}, {"account_no": 4}, {"account_no": 2, "cc": []}]`,
  ) as unknown[];
  const result = index.check(p.byName.get("payments")!, payments, [{ file: "p.jsonl", line: 1 }]);
  assert.deepEqual(
    result.sites.map((s) => [s.path, s.target, s.checked, s.dangling]),
    [
      ["account_no", "accounts.no", 3, 1],
      ["cc[*]", "accounts.contact.email", 2, 1],
    ],
  );
  assert.deepEqual([result.checked, result.dangling], [5, 2]);
  assert.deepEqual(
    result.examples.map((e) => [e.record, e.pointer, e.value, e.message, e.file]),
    [
      [1, "/cc/1", "A@example.com", '"A@example.com": accounts.contact.email has no such value', "p.jsonl"],
      [3, "/account_no", 4, "4: accounts.no has no such value", undefined],
    ],
  );
  // Accounts 1 and 2 have a payment each, account 3 none; only two accounts have an e-mail address.
  assert.deepEqual([result.sites[0].fanOut.parents, result.sites[0].fanOut.childless, result.sites[0].fanOut.max], [3, 1, 1]);
  assert.equal(result.sites[1].fanOut.parents, 2);
});

test("a child checked before its parent's values are given finds none", () => {
  const p = plan();
  const result = new SetReferenceIndex(p).check(p.byName.get("payments")!, [{ account_no: 1 }]);
  assert.equal(result.dangling, 1);
  assert.equal(result.sites[0].fanOut.parents, 0);
});

test("fan-out: median of an even count, one bin per count when few, ranges when many", () => {
  const few = fanOutOf([0, 2, 2, 5]);
  assert.deepEqual(
    { ...few, histogram: few.histogram.map((b) => [b.from, b.to, b.count]) },
    {
      parents: 4,
      min: 0,
      median: 2,
      mean: 2.25,
      max: 5,
      childless: 1,
      histogram: [
        [0, 0, 1],
        [1, 1, 0],
        [2, 2, 2],
        [3, 3, 0],
        [4, 4, 0],
        [5, 5, 1],
      ],
    },
  );
  const many = fanOutOf(Array.from({ length: 100 }, (_, k) => k));
  assert.equal(many.histogram.length, 10);
  assert.deepEqual(many.histogram[0], { from: 0, to: 9, count: 10 });
  assert.equal(
    many.histogram.reduce((n, b) => n + b.count, 0),
    100,
  );
  assert.equal(many.median, 49.5);
  assert.deepEqual(fanOutOf([]).histogram, []);
});

test("ruleReferences: the parent record a value points to, for an entity whose rules use ref(); its schema", () => {
  const withRule = {
    ...(SCHEMAS["payment.json"] as object),
    "x-cross-field-rules": ["ref(account_no).no >= 1"],
  };
  const p = planSet(parseSetFile(SET, "/sets/bank.toml"), (e) => {
    const name = e.schema.split("/").pop()!;
    return loadSchemaText(JSON.stringify(name === "payment.json" ? withRule : SCHEMAS[name]), e.schema);
  });
  const index = new SetReferenceIndex(p);
  index.addParent("accounts", ACCOUNTS);
  const refs = index.ruleReferences(p.byName.get("payments")!);
  assert.equal(refs.resolve("account_no", 2), ACCOUNTS[1]);
  assert.equal(refs.resolve("account_no", JSON.parse("1.0")), ACCOUNTS[0]);
  assert.equal(refs.resolve("cc[0]", "b@example.com"), ACCOUNTS[1], "an element's path reads its items' x-ref");
  assert.equal(refs.resolve("account_no", 9), undefined);
  assert.equal(refs.resolve("nothing", 1), undefined);
  assert.equal(refs.schemaAt("account_no"), p.byName.get("accounts")!.loaded);
  assert.equal(refs.schemaAt("nothing"), undefined);
});

test("ruleReferences: without ref() in an entity's rules its parents' records are not kept", () => {
  const p = plan();
  const index = new SetReferenceIndex(p);
  index.addParent("accounts", ACCOUNTS);
  assert.equal(index.ruleReferences(p.byName.get("payments")!).resolve("account_no", 1), undefined);
  assert.equal(index.check(p.byName.get("payments")!, [{ account_no: 1 }]).dangling, 0, "its values are still known");
});
