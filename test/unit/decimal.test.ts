import { test } from "node:test";
import assert from "node:assert/strict";
import { decimalLcm, fractionDigits, isMultipleOf, multiplyExact } from "../../core/decimal";
import { Rng, recordKey } from "../../core/rng";

test("multiplyExact gives the double nearest the exact decimal product", () => {
  const rng = new Rng(recordKey(1, 1));
  for (const m of [0.01, 0.0025, 0.5, 0.1, 0.001, 1e-8, 0.07, 2.5]) {
    for (let n = 0; n < 2000; n++) {
      const k = rng.int(-10_000_000, 10_000_000);
      const digits = fractionDigits(m);
      const exact = (BigInt(k) * BigInt(Math.round(m * 10 ** digits))).toString();
      const neg = exact.startsWith("-");
      const abs = (neg ? exact.slice(1) : exact).padStart(digits + 1, "0");
      const text = `${neg ? "-" : ""}${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
      assert.equal(multiplyExact(k, m), Number(text), `${k} × ${m}`);
    }
  }
  assert.equal(multiplyExact(3, 0.1), 0.3);
  assert.equal(multiplyExact(990537, 0.01), 9905.37);
});

test("isMultipleOf is exact in decimal where binary floating point is not", () => {
  assert.ok(isMultipleOf(9905.37, 0.01));
  assert.ok(9905.37 / 0.01 !== Math.round(9905.37 / 0.01), "the binary check would fail here");
  assert.ok(isMultipleOf(0.3, 0.1));
  assert.ok(!isMultipleOf(0.00751, 0.0001));
  assert.ok(!isMultipleOf(1e308, 0.123456789));
  assert.ok(isMultipleOf(4.5, 1.5));
  assert.ok(!isMultipleOf(35, 1.5));
  assert.ok(isMultipleOf(-0.02, 0.01));
});

test("decimalLcm of decimal steps", () => {
  assert.equal(decimalLcm(0.01, 1), 1);
  assert.equal(decimalLcm(0.25, 0.1), 0.5);
  assert.equal(decimalLcm(4, 6), 12);
});
