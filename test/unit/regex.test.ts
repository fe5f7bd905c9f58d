import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, patternRegExp, type PatternGenerator } from "../../core/generate/regex";
import { Rng, recordKey } from "../../core/base/rng";

const SEEDS = 200;

function rngFor(seed: number): Rng {
  return new Rng(recordKey(seed, 1));
}

function generatorFor(pattern: string): PatternGenerator {
  const c = compilePattern(pattern);
  if (!c.ok) assert.fail(`${pattern}: ${c.reason}: ${c.message}`);
  return c.generator;
}

function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const PATTERNS: string[] = [
  String.raw`^PROD[0-9]{8}$`,
  String.raw`^[A-Z]{3}-[0-9]{4}-[A-Z0-9]{2}$`,
  String.raw`^\+[1-9][0-9]{7,14}$`,
  String.raw`^[a-z]+(-[a-z]+)*$`,
  String.raw`\p{Letter}+`,
  String.raw`^(a|b)\1$`,
  String.raw`(?<y>\d{4})-\k<y>`,
  String.raw`^\S+@\S+$`,
  String.raw`[^abc]{3}`,
  String.raw`^.{2,5}$`,
  String.raw`^[\u0400-\u04FF]+$`,
  String.raw`^\d+(\.\d{1,2})?$`,
  String.raw`abc`,
  String.raw`^$`,
  String.raw`(?=.*\d)[a-z\d]{6}`,
  String.raw`^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`,
  String.raw`^\d{3}-\d{2}-\d{4}$`,
  String.raw`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
  String.raw`^#[0-9A-Fa-f]{6}$`,
  String.raw`^(?:[01]\d|2[0-3]):[0-5]\d$`,
  String.raw`^https?://[a-z0-9.-]+\.[a-z]{2,6}(/[\w.-]*)*$`,
  String.raw`^\w+$`,
  String.raw`^\W+$`,
  String.raw`^\D{2,4}$`,
  String.raw`^\s+$`,
  String.raw`^[\s\S]{3}$`,
  String.raw`\p{Lu}\p{Ll}+`,
  String.raw`^\p{Script=Greek}+$`,
  String.raw`^\P{L}{3}$`,
  String.raw`^[\p{L}\p{N}_]+$`,
  String.raw`^[^\p{L}\d]+$`,
  String.raw`^\p{Lu}{2}\p{Nd}{2}$`,
  String.raw`\u{1F600}`,
  String.raw`^[\u{1F600}-\u{1F64F}]{2}$`,
  String.raw`^[^\u0000-\u007F]+$`,
  String.raw`^\x41\u0042\t\n\0$`,
  String.raw`^\cJ\cM[\b]$`,
  String.raw`^[.]\[\]\\\/\{\}\(\)\*\+\?\^\$\|$`,
  String.raw`^(?:foo|bar|baz)+$`,
  String.raw`^(a|^b)c`,
  String.raw`x(^a|b)`,
  String.raw`(a$|b)c`,
  String.raw`^a*?b+?c??d{2,}?$`,
  String.raw`^(?<first>[a-z]+) \k<first>$`,
  String.raw`^(\d)(\d)\2\1$`,
  String.raw`^(?:(a)|b)\1c$`,
  String.raw`\bfoo\b`,
  String.raw`\Bfoo`,
  String.raw`(?<=\$)\d+`,
  String.raw`(?<!-)\b\d+`,
  String.raw`\d+(?!px)`,
  String.raw`^(?!admin$)[a-z]{5}$`,
  String.raw`^(?=.*[A-Z])(?=.*[a-z])(?=.*\d).{8,12}$`,
  String.raw`^(ab){2,3}$`,
  String.raw`^a{0}b$`,
  String.raw`colou?r`,
  String.raw`^(?:\+?1[-. ]?)?\(?[0-9]{3}\)?[-. ]?[0-9]{3}[-. ]?[0-9]{4}$`,
  String.raw`^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$`,
  String.raw`^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$`,
  String.raw`^(a|)+$`,
  String.raw`^(?:a|b(?=c))c$`,
  String.raw`^(?<a>x)|(?<b>y)$`,
  String.raw`^[A-Z][a-z]*(?: [A-Z][a-z]*)*$`,
  String.raw`^((a)|(b))+\2?$`,
  String.raw``,
];

