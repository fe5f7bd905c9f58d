// The parts of enrichment as plain functions: which values are offered, the format sent, how an
// answer is checked and repaired, sanitising, the seed, the cache key, and the scheduler.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { applyAnswer } from "../../core/enrich/answer";
import { cacheKey, canonicalJson } from "../../core/enrich/cache";
import { LlmCallError } from "../../core/enrich/client";
import { requestFormat, slotKey } from "../../core/enrich/format";
import { buildMessages, MAX_CONTEXT_CHARS } from "../../core/enrich/prompt";
import { normalizeModelName, pullCommand } from "../../core/enrich/provider";
import { sanitizeText } from "../../core/enrich/sanitize";
import { BreakerOpenError, CallScheduler } from "../../core/enrich/scheduler";
import { llmSeed } from "../../core/enrich/seed";
import { findLlmTargets, slotsOf } from "../../core/enrich/targets";
import type { RuleChecker } from "../../core/validate/score";
import { loadSchemaText } from "../../core/schema/load";
import { SchemaValidator } from "../../core/validate/ajv";

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  $defs: {
    line: {
      type: "object",
      properties: {
        title: { type: "string", maxLength: 20, "x-llm": true },
        price: { type: "number", minimum: 0, maximum: 500, multipleOf: 0.01 },
        sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]{4}$", "x-llm": true },
      },
      required: ["title", "price", "sku"],
    },
  },
  properties: {
    id: { type: "string", format: "uuid", "x-unique": true },
    kind: { const: "order" },
    status: { enum: ["new", "paid"], "x-llm": true },
    note: { type: "string", description: "LLM: a delivery note", minLength: 2, maxLength: 30 },
    lines: { type: "array", items: { $ref: "#/$defs/line" }, minItems: 1, maxItems: 3 },
    labels: { type: "array", items: { type: "string", maxLength: 8 }, maxItems: 2, "x-llm": true },
    payment: {
      oneOf: [
        {
          type: "object",
          properties: { card: { type: "string", minLength: 4, maxLength: 4, "x-llm": true } },
          required: ["card"],
          additionalProperties: false,
        },
        {
          type: "object",
          properties: { iban: { type: "string", maxLength: 34, "x-llm": true } },
          required: ["iban"],
          additionalProperties: false,
        },
      ],
    },
    flag: { type: "boolean" },
  },
  required: ["id", "kind", "status", "note", "lines", "labels", "payment", "flag"],
};

const loaded = loadSchemaText(JSON.stringify(SCHEMA), undefined);
const validator = new SchemaValidator(loaded);
const RECORD = {
  id: "0f5de30d-16a1-4a4c-9a90-8d4a4bcba99b",
  kind: "order",
  status: "new",
  note: "leave at door",
  lines: [
    { title: "lamp", price: 12.5, sku: "ABC-1234" },
    { title: "desk", price: 99.99, sku: "XYZ-0001" },
  ],
  labels: ["home"],
  payment: { iban: "PT50000201231234567890154" },
  flag: true,
};
/** A record of SCHEMA, as the answers below are read back. */
type Order = typeof RECORD;

