import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { DEFAULT_REFERENCE_DATE, dateWindowBounds } from "../../core/generate/formats";

const REF = DEFAULT_REFERENCE_DATE;

function column(name: string, field: Record<string, unknown>, n = 1000, referenceDate = REF): string[] {
  const schema = { type: "object", properties: { [name]: { type: "string", ...field } }, required: [name] };
  const g = new Generator(loadSchemaText(JSON.stringify(schema), undefined), { seed: 7, referenceDate });
  return Array.from({ length: n }, (_, k) => (g.record(k + 1) as Record<string, string>)[name]);
}

/** Whole years between a "YYYY-MM-DD…" birth date and the reference date. */
function age(birth: string, ref: string): number {
  const [by, bm, bd] = birth.slice(0, 10).split("-").map(Number);
  const [ry, rm, rd] = ref.slice(0, 10).split("-").map(Number);
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}

const FORMS = [
  "dob",
  "DOB",
  "birth_date",
  "birthDate",
  "BirthDate",
  "date_of_birth",
  "dateOfBirth",
  "date-of-birth",
  "birthday",
  "patient_dob",
  "customer.birthDate",
];

for (const format of ["date", "date-time"]) {
  test(`${format}: every name form of a birth date gives adults aged 18–90 at the reference date (1,000 records each)`, () => {
    for (const name of FORMS) {
      const ages = column(name, { format }).map((v) => age(v, REF));
      const bad = ages.filter((a) => a < 18 || a > 90);
      assert.equal(bad.length, 0, `${name}: ages ${bad.slice(0, 5).join(", ")} outside 18–90`);
      // Spread over the range, not one age.
      assert.ok(Math.min(...ages) <= 25 && Math.max(...ages) >= 83, `${name}: ages ${Math.min(...ages)}…${Math.max(...ages)}`);
    }
  });
}

test("birth dates follow the run's reference date", () => {
  const ref = "2000-06-15T00:00:00Z";
  for (const v of column("dob", { format: "date" }, 300, ref)) {
    const a = age(v, ref);
    assert.ok(a >= 18 && a <= 90, `${v}: age ${a} at ${ref}`);
  }
});

test("created_at (and other date fields) keep the usual window", () => {
  const w = dateWindowBounds(REF);
  for (const name of ["created_at", "updated", "birthplace", "date"]) {
    for (const v of column(name, { format: "date-time" }, 300)) {
      const t = Date.parse(v);
      assert.ok(t >= w.start - 86_400_000 && t <= w.end + 86_400_000, `${name}: ${v} outside the window`);
    }
  }
});

test("formatMinimum/formatMaximum narrow the adults; bounds with no adult keep the schema's bounds' usual window", () => {
  const vs = column("dob", { format: "date", formatMinimum: "1980-01-01", formatMaximum: "1989-12-31" }, 500);
  for (const v of vs) assert.ok(v >= "1980-01-01" && v <= "1989-12-31", v);
  // No adult fits: the usual window, not a value outside the bounds' intent.
  const young = column("dob", { format: "date", formatMinimum: "2020-01-01" }, 100);
  const w = dateWindowBounds(REF);
  for (const v of young) assert.ok(Date.parse(v) >= w.start - 86_400_000, v);
});

test("a pattern next to the format still holds", () => {
  const vs = column("birthDate", { format: "date", pattern: "^19[0-9]{2}-" }, 300);
  for (const v of vs) assert.match(v, /^19\d\d-/);
});

test("birth dates are deterministic", () => {
  assert.deepEqual(column("dob", { format: "date" }, 50), column("dob", { format: "date" }, 50));
});