test("table: every output matches the pattern", () => {
  assert.ok(PATTERNS.length >= 60);
  for (const p of PATTERNS) {
    const g = generatorFor(p);
    const re = new RegExp(p, "u");
    for (let seed = 0; seed < SEEDS; seed++) {
      const s = g.generate(rngFor(seed));
      assert.ok(s !== undefined, `${p} seed ${seed}: no string`);
      assert.ok(re.test(s), `${p} seed ${seed}: ${JSON.stringify(s)} does not match`);
    }
  }
});

test("table: same rng key gives the same string", () => {
  for (const p of PATTERNS) {
    const g = generatorFor(p);
    for (let seed = 0; seed < 20; seed++) {
      assert.equal(g.generate(rngFor(seed)), g.generate(rngFor(seed)), p);
      assert.equal(g.generate(rngFor(seed), 3, 40), g.generate(rngFor(seed), 3, 40), p);
    }
  }
});

test("determinism does not depend on compile order or cache state", () => {
  const a = generatorFor(String.raw`^[a-z]+(-[a-z]+)*$`).generate(rngFor(42));
  compilePattern(String.raw`\p{Lu}+`);
  const b = generatorFor(String.raw`^[a-z]+(-[a-z]+)*$`).generate(rngFor(42));
  assert.equal(a, b);
});

const BOUNDED: [string, number, number][] = [
  [String.raw`[a-z]{1,10}`, 5, 5],
  [String.raw`^[a-z]+(-[a-z]+)*$`, 20, 30],
  [String.raw`^[a-z]+(-[a-z]+)*$`, 1, 3],
  [String.raw`^\d+(\.\d{1,2})?$`, 1, 3],
  [String.raw`^\d+(\.\d{1,2})?$`, 6, 6],
  [String.raw`abc`, 10, 12],
  [String.raw`^abc`, 5, 5],
  [String.raw`abc$`, 5, 5],
  [String.raw`\p{Letter}+`, 3, 4],
  [String.raw`^.{2,5}$`, 4, 100],
  [String.raw`^(a|b)\1$`, 2, 2],
  [String.raw`^[A-Z]{3}-[0-9]{4}$`, 8, 8],
  [String.raw`^\w{5,}$`, 40, 50],
  [String.raw`^(ab){2,3}$`, 5, 6],
  [String.raw`^(?:foo|ba)+$`, 7, 7],
  [String.raw`^(?:foo|ba)+$`, 100, 110],
  [String.raw`^\S+@\S+$`, 3, 3],
  [String.raw`^[\u{1F600}-\u{1F64F}]+$`, 2, 3],
  [String.raw`(?<y>\d{2,4})-\k<y>`, 7, 7],
  [String.raw`^(\w+)\s\1$`, 9, 9],
  [String.raw`^(?=.*\d)[a-z\d]{4,}$`, 10, 10],
  [String.raw`^.*$`, 0, 0],
];

test("length bounds are honoured when satisfiable", () => {
  for (const [p, min, max] of BOUNDED) {
    const g = generatorFor(p);
    const re = new RegExp(p, "u");
    for (let seed = 0; seed < SEEDS; seed++) {
      const s = g.generate(rngFor(seed), min, max);
      assert.ok(s !== undefined, `${p} [${min},${max}] seed ${seed}: no string`);
      const n = cpLength(s);
      assert.ok(n >= min && n <= max, `${p} [${min},${max}] seed ${seed}: ${JSON.stringify(s)} has length ${n}`);
      assert.ok(re.test(s), `${p} seed ${seed}: ${JSON.stringify(s)} does not match`);
    }
  }
});

test("length targets still spread over the allowed range", () => {
  const g = generatorFor(String.raw`^[a-z]+(-[a-z]+)*$`);
  const lengths = new Set<number>();
  for (let seed = 0; seed < 300; seed++) lengths.add(cpLength(g.generate(rngFor(seed), 20, 30)!));
  assert.ok(lengths.size >= 8, `lengths: ${[...lengths].join(",")}`);
});

test("unsatisfiable length bounds return undefined", () => {
  assert.equal(generatorFor(String.raw`^[a-z]{3}$`).generate(rngFor(1), 5, 10), undefined);
  assert.equal(generatorFor(String.raw`abc`).generate(rngFor(1), 0, 2), undefined);
  assert.equal(generatorFor(String.raw`^abc$`).generate(rngFor(1), 4), undefined);
  assert.equal(generatorFor(String.raw`[a-z]`).generate(rngFor(1), 3, 2), undefined);
});

