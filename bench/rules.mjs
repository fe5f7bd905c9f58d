// Section "rules": what cross-field rules and x-unique cost. For each example schema, time per
// record (generation + rules + repairs + ajv) with its rules and x-unique nodes, and with both
// stripped from the same schema; repairs per 1,000 records; and how often each rule held before
// repair.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, gc, loadCore, pad, padEnd, repeat } from "./lib.mjs";

export const RULES_DEFAULTS = { count: 5_000, warmup: 3_000, runs: 3, seed: 42 };

function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node !== "object" || node === null) return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) if (k !== "x-cross-field-rules" && k !== "x-unique") out[k] = strip(v);
  return out;
}

/** Steady-state µs per record: one generator, warmed up on other indices (as the generation section does). */
function timePerRecord(makeGenerator, opts) {
  const g = makeGenerator();
  for (let i = 0; i < opts.warmup; i++) g.record(opts.count + 1 + i);
  const t = repeat(opts.runs, () => {
    const t0 = performance.now();
    for (let i = 1; i <= opts.count; i++) g.record(i);
    return ((performance.now() - t0) * 1000) / opts.count;
  });
  return t.median;
}

export async function benchRules({ out = console.log, ...overrides } = {}) {
  const opts = { ...RULES_DEFAULTS, ...overrides };
  const { loadSchemaText, Generator } = loadCore();
  const dir = join(PROJECT_ROOT, "examples");
  out(`rules and x-unique, examples, ${opts.count.toLocaleString("en-US")} records (median of ${opts.runs}; µs per record incl. ajv)`);
  const results = {};
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const plain = JSON.stringify(strip(JSON.parse(text)), null, 2);
    const withRules = timePerRecord(() => new Generator(loadSchemaText(text, file), { seed: opts.seed }), opts);
    gc();
    const without = timePerRecord(() => new Generator(loadSchemaText(plain, file), { seed: opts.seed }), opts);
    gc();
    const g = new Generator(loadSchemaText(text, file), { seed: opts.seed });
    for (let i = 1; i <= 1000; i++) g.record(i);
    const stats = g.ruleStats();
    const held = stats.map((s) => `${Math.round((100 * s.heldBefore) / Math.max(1, s.checked))}%`).join(" ");
    out(
      `  ${padEnd(name.replace(/\.schema\.json$/, ""), 20)} ${pad(withRules.toFixed(1), 7)} µs with, ${pad(without.toFixed(1), 7)} µs without ` +
        `(${pad(((withRules / without - 1) * 100).toFixed(0), 4)}%)   repairs/1,000: ${pad(g.stats.repairs, 5)}   held before repair: ${held}`,
    );
    results[name] = { usWith: withRules, usWithout: without, repairsPer1000: g.stats.repairs, rules: stats };
  }
  return results;
}
