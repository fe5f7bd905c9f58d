// Hover and specmint/samples against the CLI: the values shown are the values `specmint generate`
// writes at that node, for the same seed, and they stay put when an unrelated property changes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import {
  DidChangeConfigurationNotification,
  HoverRequest,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from "vscode-languageserver-protocol";
import { SamplesRequest } from "../../common/protocol";
import { LspClient, ROOT, fixturePath, fixtureText, fixtureUri, positionOf } from "./lspClient";

const CLI = path.join(ROOT, "dist/cli.js");
const NAME = "customer.schema.json";
/** A record of test/fixtures/lsp/customer.schema.json, as far as the tests read it. */
interface Customer {
  name: string;
  age?: number;
  address?: { city: string };
  tags?: string[];
}

function cliRecords(schema: string, seed: number, count: number): string[] {
  const r = spawnSync(
    process.execPath,
    [CLI, "generate", "--schema", schema, "--seed", String(seed), "--count", String(count), "--stdout"],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split("\n");
}

function hoverText(h: Hover | null): string {
  assert.ok(h, "a hover");
  return (h.contents as MarkupContent).value;
}

/** The lines of the first ```json block. */
function sampleLines(h: Hover | null): string[] {
  const m = /```json\n([\s\S]*?)\n```/.exec(hoverText(h));
  assert.ok(m, `a json block in:\n${hoverText(h)}`);
  return m[1].split("\n");
}

let client: LspClient;
let uri: string;
let text: string;
const SEED = 7;

before(async () => {
  client = await LspClient.start({ settings: { seed: SEED, hover: { samples: 3 } } });
  ({ uri, text } = await client.openFixture(NAME));
  await client.diagnosticsFor(uri, 1);
});
after(() => client.stop());

const hoverAt = (needle: string, delta = 1, occurrence = 1) =>
  client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(text, needle, delta, occurrence),
  });

describe("hover samples are the CLI's values", () => {
  test("on the root (a keyword of the root object): records 1–3 of `specmint generate --stdout`", async () => {
    const h = await hoverAt('"title"');
    assert.match(hoverText(h), /\*\*schema root\*\*/);
    assert.deepEqual(sampleLines(h), cliRecords(fixturePath(NAME), SEED, 3));
  });

  test("specmint/samples for the root equals the CLI's records for any seed and count", async () => {
    const r = await client.request<unknown, { samples: unknown[] }>(SamplesRequest, { uri, pointer: "", count: 5, seed: 3 });
    assert.deepEqual(
      r.samples.map((s) => JSON.stringify(s)),
      cliRecords(fixturePath(NAME), 3, 5),
    );
  });

  test("deeper nodes: the values that node produced in records 1, 2, … (absent ones skipped)", async () => {
    const records = cliRecords(fixturePath(NAME), SEED, 40).map((l) => JSON.parse(l) as Customer);
    const cases: [string, (r: Customer) => unknown][] = [
      ["/properties/name", (r) => r.name],
      ["/properties/age", (r) => r.age],
      ["/$defs/address/properties/city", (r) => r.address?.city],
      ["/properties/tags/items", (r) => r.tags?.[0]],
    ];
    for (const [pointer, pick] of cases) {
      const expected = records
        .map(pick)
        .filter((v) => v !== undefined)
        .slice(0, 4);
      const r = await client.request<unknown, { samples: unknown[] }>(SamplesRequest, { uri, pointer, count: 4, seed: SEED });
      assert.deepEqual(r.samples, expected, pointer);
    }
  });

  test("on a property name: that property's samples, type and constraints in words", async () => {
    const h = await hoverAt('"name": {');
    const records = cliRecords(fixturePath(NAME), SEED, 3).map((l) => JSON.parse(l) as { name: string });
    assert.deepEqual(
      sampleLines(h),
      records.map((r) => JSON.stringify(r.name)),
    );
    const words = hoverText(h);
    assert.match(words, /\*\*name\*\* — string, 2–40 characters/);
    assert.match(words, /required/);
    assert.match(words, /Not LLM-enriched/);
    assert.match(words, /Samples \(seed 7\)/);
  });

  test("on a value inside a node: the node that holds it; LLM enrichment is said", async () => {
    const h = await hoverAt('"maxLength": 200', 14);
    const words = hoverText(h);
    assert.match(words, /\*\*bio\*\* — string, at most 200 characters, optional/);
    assert.match(words, /LLM-enriched: with an LLM mode a model writes this value/);
    const ref = hoverText(await hoverAt('"$ref": "#/$defs/address"', 12));
    assert.match(ref, /refers to #\/\$defs\/address/);
    assert.match(ref, /properties: city, zip \(required: city, zip\)/);
  });

  test("editing an unrelated property leaves a node's samples as they were", async () => {
    const before = sampleLines(await hoverAt('"name": {'));
    const ageBefore = sampleLines(await hoverAt('"age": {'));
    const edited = text.replace(
      '"age": { "type": "integer", "minimum": 18, "maximum": 99 }',
      '"age": { "type": "integer", "minimum": 18, "maximum": 30 }',
    );
    assert.notEqual(edited, text);
    const version = await client.change(uri, edited);
    await client.diagnosticsFor(uri, version);
    const after = await client.request<unknown, Hover | null>(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(edited, '"name": {', 1),
    });
    assert.deepEqual(sampleLines(after), before);
    const ageAfter = sampleLines(
      await client.request<unknown, Hover | null>(HoverRequest.type, {
        textDocument: { uri },
        position: positionOf(edited, '"age": {', 1),
      }),
    );
    assert.ok(
      ageAfter.every((v) => Number(v) >= 18 && Number(v) <= 30),
      ageAfter.join(","),
    );
    assert.notDeepEqual(ageAfter, ageBefore, "the edited node itself follows the edit");
    await client.change(uri, text);
  });

  test("specmint.hover.samples decides how many samples a hover shows", async () => {
    client.settings = { seed: SEED, hover: { samples: 5 } };
    try {
      assert.equal(sampleLines(await hoverAt('"tier": {')).length, 5);
    } finally {
      client.settings = { seed: SEED, hover: { samples: 3 } };
    }
  });
});