describe("targets: which values a model may write", () => {
  test("marked fields found through $ref, items and oneOf branches (guarded); fixed and x-unique values left out", () => {
    const marked = findLlmTargets(loaded)
      .filter((t) => t.marked)
      .map((t) => t.pointer);
    assert.deepEqual(marked, ["/status", "/note", "/lines/*/title", "/lines/*/sku", "/labels", "/payment/card", "/payment/iban"]);
    const all = findLlmTargets(loaded).map((t) => t.pointer);
    assert.ok(all.includes("/lines/*/price") && all.includes("/flag"));
    assert.ok(!all.includes("/id") && !all.includes("/kind"));
  });

  test("fields mode: the marked values of a record, in record order; a oneOf branch only when taken", () => {
    assert.ok(validator.root(RECORD), JSON.stringify(validator.root.errors));
    const slots = slotsOf(RECORD, findLlmTargets(loaded), "fields", validator);
    assert.deepEqual(
      slots.map((s) => s.pointer),
      ["/status", "/note", "/lines/0/title", "/lines/0/sku", "/lines/1/title", "/lines/1/sku", "/labels", "/payment/iban"],
    );
    assert.equal(slots.find((s) => s.pointer === "/labels")!.whole, true);
  });

  test("record mode adds every other scalar, not below a whole array", () => {
    const slots = slotsOf(RECORD, findLlmTargets(loaded), "record", validator).map((s) => s.pointer);
    assert.ok(slots.includes("/lines/1/price") && slots.includes("/flag"));
    assert.ok(!slots.includes("/labels/0") && !slots.includes("/id") && !slots.includes("/kind"));
    assert.deepEqual(slotsOf(RECORD, findLlmTargets(loaded), "off", validator), []);
  });

  test("the format: exactly the slots, with bounds; pattern, multipleOf and unknown formats left to validation and told in words", () => {
    const slots = slotsOf(RECORD, findLlmTargets(loaded), "record", validator);
    const { format, keys, hints } = requestFormat(loaded, slots, RECORD);
    assert.deepEqual(format.required, keys);
    assert.equal(format.additionalProperties, false);
    const p = format.properties as Record<string, unknown>;
    assert.deepEqual(p.status, { enum: ["new", "paid"] });
    assert.deepEqual(p.note, { type: "string", description: "a delivery note", minLength: 2, maxLength: 30 });
    assert.deepEqual(p["lines[0].sku"], { type: "string" });
    assert.deepEqual(p["lines[1].price"], { type: "number", minimum: 0, maximum: 500 });
    assert.deepEqual(p.labels, { type: "array", maxItems: 2, items: { type: "string", maxLength: 8 } });
    assert.ok(!JSON.stringify(format).includes("pattern") && !JSON.stringify(format).includes("multipleOf"));
    assert.deepEqual(hints[keys.indexOf("lines[0].sku")], ["matches the regular expression ^[A-Z]{3}-[0-9]{4}$"]);
    assert.deepEqual(hints[keys.indexOf("lines[0].price")], ["a multiple of 0.01"]);
  });

  test("slot keys read like rule paths", () => {
    assert.equal(slotKey(["a", "b"]), "a.b");
    assert.equal(slotKey(["items", 0, "name"]), "items[0].name");
    assert.equal(slotKey(["odd key", "x.y"]), '["odd key"]["x.y"]');
  });
});

