// Generating a set (core/set/generate.ts): entity seeds, children per parent, references that are
// the referenced records' values, records that can be made alone from their index, and the errors
// of a set that cannot be made.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ChildrenOfParents, ParentPicker, SetGenerator, entitySeed, parseSetFile, planSet, type EntityGenerator } from "../../core/set";
import { loadSchemaText, type LoadedSchema } from "../../core/schema/load";
import { SpecMintError } from "../../core/base/errors";

const FILE = "/sets/shop.toml";

const CUSTOMER = {
  type: "object",
  required: ["id", "name"],
  properties: {
    id: { type: "string", pattern: "^C[0-9]{5}$", "x-unique": true },
    name: { type: "string", minLength: 2, maxLength: 20 },
  },
};
const PRODUCT = {
  type: "object",
  required: ["sku", "price"],
  properties: { sku: { type: "string", format: "uuid", "x-unique": true }, price: { type: "integer", minimum: 1, maximum: 500 } },
};
const ORDER = {
  type: "object",
  required: ["id", "customer_id", "customer_copy", "lines"],
  properties: {
    id: { type: "integer", minimum: 1, "x-unique": true },
    customer_id: { type: "string", pattern: "^C[0-9]{5}$", "x-ref": "customers.id" },
    customer_copy: { type: "string" },
    lines: { type: "array", minItems: 1, maxItems: 4, uniqueItems: true, items: { type: "string", "x-ref": "products.sku" } },
    favourite: { type: "string", "x-ref": "products.sku", "x-ref-distribution": "skewed" },
  },
  // The reference is placed before the rules and kept: the repair must change the copy, not the reference.
  "x-cross-field-rules": ["customer_copy == customer_id"],
};

function setOf(toml: string, schemas: Record<string, unknown>, seed = 5): SetGenerator {
  const spec = parseSetFile(toml, FILE);
  const plan = planSet(spec, (e) => loadSchemaText(JSON.stringify(schemas[e.schema.split("/").pop()!], null, 2), e.schema));
  return new SetGenerator(plan, { seed });
}

const SHOP = (customers: number, min: number, max: number) => `
[[entity]]
name = "customers"
schema = "customer.json"
count = ${customers}

[[entity]]
name = "orders"
schema = "order.json"
per = { parent = "customers", min = ${min}, max = ${max} }

[[entity]]
name = "products"
schema = "product.json"
count = 30
`;
const SCHEMAS = { "customer.json": CUSTOMER, "order.json": ORDER, "product.json": PRODUCT };

type Order = { id: number; customer_id: string; customer_copy: string; lines: string[]; favourite?: string };

test("entitySeed is a safe integer of (set seed, entity name): the same inputs agree, other names and seeds differ", () => {
  const names = ["customers", "orders", "order_items", "products", "a", "b"];
  const seeds = names.map((n) => entitySeed(1, n));
  for (const s of seeds) assert.ok(Number.isSafeInteger(s) && s >= 0, String(s));
  assert.equal(new Set(seeds).size, names.length);
  assert.deepEqual(
    names.map((n) => entitySeed(1, n)),
    seeds,
  );
  assert.notEqual(entitySeed(2, "customers"), entitySeed(1, "customers"));
  assert.ok(Number.isSafeInteger(entitySeed(Number.MAX_SAFE_INTEGER, "x")));
  assert.throws(() => entitySeed(-1, "x"), SpecMintError);
});

test("children per parent: each parent within [min, max], children numbered parent by parent, child j → its parent", () => {
  for (const [min, max] of [
    [0, 3],
    [1, 5],
    [2, 2],
  ]) {
    const c = new ChildrenOfParents(11, "orders", 500, { min, max });
    let j = 0;
    const seen = new Set<number>();
    for (let p = 1; p <= 500; p++) {
      const n = c.childCount(p);
      assert.ok(n >= min && n <= max, `parent ${p} has ${n} children, outside [${min}, ${max}]`);
      seen.add(n);
      for (let k = 0; k < n; k++) {
        j++;
        assert.equal(c.parentOf(j), p, `child ${j}`);
      }
      if (n > 0) assert.equal(c.firstChild(p), j - n + 1);
    }
    assert.equal(c.total, j);
    if (max > min) assert.equal(seen.size, max - min + 1, "every count in the range occurs over 500 parents");
    assert.throws(() => c.parentOf(j + 1), RangeError);
    assert.throws(() => c.parentOf(0), RangeError);
  }
  // Streams of (set seed, child, p): another child entity or seed draws other counts.
  const counts = (seed: number, child: string) => {
    const c = new ChildrenOfParents(seed, child, 200, { min: 0, max: 9 });
    return Array.from({ length: 200 }, (_, k) => c.childCount(k + 1));
  };
  assert.deepEqual(counts(3, "orders"), counts(3, "orders"));
  assert.notDeepEqual(counts(3, "orders"), counts(3, "visits"));
  assert.notDeepEqual(counts(3, "orders"), counts(4, "orders"));
});