test("diversity: repeat counts and branches cover their ranges", () => {
  const g = generatorFor(String.raw`[a-z]{1,10}`);
  const lengths = new Set<number>();
  const strings = new Set<string>();
  for (let seed = 0; seed < 500; seed++) {
    const s = g.generate(rngFor(seed))!;
    lengths.add(s.length);
    strings.add(s);
  }
  assert.ok(lengths.size >= 8, `lengths: ${[...lengths].join(",")}`);
  assert.ok(strings.size >= 450);

  const branches = new Set<string>();
  const alt = generatorFor(String.raw`^(cat|dog|bird|fish)$`);
  for (let seed = 0; seed < 100; seed++) branches.add(alt.generate(rngFor(seed))!);
  assert.equal(branches.size, 4);

  const star = generatorFor(String.raw`^x*$`);
  const starLengths = new Set<number>();
  for (let seed = 0; seed < 300; seed++) starLengths.add(star.generate(rngFor(seed))!.length);
  assert.ok(starLengths.size >= 6 && starLengths.has(0));

  const letters = generatorFor(String.raw`^\p{L}$`);
  const ascii = [...Array(200).keys()].map((seed) => letters.generate(rngFor(seed))!).filter((s) => /^[A-Za-z]$/.test(s));
  assert.ok(ascii.length > 40 && ascii.length < 160, `ascii share ${ascii.length}/200`);
});

test("broad sets prefer printable ASCII", () => {
  for (const p of [String.raw`^.{20}$`, String.raw`^[^abc]{20}$`, String.raw`^\S{20}$`, String.raw`^[\s\S]{20}$`]) {
    const g = generatorFor(p);
    for (let seed = 0; seed < 50; seed++) assert.match(g.generate(rngFor(seed))!, /^[\x20-\x7e]+$/, p);
  }
  // ...and fall back to the rest of the set when it holds no ASCII.
  assert.match(generatorFor(String.raw`^[^\u0000-\u00FF]$`).generate(rngFor(3))!, /^[\u0100-\u{10ffff}]$/u);
});

test("invalid patterns are reported with an offset", () => {
  for (const [p, offset] of [
    ["[", 1],
    ["a{2,1}", 1],
    ["(?<x>a)(?<x>b)", 10],
    [String.raw`\p{Foo}`, 0],
  ] as const) {
    const c = compilePattern(p);
    assert.equal(c.ok, false, p);
    if (c.ok) continue;
    assert.equal(c.reason, "invalid", p);
    assert.equal(c.offset, offset, p);
    assert.ok(c.message.length > 0);
  }
  for (const p of ["a**", "(", ")", String.raw`\2(a)`, "[z-a]", String.raw`\k<q>`]) {
    const c = compilePattern(p);
    assert.ok(!c.ok && c.reason === "invalid" && typeof c.offset === "number", p);
  }
});

test("impossible patterns are unsupported or yield undefined, without hanging", () => {
  for (const p of ["(?=b)a", "a^b", "a$b", String.raw`a\bb`, String.raw`(?!a)a`, String.raw`[^\s\S]`, String.raw`x(?<=y)`]) {
    const t0 = Date.now();
    const c = compilePattern(p);
    if (c.ok) {
      for (let seed = 0; seed < 20; seed++) assert.equal(c.generator.generate(rngFor(seed)), undefined, p);
    } else {
      assert.equal(c.reason, "unsupported", p);
    }
    assert.ok(Date.now() - t0 < 2000, `${p} took too long`);
  }
});

test("compilePattern and patternRegExp cache by source", () => {
  const p = String.raw`^[a-f]{2}$`;
  assert.equal(compilePattern(p), compilePattern(p));
  const re = patternRegExp(p);
  assert.ok(re instanceof RegExp && re.flags === "u");
  assert.equal(patternRegExp(p), re);
  assert.equal(patternRegExp("["), undefined);
});

test("generate consumes only the given stream (no Math.random)", () => {
  const original = Math.random;
  Math.random = () => {
    throw new Error("Math.random used");
  };
  try {
    const g = generatorFor(String.raw`^(?=.*\d)[a-z\d]{6}-\p{Lu}{2}$`);
    assert.ok(g.generate(rngFor(9)));
  } finally {
    Math.random = original;
  }
});

test("deeply nested unbounded repetition is refused at once instead of backtracking for minutes", () => {
  const started = performance.now();
  const r = compilePattern("(((((((((a*)*)*)*)*)*)*)*)*)*$");
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.reason === "unsupported" && /nested 10 deep/.test(r.message));
  assert.ok(performance.now() - started < 1000);
  assert.equal(compilePattern("^([a-z]+-)*[a-z]+$").ok, true);
});
