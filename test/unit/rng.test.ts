import { test } from "node:test";
import assert from "node:assert/strict";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { Rng, childFloat, childKey, hashString, indexKey, keyFloat, mix32, recordKey } from "../../core/base/rng";

test("Rng is pure-rand's xoroshiro128+ started from the key's state", () => {
  for (let i = 1; i <= 200; i++) {
    const key = childKey(recordKey(42, i), hashString("/properties/x"));
    const ours = new Rng(key);
    const c = mix32(key.hi, 0x3c6ef372),
      d = mix32(key.lo, 0xa54ff53a);
    const theirs = xoroshiro128plusFromState([key.hi, key.lo, c, d]);
    for (let n = 0; n < 50; n++) assert.equal(ours.next(), theirs.next());
    assert.equal(ours.int(0, 999), uniformInt(theirs, 0, 999));
  }
});

test("childFloat is keyFloat of the child key, without building it", () => {
  for (let i = 1; i <= 300; i++) {
    const key = recordKey(7, i);
    const step = hashString(`?p${i % 13}`);
    assert.equal(childFloat(key, step), keyFloat(childKey(key, step)));
  }
});

test("keys separate records, seeds, paths and indices", () => {
  const seen = new Set<string>();
  for (const seed of [0, 1, 2, 2 ** 40]) {
    for (let i = 1; i <= 500; i++) {
      const k = recordKey(seed, i);
      for (const step of ["a", "b"]) {
        const c = childKey(k, hashString(step));
        for (const n of [0, 1]) {
          const e = indexKey(c, n);
          seen.add(`${e.hi}:${e.lo}`);
        }
      }
    }
  }
  assert.equal(seen.size, 4 * 500 * 2 * 2);
});

test("int stays within bounds and covers them", () => {
  const r = new Rng(recordKey(1, 1));
  const hits = new Set<number>();
  for (let n = 0; n < 2000; n++) {
    const v = r.int(-3, 3);
    assert.ok(v >= -3 && v <= 3);
    hits.add(v);
  }
  assert.equal(hits.size, 7);
  for (let n = 0; n < 1000; n++) {
    const f = r.float();
    assert.ok(f >= 0 && f < 1);
  }
});