test("skewed references have a heavier top than uniform ones", () => {
  const share = (distribution: "uniform" | "skewed") => {
    const picker = new ParentPicker(9, "order_items", "product_sku", distribution, 1000);
    const hits = new Array<number>(1001).fill(0);
    for (let j = 1; j <= 20_000; j++) {
      const p = picker.pick(j, 0);
      assert.ok(Number.isInteger(p) && p >= 1 && p <= 1000, String(p));
      hits[p]++;
    }
    const top = hits.slice(1).sort((a, b) => b - a);
    return { top10: top.slice(0, 10).reduce((a, b) => a + b, 0) / 20_000, used: top.filter((n) => n > 0).length, first: hits[1] };
  };
  const uniform = share("uniform");
  const skewed = share("skewed");
  assert.ok(uniform.top10 < 0.03, `uniform: the 10 most referenced parents have ${uniform.top10}`);
  assert.ok(skewed.top10 > 0.25, `skewed: the 10 most referenced parents have only ${skewed.top10}`);
  assert.ok(skewed.used < uniform.used, "skewed references leave more parents unreferenced");
});

test("a set's records: per-parent references point at their parent, others at some record, values are the referenced records' values", () => {
  const gen = setOf(SHOP(40, 1, 4), SCHEMAS);
  assert.deepEqual(
    gen.entities.map((e) => e.plan.spec.name),
    ["customers", "products", "orders"],
  );
  const customers = gen.entity("customers");
  const orders = gen.entity("orders");
  const products = gen.entity("products");
  const skus = new Set(Array.from({ length: products.count }, (_, k) => (products.record(k + 1) as { sku: string }).sku));
  let total = 0;
  for (let p = 1; p <= customers.count; p++) {
    const n = orders.childCount!(p);
    assert.ok(n >= 1 && n <= 4);
    total += n;
  }
  assert.equal(orders.count, total);
  for (let j = 1; j <= orders.count; j++) {
    const o = orders.record(j) as Order;
    const parent = customers.record(orders.parentIndex!(j)) as { id: string };
    assert.equal(o.customer_id, parent.id, `order ${j} points at its parent`);
    assert.equal(o.customer_copy, o.customer_id, `order ${j}: the rule was repaired on the copy, the reference kept`);
    assert.ok(
      o.lines.every((s) => skus.has(s)),
      `order ${j}: every line is a product's sku`,
    );
    assert.equal(new Set(o.lines).size, o.lines.length, "the lines of one order reference different products");
    if (o.favourite !== undefined) assert.ok(skus.has(o.favourite));
    assert.deepEqual(orders.generator.check(o), [], `order ${j} is valid`);
  }
});

test("record j of an entity made alone equals record j of a whole run (index-addressable, parents made on demand)", () => {
  const run = setOf(SHOP(25, 0, 5), SCHEMAS);
  const all: unknown[] = [];
  for (const e of run.entities) for (let i = 1; i <= e.count; i++) all.push([e.plan.spec.name, i, JSON.stringify(e.record(i))]);
  const probe = (name: string, i: number) =>
    JSON.stringify(
      setOf(SHOP(25, 0, 5), SCHEMAS)
        .entity(name)
        .record(i),
    );
  const orders = run.entity("orders");
  for (const j of [orders.count, 1, Math.ceil(orders.count / 2)]) assert.equal(probe("orders", j), JSON.stringify(orders.record(j)));
  assert.equal(probe("products", 17), JSON.stringify(run.entity("products").record(17)));
  // Another seed: another world.
  assert.notEqual(
    JSON.stringify(
      setOf(SHOP(25, 0, 5), SCHEMAS, 6)
        .entity("orders")
        .record(1),
    ),
    JSON.stringify(orders.record(1)),
  );
  assert.ok(all.length > 25);
});

test("two entities with the same schema differ (each its own seed)", () => {
  const toml = `[[entity]]\nname = "a"\nschema = "customer.json"\ncount = 5\n\n[[entity]]\nname = "b"\nschema = "customer.json"\ncount = 5\n`;
  const gen = setOf(toml, SCHEMAS);
  const rec = (e: EntityGenerator) => Array.from({ length: 5 }, (_, k) => JSON.stringify(e.record(k + 1)));
  assert.notDeepEqual(rec(gen.entity("a")), rec(gen.entity("b")));
});

