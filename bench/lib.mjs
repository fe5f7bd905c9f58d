// Shared helpers for the bench sections: paths, timing, formatting.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(BENCH_DIR, "..");
/** Shared bench schemas live beside the project: <root>/../shared/bench/. */
export const SHARED_BENCH_DIR = resolve(BENCH_DIR, "../../shared/bench");
export const MEDIUM50 = resolve(SHARED_BENCH_DIR, "medium50.schema.json");

/** require() resolved from the project root (for dist/*.js and CommonJS dependencies). */
export const requireFromRoot = createRequire(resolve(PROJECT_ROOT, "package.json"));

/** SpecMint's engine, the CommonJS bundle built by `npm run build`. */
export function loadCore() {
  const path = resolve(PROJECT_ROOT, "dist/core.js");
  if (!existsSync(path)) throw new Error(`${path} not found; run npm run build first`);
  return requireFromRoot(path);
}

/** Absolute path of a bench schema, or undefined (after printing "skipped: …") when it is absent. */
export function benchSchema(path = MEDIUM50, out = console.log) {
  if (existsSync(path)) return path;
  out("  skipped: bench schema not found");
  return undefined;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Collect garbage between measurements when node runs with --expose-gc. */
export function gc() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

/** Runs fn() `runs` times; returns { median, runs: [...] } of the numbers it returns. */
export function repeat(runs, fn) {
  const results = [];
  for (let k = 0; k < runs; k++) {
    gc();
    results.push(fn(k));
  }
  return { median: median(results), runs: results };
}

export const int = (n) => Math.round(n).toLocaleString("en-US");
export const pct = (part, whole) => (whole ? ((100 * part) / whole).toFixed(2) : "0.00") + "%";
export const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(0);

/** Right-align a string to width. */
export const pad = (s, w) => String(s).padStart(w);
/** Left-align a string to width. */
export const padEnd = (s, w) => String(s).padEnd(w);
