// Section "generation": records per second for generation + ajv validation, SpecMint vs
// json-schema-faker, on the medium50 bench schema; plus how many records each ajv rejects.
import { readFileSync } from "node:fs";
import { createGeneratorSync } from "json-schema-faker";
import { benchSchema, gc, int, loadCore, pad, padEnd, pct, repeat, requireFromRoot } from "./lib.mjs";

export const GENERATION_DEFAULTS = { count: 10_000, warmup: 5_000, runs: 3, seed: 1, topFailures: 6 };

/**
 * A plain ajv as most projects use it: `new Ajv2020()` + ajv-formats, whose multipleOf divides
 * in binary floating point (so 76762.65 is not a multiple of 0.01 to it).
 */
export function createDefaultAjv(extra = {}) {
  const Ajv2020 = requireFromRoot("ajv/dist/2020").default;
  const addFormats = requireFromRoot("ajv-formats").default;
  // logger: false only silences strict-mode warnings; it does not change what is valid.
  const ajv = new Ajv2020({ logger: false, ...extra });
  addFormats(ajv);
  return ajv;
}

/** Per-record validity plus "which fields fail", counted once per record per (path, keyword). */
export function tallyInvalid(validate, records) {
  let invalid = 0;
  const byField = new Map();
  for (const r of records) {
    if (validate(r)) continue;
    invalid++;
    const keys = new Set(
      (validate.errors ?? []).map((e) => `${e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/"} ${e.keyword}${e.params?.format ? `:${e.params.format}` : ""}`),
    );
    for (const k of keys) byField.set(k, (byField.get(k) ?? 0) + 1);
  }
  const fields = [...byField].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { invalid, total: records.length, fields };
}

/**
 * Times `count` records (after a warm-up), `runs` times; returns { recPerSec, runs, records }.
 * Timed runs keep no records (a real run streams them to disk); the records whose validity is
 * reported come from one more, untimed, run of the same seeded streams.
 */
function measure({ count, warmup, runs }, makeRun) {
  makeRun("warmup")(warmup, false); // JIT warm-up on a different stream than the timed records.
  const timing = repeat(runs, () => {
    const run = makeRun("timed");
    const t0 = performance.now();
    run(count, false);
    const ms = performance.now() - t0;
    return (count * 1000) / ms;
  });
  const records = makeRun("timed")(count, true);
  return { recPerSec: timing.median, runs: timing.runs, records };
}

/** SpecMint: Generator.record(i) returns record i already validated by SpecMint's own ajv. */
export function benchSpecMint(schemaPath, opts) {
  const { loadSchemaFile, Generator } = loadCore();
  const gen = new Generator(loadSchemaFile(schemaPath), { seed: opts.seed });
  return measure(opts, (phase) => (n, keep) => {
    const first = phase === "warmup" ? opts.count + 1 : 1;
    const out = keep ? new Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const r = gen.record(first + i);
      if (out) out[i] = r;
    }
    return out;
  });
}

/**
 * json-schema-faker 0.6.3: its synchronous generator, seeded (Mulberry32 inside; seed, seed+1, …
 * per call), each record then validated with SpecMint's ajv configuration — inside the timing,
 * so that both figures are "generation + validation".
 */
export function benchJsf(schemaPath, opts) {
  const { createAjv } = loadCore();
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const validate = createAjv("2020-12").compile(schema);
  return measure(opts, (phase) => {
    const jsf = createGeneratorSync({ seed: phase === "warmup" ? 1_000_000 + opts.seed : opts.seed, alwaysFakeOptionals: false });
    return (n, keep) => {
      const out = keep ? new Array(n) : undefined;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const r = jsf.generate(schema);
        if (!validate(r)) bad++; // counted again (with every error) by checkRecords, untimed
        if (out) out[i] = r;
      }
      return out;
    };
  });
}

/** Validity of each tool's records against SpecMint's ajv and a default ajv (outside the timing). */
export function checkRecords(schemaPath, records) {
  const { createAjv } = loadCore();
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  return {
    specmintAjv: tallyInvalid(createAjv("2020-12", { allErrors: true }).compile(schema), records),
    defaultAjv: tallyInvalid(createDefaultAjv({ allErrors: true }).compile(schema), records),
  };
}

export async function benchGeneration({ out = console.log, ...overrides } = {}) {
  const opts = { ...GENERATION_DEFAULTS, ...overrides };
  out(`generation + validation, medium50, ${int(opts.count)} records (median of ${opts.runs}; warm-up ${int(opts.warmup)})`);
  const schemaPath = benchSchema(undefined, out);
  if (!schemaPath) return { skipped: true };

  const sm = benchSpecMint(schemaPath, opts);
  const smCheck = checkRecords(schemaPath, sm.records);
  sm.records = undefined;
  gc();
  const jsf = benchJsf(schemaPath, opts);
  const jsfCheck = checkRecords(schemaPath, jsf.records);
  jsf.records = undefined;

  const w = Math.max(int(sm.recPerSec).length, int(jsf.recPerSec).length);
  const row = (name, r, c) =>
    `  ${padEnd(name, 19)} ${pad(int(r.recPerSec), w)} rec/s   ` +
    `invalid (specmint ajv) ${pad(pct(c.specmintAjv.invalid, c.specmintAjv.total), 6)}   ` +
    `invalid (default ajv) ${pad(pct(c.defaultAjv.invalid, c.defaultAjv.total), 6)}`;
  out(row("specmint", sm, smCheck));
  out(row("json-schema-faker", jsf, jsfCheck));
  const ratio = sm.recPerSec / jsf.recPerSec;
  out(`  ${padEnd("ratio", 19)} ${ratio.toFixed(1)}×  (target ≥ 20×)`);
  out(`  runs (rec/s): specmint ${sm.runs.map(int).join(" / ")}; json-schema-faker ${jsf.runs.map(int).join(" / ")}`);

  const failures = (label, c) => {
    for (const [which, t] of [["specmint ajv", c.specmintAjv], ["default ajv", c.defaultAjv]]) {
      if (!t.invalid) continue;
      const top = t.fields.slice(0, opts.topFailures).map(([k, n]) => `${k} ${pct(n, t.total)}`);
      const more = t.fields.length > opts.topFailures ? `, +${t.fields.length - opts.topFailures} more` : "";
      out(`  ${label} rejected by ${which} at: ${top.join(", ")}${more}`);
    }
  };
  failures("specmint", smCheck);
  failures("json-schema-faker", jsfCheck);

  return {
    specmint: { recPerSec: sm.recPerSec, runs: sm.runs, invalid: smCheck },
    jsf: { recPerSec: jsf.recPerSec, runs: jsf.runs, invalid: jsfCheck },
    ratio,
  };
}
