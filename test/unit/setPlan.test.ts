// Set files and their plan (core/set): what a set says is read with its places, and every way a set
// cannot work (unknown entity, non-unique target, a cycle, an impossible child count) is an error at
// the line or x-ref to change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSetFile, planSet, refSites, parseRefTarget, setProblems, type SetSpec } from "../../core/set";
import { loadSchemaText } from "../../core/schema/load";
import { SpecMintError } from "../../core/base/errors";

const FILE = "/sets/shop.toml";

const CUSTOMER = {
  type: "object",
  required: ["id", "email"],
  properties: { id: { type: "string", "x-unique": true }, email: { type: "string", format: "email", "x-unique": true } },
};
const ORDER = {
  type: "object",
  required: ["id", "customer_id"],
  properties: {
    id: { type: "integer", "x-unique": true },
    customer_id: { type: "string", "x-ref": "customers.id" },
    lines: { type: "array", items: { type: "integer", "x-ref": "products.sku", "x-ref-distribution": "skewed" } },
  },
};
const PRODUCT = { type: "object", required: ["sku"], properties: { sku: { type: "integer", "x-unique": true } } };

function plan(spec: SetSpec, schemas: Record<string, unknown>) {
  return planSet(spec, (e) => {
    const name = e.schema.split("/").pop()!;
    return loadSchemaText(JSON.stringify(schemas[name], null, 2), e.schema);
  });
}

function throwsAt(fn: () => unknown, message: RegExp, where: { file?: string; line?: number; pointer?: string }) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof SpecMintError, String(e));
    assert.equal(e.kind, "schema", "a set's problem exits 2");
    assert.match(e.message, message);
    for (const [k, v] of Object.entries(where)) assert.equal((e.location as Record<string, unknown>)[k], v, `${k} of ${e.message}`);
    return true;
  });
}

const SHOP = `seed = 7
format = "jsonl,sql"

[[entity]]
name = "customers"
schema = "customer.json"
count = 100

[[entity]]
name = "orders"
schema = "order.json"
per = { parent = "customers", min = 1, max = 3 }

[[entity]]
name = "products"
schema = "product.json"
count = 20
`;

test("a set file gives its entities, with paths relative to it, and its settings", () => {
  const spec = parseSetFile(SHOP, FILE);
  assert.deepEqual(
    spec.entities.map((e) => [e.name, e.schema, e.count, e.per]),
    [
      ["customers", "/sets/customer.json", 100, undefined],
      ["orders", "/sets/order.json", undefined, { parent: "customers", min: 1, max: 3 }],
      ["products", "/sets/product.json", 20, undefined],
    ],
  );
  assert.equal(spec.settings.get("seed"), 7);
  assert.equal(spec.settings.get("format"), "jsonl,sql");
  assert.deepEqual(spec.entities[1].location, { file: FILE, line: 9, column: 1 });
  assert.deepEqual(spec.entities[1].at.per, { file: FILE, line: 12, column: 1 });
});

test("the plan orders parents first, finds keys and x-refs", () => {
  const p = plan(parseSetFile(SHOP, FILE), { "customer.json": CUSTOMER, "order.json": ORDER, "product.json": PRODUCT });
  assert.deepEqual(
    p.entities.map((e) => e.spec.name),
    ["customers", "products", "orders"],
  );
  const orders = p.byName.get("orders")!;
  assert.equal(orders.key, "id");
  assert.deepEqual(orders.parents.sort(), ["customers", "products"]);
  assert.deepEqual(
    orders.refs.map((r) => [r.path, r.target, r.distribution]),
    [
      ["customer_id", { entity: "customers", field: ["id"] }, "uniform"],
      ["lines[*]", { entity: "products", field: ["sku"] }, "skewed"],
    ],
  );
  assert.equal(orders.refs[0].location.line, 14, "the x-ref's line in the schema file");
});

test("set file mistakes are errors at their line", () => {
  throwsAt(() => parseSetFile(SHOP.replace("count = 20", "count = 0"), FILE), /count of entity "products" must be a positive integer/, {
    line: 17,
  });
  throwsAt(
    () => parseSetFile(SHOP.replace("min = 1, max = 3", "min = 4, max = 3"), FILE),
    /per.min 4 of entity "orders" is above per.max 3/,
    { line: 12 },
  );
  throwsAt(() => parseSetFile(SHOP.replace('name = "products"', 'name = "orders"'), FILE), /two entities are named "orders"/, { line: 15 });
  throwsAt(
    () => parseSetFile(SHOP.replace("count = 100", "cout = 100"), FILE),
    /unknown key 'cout' in \[\[entity\]\] \(did you mean 'count'\?\)/,
    {
      line: 7,
    },
  );
  throwsAt(() => parseSetFile("seed = 1\n", FILE), /has no entities/, { file: FILE });
  throwsAt(() => parseSetFile("[[entity]\n", FILE), /not valid TOML/, { line: 1 });
  throwsAt(() => parseSetFile(SHOP.replace("seed = 7", "sed = 7"), FILE), /unknown key 'sed' .*did you mean 'seed'/, {
    file: FILE,
    line: 1,
  });
});

