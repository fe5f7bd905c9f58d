import { test } from "node:test";
import assert from "node:assert/strict";
import { decimalLcm, fractionDigits, isMultipleOf, multiplyExact } from "../../core/base/decimal";
import { Rng, recordKey } from "../../core/base/rng";

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

test("isMultipleOf agrees with the exact BigInt check on random decimals", () => {
  const rng = new Rng(recordKey(2, 1));
  for (const m of [0.01, 0.0025, 0.1, 0.3, 1e-6, 0.125]) {
    const digits = fractionDigits(m);
    for (let n = 0; n < 3000; n++) {
      // Half on the grid, half off it by a unit in the last place.
      const k = rng.int(-1_000_000, 1_000_000);
      const onGrid = multiplyExact(k, m);
      const x = n % 2 === 0 ? onGrid : Number((onGrid + 10 ** -(digits + 1)).toFixed(digits + 1));
      const exact = (() => {
        const scale = digits + 2;
        const X = BigInt(Math.round(Number(x.toFixed(scale)) * 10 ** scale));
        const M = BigInt(Math.round(m * 10 ** scale));
        return X % M === 0n;
      })();
      assert.equal(isMultipleOf(x, m), exact, `${x} multipleOf ${m}`);
    }
  }
});