test("an unsatisfiable schema says why instead of samples", async () => {
  const u = fixtureUri("unsatisfiable.schema.json");
  const t = fixtureText("unsatisfiable.schema.json");
  await client.open(u, t);
  const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri: u },
    position: positionOf(t, '"ok"', 1),
  });
  assert.match(hoverText(h), /No samples: the schema cannot be satisfied at \/properties\/total/);
});

describe("a schema without $schema: the draft assumed, and specmint.defaultDraft", () => {
  // A draft-07 tuple: array-form `items` is a list of schemas up to draft-07, invalid in 2020-12.
  const tuple = (schemaLine = "") => `{
  ${schemaLine}"type": "object",
  "required": ["pair"],
  "properties": {
    "pair": { "type": "array", "items": [{ "type": "integer" }, { "type": "string" }], "minItems": 2, "maxItems": 2 }
  }
}
`;
  const NOTE = /JSON Schema (\S+) assumed \(([^)]*(?:\([^)]*\)[^)]*)*)\)\. To choose, add `"\$schema"` or set `specmint\.defaultDraft`\./;
  const hoverOn = (u: string, t: string) =>
    client.request<unknown, Hover | null>(HoverRequest.type, { textDocument: { uri: u }, position: positionOf(t, '"pair": {', 1) });
  /** The samples of a hover on "pair", parsed. */
  const pairs = (h: Hover | null) => sampleLines(h).map((l) => JSON.parse(l) as unknown);
  const isTuple = (v: unknown) => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === "string";
  const schemaInvalid = (ds: Diagnostic[]) => ds.filter((d) => d.code === "schema-invalid");

  test("array-form items and no $schema: the hover says draft-07 was assumed, why, and how to choose", async () => {
    const u = fixtureUri("draft-inferred.schema.json");
    const t = tuple();
    await client.open(u, t);
    assert.deepEqual(schemaInvalid(await client.diagnosticsFor(u, 1)), [], "read as draft-07, the tuple is valid");
    const h = await hoverOn(u, t);
    const m = NOTE.exec(hoverText(h));
    assert.ok(m, `an assumed-draft note in:\n${hoverText(h)}`);
    assert.equal(m[1], "draft-07");
    assert.match(m[2], /^no \$schema; read as draft-07 because of items \(an array\) at \/properties\/pair\/items/);
    assert.equal(
      hoverText(h)
        .split("\n")
        .filter((l) => NOTE.test(l)).length,
      1,
      "one line",
    );
    assert.ok(pairs(h).every(isTuple), `tuples, as draft-07 reads the schema: ${sampleLines(h).join(" ")}`);
    await client.close(u);
  });

  test("with $schema declared, the hover has no such note", async () => {
    const u = fixtureUri("draft-declared.schema.json");
    const t = tuple('"$schema": "http://json-schema.org/draft-07/schema#",\n  ');
    await client.open(u, t);
    await client.diagnosticsFor(u, 1);
    const h = await hoverOn(u, t);
    assert.doesNotMatch(hoverText(h), /assumed/);
    assert.ok(pairs(h).every(isTuple), sampleLines(h).join(" "));
    await client.close(u);
  });

  test("specmint.defaultDraft decides the draft of a schema without $schema: diagnostics, hover and samples follow it", async () => {
    const u = fixtureUri("draft-setting.schema.json");
    const t = tuple();
    await client.open(u, t);
    await client.diagnosticsFor(u, 1);
    /** Change the setting as a client does (no new document version) and wait for the diagnostics it leads to. */
    const withDraft = async (defaultDraft: string, accept: (ds: Diagnostic[]) => boolean) => {
      client.settings = { seed: SEED, hover: { samples: 3 }, defaultDraft };
      client.diagnostics.delete(u);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { specmint: client.settings } });
      return client.diagnosticsFor(u, 1, accept);
    };
    try {
      const as2020 = await withDraft("2020-12", (ds) => schemaInvalid(ds).length > 0);
      const message = schemaInvalid(as2020)[0].message;
      assert.match(typeof message === "string" ? message : message.value, /items/, "2020-12 rejects array-form items");
      const h2020 = hoverText(await hoverOn(u, t));
      assert.doesNotMatch(h2020, /assumed/, "the draft was given, not assumed");
      assert.match(h2020, /No samples:/);

      await withDraft("07", (ds) => schemaInvalid(ds).length === 0);
      const h07 = await hoverOn(u, t);
      assert.doesNotMatch(hoverText(h07), /assumed/);
      assert.ok(pairs(h07).length > 0 && pairs(h07).every(isTuple), sampleLines(h07).join(" "));
    } finally {
      client.settings = { seed: SEED, hover: { samples: 3 } };
      await client.close(u);
    }
  });
});
