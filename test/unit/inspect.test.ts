import { test } from "node:test";
import assert from "node:assert/strict";
import { datasetStats, HISTOGRAM_BINS } from "../../core/validate/inspect";
import { loadSchemaText } from "../../core/schema/load";

const records = [
  { id: 1, name: "Ann", tags: ["a", "b"], price: 10, note: null },
  { id: 2, name: "Bob", tags: [], price: 20.5 },
  { id: 3, name: "Ann", tags: ["a"], price: 30, note: "x" },
  { id: 4, name: "Cy", price: 40 },
];

test("per-field presence, nulls, types, cardinality and top values", () => {
  const s = datasetStats(records);
  assert.equal(s.records, 4);
  const by = Object.fromEntries(s.fields.map((f) => [f.path, f]));
  assert.equal(by["/name"].present, 4);
  assert.equal(by["/name"].cardinality, 3);
  assert.deepEqual(by["/name"].top[0], { value: "Ann", count: 2 });
  assert.equal(by["/note"].present, 2);
  assert.equal(by["/note"].missing, 2);
  assert.equal(by["/note"].nullRate, 0.5);
  assert.deepEqual(by["/price"].types, { integer: 3, number: 1 });
  assert.equal(by["/price"].min, 10);
  assert.equal(by["/price"].max, 40);
  assert.equal(by["/price"].mean, 25.125);
  assert.equal(by["/tags"].measure, "length");
  assert.equal(by["/tags"].max, 2);
  assert.equal(by["/tags/*"].present, 3);
  assert.deepEqual(by["/tags/*"].top[0], { value: "a", count: 2 });
});

test("numbers get a histogram whose bins cover every value", () => {
  const many = Array.from({ length: 1000 }, (_, k) => ({ x: k % 100 }));
  const f = datasetStats(many).fields.find((x) => x.path === "/x")!;
  assert.equal(f.histogram.length, HISTOGRAM_BINS);
  assert.equal(
    f.histogram.reduce((a, b) => a + b.count, 0),
    1000,
  );
  assert.equal(f.histogram[0].from, 0);
  assert.equal(f.histogram[HISTOGRAM_BINS - 1].to, 99);
});

test("numbers JSON reads as ±Infinity (1e999) and far-apart values (-1e308 … 1e308) get a histogram too (issue 12, found by test/fuzz)", () => {
  const count = (f: { histogram: { count: number }[] }) => f.histogram.reduce((a, b) => a + b.count, 0);
  const inf = datasetStats([{ a: JSON.parse("1e999") as number }, { a: 0 }, { a: 5 }, { a: -Infinity }]).fields.find(
    (x) => x.path === "/a",
  )!;
  assert.equal(count(inf), 4);
  assert.equal(inf.histogram[0].from, -Infinity);
  assert.equal(inf.histogram.at(-1)!.to, Infinity);
  assert.equal(inf.histogram[0].count, 2, "-Infinity and 0");
  assert.equal(inf.histogram.at(-1)!.count, 2, "5 and Infinity");
  const only = datasetStats([{ a: Infinity }, { a: Infinity }]).fields.find((x) => x.path === "/a")!;
  assert.equal(count(only), 2);
  const far = datasetStats([{ a: -1e308 }, { a: 0 }, { a: 1e308 }]).fields.find((x) => x.path === "/a")!;
  assert.equal(far.histogram.length, HISTOGRAM_BINS);
  assert.deepEqual(
    far.histogram.map((b) => b.count),
    [1, 0, 0, 0, 0, 1, 0, 0, 0, 1],
  );
  assert.equal(far.histogram[0].from, -1e308);
  assert.equal(far.histogram.at(-1)!.to, 1e308);
});

test("with a schema, declared fields come first and absent ones are listed", () => {
  const loaded = loadSchemaText(
    JSON.stringify({ type: "object", properties: { zeta: { type: "string" }, id: { type: "integer" }, never: { type: "string" } } }),
    undefined,
  );
  const s = datasetStats(records, loaded);
  assert.deepEqual(
    s.fields.slice(0, 3).map((f) => f.path),
    ["/zeta", "/id", "/never"],
  );
  const never = s.fields.find((f) => f.path === "/never")!;
  assert.equal(never.present, 0);
  assert.equal(never.declared, true);
  assert.equal(s.fields.find((f) => f.path === "/name")!.declared, false);
});

test("dates: format date / date-time (or every string a date) give min/max dates and a histogram over time", () => {
  const rows = [
    { day: "2021-03-04", at: "2022-05-18T03:10:17.729+05:45", code: "2020-01-01", text: "2020-01-01" },
    { day: "2020-01-02", at: "2022-05-19T03:10:17Z", code: "not a date", text: "hello" },
    { day: "2025-12-31", at: "2021-01-01T00:00:00Z", code: "2024-02-29", text: "2021-01-01" },
  ];
  const loaded = loadSchemaText(JSON.stringify({ type: "object", properties: { code: { type: "string", format: "date" } } }), undefined);
  const by = Object.fromEntries(datasetStats(rows, loaded).fields.map((f) => [f.path, f]));
  // Inferred: every string of the field is a date (midnight UTC) / a date-time.
  assert.equal(by["/day"].measure, "date");
  assert.equal(by["/day"].format, "date");
  assert.equal(by["/day"].minDate, "2020-01-02");
  assert.equal(by["/day"].maxDate, "2025-12-31");
  assert.equal(by["/day"].min, Date.UTC(2020, 0, 2));
  assert.equal(by["/day"].max, Date.UTC(2025, 11, 31));
  assert.equal(by["/day"].histogram.length, HISTOGRAM_BINS);
  assert.deepEqual(
    by["/day"].histogram.map((b) => b.count),
    [1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
  );
  assert.equal(by["/at"].format, "date-time");
  assert.equal(by["/at"].minDate, "2021-01-01T00:00:00Z");
  assert.equal(by["/at"].maxDate, "2022-05-19T03:10:17Z");
  // Declared `format: date`: the strings that are dates are measured, the others do not count.
  assert.equal(by["/code"].measure, "date");
  assert.equal(by["/code"].maxDate, "2024-02-29");
  assert.equal(
    by["/code"].histogram.reduce((n, b) => n + b.count, 0),
    2,
  );
  // A string field with a non-date and no format stays measured by length.
  assert.equal(by["/text"].measure, "length");
  assert.equal(by["/text"].minDate, undefined);
});