describe("answers: checked, repaired when the repair is small, else the generated value stays", () => {
  const slots = slotsOf(RECORD, findLlmTargets(loaded), "fields", validator);
  const { keys } = requestFormat(loaded, slots, RECORD);
  const answer = (values: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(keys.map((k) => [k, k in values ? values[k] : (RECORD as Record<string, unknown>)[k]])));

  test("good values are taken; keys the answer lacks keep theirs", () => {
    const o = applyAnswer({ loaded, validator }, RECORD, slots, keys, JSON.stringify({ status: "paid", note: "ring twice" }), 1);
    assert.equal((o.record as Order).status, "paid");
    assert.equal((o.record as Order).note, "ring twice");
    assert.equal(o.accepted, 2);
    assert.equal(o.fallbacks, slots.length - 2);
    assert.equal(RECORD.status, "new", "the draft itself is not changed");
  });

  test("repairs: trim to maxLength, clamp, snap to multipleOf, truncate arrays; sanitised text", () => {
    const recSlots = slotsOf(RECORD, findLlmTargets(loaded), "record", validator);
    const rk = requestFormat(loaded, recSlots, RECORD).keys;
    const content = JSON.stringify({
      "lines[0].title": "A very long lamp title indeed",
      "lines[0].price": 612.345,
      "lines[1].price": 3.14159,
      labels: ["a", "b", "c"],
      note: " \u001b[1mring\u0007\n twice ",
    });
    const o = applyAnswer({ loaded, validator }, RECORD, recSlots, rk, content, 1);
    const r = o.record as Order;
    assert.equal(r.lines[0].title, "A very long lamp tit");
    assert.equal(r.lines[0].price, 500);
    assert.equal(r.lines[1].price, 3.14);
    assert.deepEqual(r.labels, ["a", "b"]);
    assert.equal(r.note, "ring twice");
    assert.equal(o.repairs, 4);
    assert.ok(validator.root(r));
  });

  test("wrong types, enum misses and pattern misses fall back", () => {
    const o = applyAnswer({ loaded, validator }, RECORD, slots, keys, answer({ status: "shipped", note: 42, "lines[0].sku": "lamp-1" }), 1);
    const r = o.record as Order;
    assert.equal(r.status, "new");
    assert.equal(r.note, "leave at door");
    assert.equal(r.lines[0].sku, "ABC-1234");
    assert.ok(o.reasons.includes("note: integer instead of string"), o.reasons.join("; "));
  });

  test("not JSON, or not an object: every value falls back", () => {
    for (const bad of ["{oops", "[1,2]", '"text"']) {
      const o = applyAnswer({ loaded, validator }, RECORD, slots, keys, bad, 1);
      assert.equal(o.record, RECORD);
      assert.equal(o.fallbacks, slots.length);
    }
    const fenced = applyAnswer({ loaded, validator }, RECORD, slots, keys, "```json\n" + answer({ status: "paid" }) + "\n```", 1);
    assert.equal((fenced.record as Order).status, "paid", "a Markdown fence around the JSON is tolerated");
  });

  test("a value that breaks a cross-field rule keeps its generated value (rule checker seam)", () => {
    const rules: RuleChecker = {
      size: 1,
      failing: (rec: unknown) => {
        const { status, note } = rec as Order;
        return status === "paid" && note.length < 5
          ? [{ rule: "status == 'paid' -> len(note) >= 5", pointer: "/note", message: "too short" }]
          : [];
      },
    };
    const o = applyAnswer({ loaded, validator, rules }, RECORD, slots, keys, answer({ status: "paid", note: "ok" }), 1);
    const r = o.record as Order;
    assert.equal(r.status, "paid", "the first value in record order is kept");
    assert.equal(r.note, "leave at door", "the one that breaks the rule falls back");
    assert.ok(o.reasons.includes("note: breaks the record"));
  });

  test("sanitising: no control, format or escape characters; whitespace collapsed", () => {
    assert.equal(sanitizeText("\u001b[31mred\u001b[0m  x\u0007\n\ty\u202e z \ud800 ok"), "red x y z ok");
  });
});

describe("prompt, seed, cache key, provider names", () => {
  test("context is JSON-quoted, cleaned and bounded", () => {
    const m = buildMessages({
      mode: "fields",
      record: { a: 1 },
      keys: ["a"],
      format: { properties: { a: { type: "integer" } } },
      rules: ["a > 0"],
      context: ['say "hi"\u0007\nnow', "x".repeat(10_000)],
    });
    const user = m[1].content;
    assert.ok(user.includes('"say \\"hi\\"\\nnow"'));
    assert.ok(user.includes(`"${"x".repeat(MAX_CONTEXT_CHARS)}"`) && !user.includes("x".repeat(MAX_CONTEXT_CHARS + 1)));
    assert.ok(user.includes('RULES (guidance):\n- "a > 0"'));
  });

  test("llmSeed: documented values (docs/determinism.md), 31 bits", () => {
    assert.equal(llmSeed(1, 1), 646463522);
    assert.equal(llmSeed(1, 2), 59368326);
    assert.equal(llmSeed(42, 1), 877192976);
    for (let i = 1; i < 1000; i++) assert.ok(llmSeed(7, i) >= 0 && llmSeed(7, i) < 2 ** 31);
  });

  test("the cache key changes with every part and not with key order", () => {
    const base = {
      model: "m",
      digest: "d",
      mode: "fields",
      temperature: 0.2,
      messages: [{ role: "user", content: "x" }],
      format: { a: 1, b: 2 },
      seed: 1,
    };
    const k = cacheKey(base);
    assert.equal(cacheKey({ ...base, format: { b: 2, a: 1 } }), k);
    for (const change of [
      { model: "n" },
      { digest: "e" },
      { digest: undefined },
      { mode: "record" },
      { temperature: 0.3 },
      { messages: [] },
      { format: {} },
      { seed: 2 },
    ]) {
      assert.notEqual(cacheKey({ ...base, ...change }), k, JSON.stringify(change));
    }
    assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }), '{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  test("model names: a missing tag is :latest; the pull command drops it", () => {
    assert.equal(normalizeModelName("qwen2.5"), "qwen2.5:latest");
    assert.equal(normalizeModelName("registry.local:5000/team/model"), "registry.local:5000/team/model:latest");
    assert.equal(pullCommand("qwen2.5:latest"), "ollama pull qwen2.5");
    assert.equal(pullCommand("llama3.2:1b"), "ollama pull llama3.2:1b");
  });
});