test("references that cannot work are errors at the x-ref", () => {
  const spec = parseSetFile(SHOP, FILE);
  const schemas = { "customer.json": CUSTOMER, "order.json": ORDER, "product.json": PRODUCT };
  const withOrder = (order: unknown) => () => plan(spec, { ...schemas, "order.json": order });
  const props = ORDER.properties;
  throwsAt(
    withOrder({ ...ORDER, properties: { ...props, customer_id: { type: "string", "x-ref": "customer.id" } } }),
    /names entity "customer", which the set does not have \(did you mean "customers"\?\)/,
    { file: "/sets/order.json", pointer: "/properties/customer_id/x-ref" },
  );
  throwsAt(
    withOrder({ ...ORDER, properties: { ...props, customer_id: { type: "string", "x-ref": "customers.name" } } }),
    /not an x-unique field of entity "customers".*x-unique fields there: id, email/,
    { pointer: "/properties/customer_id/x-ref" },
  );
  throwsAt(
    withOrder({ ...ORDER, properties: { ...props, customer_id: { type: "integer", "x-ref": "customers.id" } } }),
    /cannot hold the values it references: it is integer but the field it references is string/,
    { pointer: "/properties/customer_id/x-ref" },
  );
  throwsAt(
    withOrder({ ...ORDER, properties: { ...props, customer_id: { type: "string", "x-ref": "customers" } } }),
    /must be "entity.field"/,
    { pointer: "/properties/customer_id/x-ref" },
  );
  throwsAt(
    withOrder({ ...ORDER, properties: { id: props.id, lines: props.lines } }),
    /counted per "customers" but none of its fields .* has "x-ref": "customers.<key>"/,
    { file: FILE, line: 12 },
  );
});

test("a key must be x-unique, and a cycle of references has no first entity", () => {
  const keyed = parseSetFile(SHOP.replace('schema = "customer.json"', 'schema = "customer.json"\nkey = "name"'), FILE);
  throwsAt(
    () => plan(keyed, { "customer.json": CUSTOMER, "order.json": ORDER, "product.json": PRODUCT }),
    /key "name" of entity "customers" is not a top-level field with "x-unique": true/,
    { line: 7 },
  );
  const cyclic = { ...PRODUCT, properties: { ...PRODUCT.properties, first_order: { type: "integer", "x-ref": "orders.id" } } };
  throwsAt(
    () => plan(parseSetFile(SHOP, FILE), { "customer.json": CUSTOMER, "order.json": ORDER, "product.json": cyclic }),
    /entities (orders → products → orders|products → orders → products) reference each other in a cycle/,
    {},
  );
});

test("x-ref text is entity.field; sites outside properties and arrays are refused with a reason", () => {
  assert.deepEqual(parseRefTarget("customers.contact.email"), { entity: "customers", field: ["contact", "email"] });
  assert.match(parseRefTarget("customers.lines[0]") as string, /not a field name/);
  assert.match(parseRefTarget(3) as string, /must be a string/);
  const branch = loadSchemaText(JSON.stringify({ anyOf: [{ properties: { a: { "x-ref": "c.id" } } }] }), "/s.json");
  assert.match(refSites(branch)[0].problem ?? "", /inside an anyOf/);
});

test("setProblems finds every problem of a set where planSet stops at the first, and skips entities that did not load", () => {
  const spec = parseSetFile(SHOP, FILE);
  const order = {
    ...ORDER,
    properties: {
      ...ORDER.properties,
      customer_id: { type: "string", "x-ref": "customer.id" },
      total: { type: "string", "x-ref": "customers.name" },
      lines: { type: "array", items: { type: "string", "x-ref": "products.sku" } },
      note: { type: "string", "x-ref": "products" },
    },
  };
  const schemas: Record<string, unknown> = { "customer.json": CUSTOMER, "order.json": order, "product.json": PRODUCT };
  const load = (e: { schema: string }) => loadSchemaText(JSON.stringify(schemas[e.schema.split("/").pop()!], null, 2), e.schema);
  const { problems } = setProblems(spec, load);
  assert.deepEqual(
    problems.map((p) => [p.code, p.location.pointer ?? p.location.line]),
    [
      ["ref-unknown-entity", "/properties/customer_id/x-ref"],
      ["ref-type-mismatch", "/properties/lines/items/x-ref"],
      ["ref-not-unique", "/properties/total/x-ref"],
      ["ref-invalid", "/properties/note/x-ref"],
    ],
  );
  assert.throws(() => planSet(spec, load), /names entity "customer"/, "planSet throws the first of them");
  // customers did not load: references to it are not judged (the set file says why it did not load).
  const partial = setProblems(spec, (e) => (e.name === "customers" ? undefined : load(e)));
  assert.deepEqual(
    partial.problems.map((p) => p.code),
    ["ref-unknown-entity", "ref-type-mismatch", "ref-invalid"],
  );
});