test("the rules' view of a record's references: resolve(path, value) is the parent record, schemaAt its schema", () => {
  const gen = setOf(SHOP(10, 1, 2), SCHEMAS);
  const orders = gen.entity("orders");
  const customers = gen.entity("customers");
  const o = orders.record(3) as Order;
  // The provider the engine was given remembers the record made last: make record 3 again, without the cache.
  const made = orders.references!;
  orders.generator.record(3);
  assert.deepEqual(made.resolve("customer_id", o.customer_id), customers.record(orders.parentIndex!(3)));
  assert.equal(made.resolve("customer_id", "C99999-not-there"), undefined);
  const line = made.resolve("lines[*]", o.lines[0]) as { sku: string };
  assert.equal(line.sku, o.lines[0]);
  assert.deepEqual(made.resolve("lines[0]", o.lines[0]), line, "an element's index reads the items' x-ref");
  assert.equal((made.schemaAt("customer_id") as LoadedSchema).main.root, customers.plan.loaded.main.root);
  assert.equal(made.schemaAt("customer_copy"), undefined);
});

function throwsSchema(fn: () => unknown, message: RegExp, pointer?: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof SpecMintError, String(e));
    assert.equal(e.kind, "schema", "exit 2");
    assert.match(e.message, message);
    if (pointer) assert.match(e.location.pointer ?? "", pointer);
    return true;
  });
}

test("a referenced value the referencing field's schema refuses is an error at the x-ref naming both ends", () => {
  const order = structuredClone(ORDER);
  order.properties.customer_id = { type: "string", pattern: "^X", "x-ref": "customers.id" };
  const gen = setOf(SHOP(3, 1, 1), { ...SCHEMAS, "order.json": order });
  throwsSchema(
    () => gen.entity("orders").record(1),
    /customers\.id.*customer_id.*"C\d{5}".*does not fit this field's schema.*pattern/,
    /customer_id\/x-ref$/,
  );
});

test("a child count beyond an x-unique field's values is unique-impossible", () => {
  const order = structuredClone(ORDER) as Record<string, unknown> & typeof ORDER;
  (order.properties as Record<string, unknown>).id = { type: "integer", minimum: 1, maximum: 20, "x-unique": true };
  throwsSchema(
    () => setOf(SHOP(30, 1, 3), { ...SCHEMAS, "order.json": order }),
    /x-unique at \/id cannot hold for .* records.*unique-impossible/,
  );
});

test("a reference into an entity without records is an error at the x-ref", () => {
  const spec = `${SHOP(3, 1, 1)}
[[entity]]
name = "reviews"
schema = "review.json"
per = { parent = "customers", min = 0, max = 1 }

[[entity]]
name = "flags"
schema = "flag.json"
count = 2
`;
  const review = {
    type: "object",
    required: ["id", "customer_id"],
    properties: { id: { type: "integer", "x-unique": true }, customer_id: { type: "string", "x-ref": "customers.id" } },
  };
  const flag = { type: "object", required: ["review"], properties: { review: { type: "integer", "x-ref": "reviews.id" } } };
  // Find a seed where the three customers draw no review.
  for (let seed = 1; seed < 200; seed++) {
    const gen = setOf(spec, { ...SCHEMAS, "review.json": review, "flag.json": flag }, seed);
    if (gen.entity("reviews").count !== 0) continue;
    throwsSchema(() => gen.entity("flags").record(1), /points into entity "reviews", which has no records/, /review\/x-ref$/);
    return;
  }
  assert.fail("no seed gave an entity without records");
});

test("a rule across entities (ref(path)) reads the referenced record and is repaired on the child", () => {
  const order = structuredClone(ORDER) as typeof ORDER & { properties: Record<string, unknown> };
  order.properties.placed_by = { type: "string" };
  order.required = [...order.required, "placed_by"];
  order["x-cross-field-rules"] = ["placed_by == ref(customer_id).name"];
  const gen = setOf(SHOP(8, 1, 3), { ...SCHEMAS, "order.json": order });
  const orders = gen.entity("orders");
  const customers = gen.entity("customers");
  for (let j = 1; j <= orders.count; j++) {
    const o = orders.record(j) as Order & { placed_by: string };
    const parent = customers.record(orders.parentIndex!(j)) as { id: string; name: string };
    assert.equal(o.customer_id, parent.id);
    assert.equal(o.placed_by, parent.name, `order ${j}`);
  }
});

test("a child record past the child's count has no parent: a schema error at the x-ref, not a crash", () => {
  const gen = setOf(SHOP(3, 1, 1), SCHEMAS);
  const orders = gen.entity("orders");
  assert.equal(orders.count, 3);
  throwsSchema(
    () => orders.generator.record(4),
    /record 4 of entity "orders" has no "customers" record to belong to/,
    /customer_id\/x-ref$/,
  );
  assert.throws(() => orders.record(4), RangeError, "EntityGenerator.record checks its range");
});