describe("scheduler: workers, rate, retries, breaker", () => {
  const fast = { retries: 3, backoffMinMs: 1, backoffMaxMs: 4, breakerThreshold: 5, breakerCooldownMs: 60_000 };

  test("never more than `workers` calls in flight", async () => {
    const s = new CallScheduler({ ...fast, workers: 3, maxRps: 10_000 });
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        s.run(async () => {
          peak = Math.max(peak, ++now);
          await new Promise((r) => setTimeout(r, 5));
          now--;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.equal(s.stats.calls, 20);
  });

  test("max rps spaces starts evenly", async () => {
    const s = new CallScheduler({ ...fast, workers: 8, maxRps: 100 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 21 }, () =>
        s.run(() => {
          starts.push(performance.now());
          return Promise.resolve();
        }),
      ),
    );
    const span = starts[starts.length - 1] - starts[0];
    assert.ok(span >= 195 && span < 260, `20 intervals of 10 ms took ${span.toFixed(0)} ms`);
  });

  test("retries only timeouts, 5xx and network errors; never 4xx", async () => {
    for (const [kind, status, attempts] of [
      ["timeout", undefined, 4],
      ["server", 500, 4],
      ["network", undefined, 4],
      ["client", 404, 1],
    ] as const) {
      const s = new CallScheduler({ ...fast, workers: 1, maxRps: 10_000, breakerThreshold: 100 });
      let n = 0;
      await assert.rejects(
        s.run(() => {
          n++;
          return Promise.reject(new LlmCallError(kind, "x", status));
        }),
      );
      assert.equal(n, attempts, kind);
      assert.equal(s.stats.retries, attempts - 1);
    }
  });

  test("backoff: 200, 400, 800, 1600 then 2000 ms, jittered ±20% within 200–2000", () => {
    const withJitter = (draw: number) =>
      new CallScheduler({
        workers: 1,
        maxRps: 1,
        retries: 3,
        backoffMinMs: 200,
        backoffMaxMs: 2000,
        breakerThreshold: 5,
        breakerCooldownMs: 1,
        random: () => draw,
      });
    const lo = withJitter(0);
    const hi = withJitter(0.999999);
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => lo.backoff(n)),
      [200, 320, 640, 1280, 1600],
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => hi.backoff(n)),
      [240, 480, 960, 1920, 2000],
    );
  });

  test("the breaker opens after 5 failures in a row, fails fast while open, and closes after the cool-down", async () => {
    let clock = 0;
    const s = new CallScheduler({ ...fast, retries: 0, workers: 1, maxRps: 10_000, breakerCooldownMs: 30_000, now: () => clock });
    const fail = () => s.run(() => Promise.reject(new LlmCallError("server", "boom", 500)));
    for (let k = 0; k < 5; k++) await assert.rejects(fail(), LlmCallError);
    assert.equal(s.breakerOpen, true);
    let called = false;
    await assert.rejects(
      s.run(() => {
        called = true;
        return Promise.resolve();
      }),
      BreakerOpenError,
    );
    assert.equal(called, false);
    clock = 30_001;
    assert.equal(s.breakerOpen, false);
    await s.run(() => Promise.resolve("ok"));
    assert.equal(s.stats.breakerOpened, 1);
    // Half-open: one more failure right after the cool-down would open it again at once.
    for (let k = 0; k < 4; k++) await assert.rejects(fail(), LlmCallError);
    assert.equal(s.breakerOpen, false, "a success resets the count");
  });
});
