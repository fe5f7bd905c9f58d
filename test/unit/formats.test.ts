import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import addFormats2019 from "ajv-formats-draft2019";
import {
  DATE_WINDOW,
  DEFAULT_REFERENCE_DATE,
  dateWindowBounds,
  formatGenerators,
  isKnownFormat,
  type FormatContext,
} from "../../core/generate/formats";
import { Rng, recordKey } from "../../core/base/rng";

// Same configuration as core/validate.ts: called bare, the draft2019 plugin would also replace
// ajv-formats' stricter `duration`, so it is limited to the formats ajv-formats lacks.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
addFormats2019(ajv, { formats: ["idn-email", "idn-hostname", "iri", "iri-reference"] });
// And the bare call, to prove durations satisfy both duration validators.
const ajvBare = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajvBare);
addFormats2019(ajvBare);

const N = 500;
const SEED = 20260101;
const ctx: FormatContext = { referenceDate: DEFAULT_REFERENCE_DATE };
const names = Object.keys(formatGenerators);

function values(name: string, c: FormatContext = ctx, seed = SEED, n = N): string[] {
  const g = formatGenerators[name];
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(g(new Rng(recordKey(seed, i)), c));
  return out;
}
const validators = new Map<string, (v: unknown) => boolean>();
function validator(name: string, a = ajv) {
  const key = (a === ajv ? "" : "bare:") + name;
  let v = validators.get(key);
  if (!v) {
    v = a.compile({ type: "string", format: name }) as (v: unknown) => boolean;
    validators.set(key, v);
  }
  return v;
}
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

test("every generated format is known to ajv-formats or ajv-formats-draft2019", () => {
  for (const name of names) assert.doesNotThrow(() => validator(name), name);
});

for (const name of names) {
  test(`${name}: ${N} values pass ajv, are deterministic and diverse`, () => {
    const v = validator(name);
    const a = values(name);
    for (const s of a) assert.ok(v(s), `${name} rejected ${JSON.stringify(s)}`);
    assert.deepEqual(values(name), a, "same keys must give the same values");
    const distinct = new Set(a).size;
    assert.ok(distinct >= 50, `${name}: only ${distinct} distinct values`);
  });
}

test("durations satisfy both ajv-formats' and ajv-formats-draft2019's duration rules", () => {
  const v = validator("duration", ajvBare);
  for (const s of values("duration", ctx, 7, 2000)) {
    assert.ok(validator("duration")(s), s);
    assert.ok(v(s), s);
  }
});

test("isKnownFormat", () => {
  for (const name of names) assert.equal(isKnownFormat(name), true);
  for (const name of ["int32", "int64", "float", "double", "nope", "toString", "__proto__"]) {
    assert.equal(isKnownFormat(name), false, name);
  }
});

test("dates and date-times stay within the documented window", () => {
  assert.deepEqual({ ...DATE_WINDOW }, { yearsBefore: 5, yearsAfter: 1 });
  for (const ref of ["2026-01-01T00:00:00Z", "2000-02-29T12:00:00Z", "2031-07-15", "1999-12-31T23:59:59.999+02:00"]) {
    const { start, end } = dateWindowBounds(ref);
    const r = new Date(Date.parse(ref));
    assert.equal(new Date(start).getUTCFullYear(), r.getUTCFullYear() - 5);
    assert.equal(new Date(end).getUTCFullYear(), r.getUTCFullYear() + 1);
    const c = { referenceDate: ref };
    const startDay = new Date(start).toISOString().slice(0, 10);
    const endDay = new Date(end).toISOString().slice(0, 10);
    const days = values("date", c, 3, 2000);
    for (const d of days) assert.ok(d >= startDay && d <= endDay, `${d} outside ${startDay}…${endDay}`);
    // Spread over the window, not bunched: both ends of it are reached.
    const years = new Set(days.map((d) => d.slice(0, 4)));
    assert.ok(years.size >= 6, `years: ${[...years].join(",")}`);
    for (const f of ["date-time", "iso-date-time"]) {
      for (const s of values(f, c, 3, 2000)) {
        // iso-date-time may omit the offset, meaning UTC here; Date.parse would read local time.
        const t = Date.parse(s.endsWith("Z") || /[+-]\d\d:\d\d$/.test(s) ? s : s + "Z");
        assert.ok(t >= start && t <= end, `${f} ${s} outside window of ${ref}`);
      }
    }
  }
});

test("reference date drives the dates", () => {
  const a = values("date", { referenceDate: "2026-01-01T00:00:00Z" });
  const b = values("date", { referenceDate: "2010-01-01T00:00:00Z" });
  assert.ok(a.every((d) => d >= "2021-01-01"));
  assert.ok(b.every((d) => d <= "2011-01-01"));
});

test("a malformed reference date is a usage error", () => {
  assert.throws(() => formatGenerators.date(new Rng(recordKey(1, 1)), { referenceDate: "yesterday" }), /referenceDate/);
});

test("times carry seconds, sometimes fractions, and both Z and numeric offsets", () => {
  for (const f of ["time", "date-time"]) {
    const a = values(f, ctx, 11, 1000);
    assert.ok(
      a.some((s) => s.includes(".")),
      `${f}: no fractional seconds`,
    );
    assert.ok(
      a.some((s) => s.endsWith("Z")),
      `${f}: no Z`,
    );
    assert.ok(a.some((s) => s.includes("+")) && a.some((s) => /-\d\d:\d\d$/.test(s)), `${f}: no offsets`);
    assert.ok(a.every((s) => /\d\d:\d\d:\d\d/.test(s)));
  }
});

const RESERVED = [".example.com", ".example.org", ".example.net", ".example", ".test"];
// The IANA IDN test TLDs (テスト, испытание, 测试, δοκιμή) are reserved like .test.
const RESERVED_IDN = [".テスト", ".испытание", ".测试", ".δοκιμή"];
function reservedHost(host: string, idn = false): boolean {
  const h = "." + host;
  return RESERVED.some((r) => h.endsWith(r)) || (idn && RESERVED_IDN.some((r) => h.endsWith(r)));
}

test("e-mail addresses and hosts use reserved domains only", () => {
  for (const s of values("email", ctx, 5, 2000)) assert.ok(reservedHost(s.slice(s.lastIndexOf("@") + 1)), s);
  for (const s of values("idn-email", ctx, 5, 2000)) assert.ok(reservedHost(s.slice(s.lastIndexOf("@") + 1), true), s);
  for (const s of values("hostname", ctx, 5, 2000)) assert.ok(reservedHost(s), s);
  for (const s of values("idn-hostname", ctx, 5, 2000)) assert.ok(reservedHost(s, true), s);
  for (const f of ["uri", "url", "iri"]) {
    for (const s of values(f, ctx, 5, 2000)) {
      const m = /^[a-z]+:\/\/([^/:?#]+)/.exec(s);
      if (m) assert.ok(reservedHost(m[1], true), s);
    }
  }
  assert.ok(values("email").some((s) => /^[a-z]+\.[a-z]+\d*@example\.(com|org|net)$/.test(s)));
});

test("IP addresses come from documentation and private ranges", () => {
  for (const s of values("ipv4", ctx, 9, 2000)) {
    assert.match(s, /^(192\.0\.2|198\.51\.100|203\.0\.113|10\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+|192\.168\.\d+)\.\d+$/);
  }
  for (const s of values("ipv6", ctx, 9, 2000)) assert.match(s, /^(2001:db8:|fd)/);
  assert.ok(values("ipv6").some((s) => s.includes("::")));
});

test("uuids are version 4 with the RFC 4122 variant", () => {
  for (const s of values("uuid", ctx, 13, 2000)) {
    assert.match(s, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});

test("iri values never carry a fragment (ajv-formats-draft2019 rejects them)", () => {
  for (const s of values("iri", ctx, 17, 2000)) assert.ok(!s.includes("#"), s);
  assert.ok(
    values("iri").some((s) => /[\u0080-\uffff]/.test(s)),
    "no non-ASCII iri",
  );
  assert.ok(
    values("idn-hostname").some((s) => /[\u0080-\uffff]/.test(s)),
    "no non-ASCII idn-hostname",
  );
});

// Lengths each format can take, to tell honourable bounds from impossible ones.
const LENGTHS: Record<string, (n: number) => boolean> = {
  email: (n) => n >= 8,
  "idn-email": (n) => n >= 8,
  hostname: (n) => n >= 1 && n <= 253,
  "idn-hostname": (n) => n >= 1 && n <= 253,
  uri: (n) => n >= 3,
  url: (n) => n >= 13,
  iri: (n) => n >= 5,
  "uri-reference": () => true,
  "iri-reference": () => true,
  "uri-template": () => true,
  "json-pointer": () => true,
  "json-pointer-uri-fragment": (n) => n >= 1,
  "relative-json-pointer": (n) => n >= 1,
  regex: () => true,
  password: () => true,
  binary: () => true,
  byte: (n) => n % 4 === 0 && n <= 4096,
  "date-time": (n) => n === 20 || n >= 22,
  time: (n) => n === 9 || n >= 11,
  uuid: (n) => n === 36 || n === 45,
};
const BOUNDS: [number, number][] = [
  [0, 0],
  [0, 3],
  [1, 1],
  [0, 8],
  [5, 9],
  [10, 12],
  [13, 13],
  [14, 18],
  [20, 20],
  [21, 21],
  [22, 30],
  [30, 40],
  [37, 45],
  [50, 50],
  [60, 80],
  [64, 64],
  [100, 120],
  [200, 250],
  [250, 260],
  [300, 400],
];

test("length bounds are honoured wherever the format allows, and values stay valid", () => {
  for (const name of names) {
    const v = validator(name);
    const feasible = LENGTHS[name];
    for (const [min, max] of BOUNDS) {
      const c = { referenceDate: DEFAULT_REFERENCE_DATE, minLength: min, maxLength: max };
      let ok = false;
      for (let n = min; n <= max && !ok; n++) ok = feasible?.(n) ?? false;
      for (const s of values(name, c, min * 1000 + max, 60)) {
        assert.ok(v(s), `${name} [${min},${max}] rejected ${JSON.stringify(s)}`);
        const len = codePoints(s);
        if (ok) assert.ok(len >= min && len <= max, `${name} [${min},${max}] gave ${len}: ${JSON.stringify(s)}`);
      }
    }
  }
});

test("email local parts absorb length, up to 64 characters, then the domain grows", () => {
  for (const s of values("email", { referenceDate: DEFAULT_REFERENCE_DATE, minLength: 120, maxLength: 120 })) {
    assert.equal(s.length, 120);
    assert.ok(s.indexOf("@") <= 64, s);
    assert.ok(reservedHost(s.slice(s.indexOf("@") + 1)), s);
  }
  for (const s of values("email", { referenceDate: DEFAULT_REFERENCE_DATE, maxLength: 12 })) {
    assert.ok(s.length <= 12 && reservedHost(s.slice(s.indexOf("@") + 1)), s);
  }
});

test("generators never touch global randomness or the clock", () => {
  const random = Math.random,
    now = Date.now;
  Math.random = () => assert.fail("Math.random used");
  Date.now = () => assert.fail("Date.now used");
  try {
    for (const name of names) values(name, ctx, 1, 50);
  } finally {
    Math.random = random;
    Date.now = now;
  }
});
