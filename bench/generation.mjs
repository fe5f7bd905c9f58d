// Section "generation": records per second for generation + ajv validation, SpecMint vs
// json-schema-faker, on the medium50 bench schema; plus how many records each ajv rejects.
import { readFileSync } from "node:fs";
import { createGeneratorSync } from "json-schema-faker";
import { benchSchema, gc, int, loadCore, pad, padEnd, pct, requireFromRoot } from "./lib.mjs";

export const GENERATION_DEFAULTS = {
  count: 10_000,
  warmupSeconds: 5,
  rounds: 3,
  specmintRunsPerRound: 5,
  jsfRunsPerRound: 1,
  seed: 1,
  topFailures: 6,
};

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
      (validate.errors ?? []).map(
        (e) => `${e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/"} ${e.keyword}${e.params?.format ? `:${e.params.format}` : ""}`,
      ),
    );
    for (const k of keys) byField.set(k, (byField.get(k) ?? 0) + 1);
  }
  const fields = [...byField].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { invalid, total: records.length, fields };
}

/**
 * Runs a tool on its warm-up stream for `seconds` of wall time; returns how many records that took.
 * The warm-up is by time, the same for both tools, not by record count: V8 compiles the hot
 * functions (ajv's validator among them) in the background, and 5,000 records are 5 s of
 * json-schema-faker but a fraction of a second of SpecMint, not enough for that to finish
 * (measured here: SpecMint's rate kept climbing for ~40,000 records).
 */
function warmUp(run, seconds) {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    run(50, false);
    n += 50;
  }
  return n;
}

/**
 * Times each tool on runs of `count` records, in `rounds` rounds; in each round every tool makes
 * its `runsPerRound` runs, the order alternating from round to round. This machine shares its
 * cores, and a run of the same code was seen to take anywhere between 1× and 2× as long, in
 * spells of seconds: spreading a tool's runs over the whole measurement, instead of doing one
 * tool then the other, makes both tools see the same spells, and the faster tool (whose runs
 * are short) makes more runs to sample them as densely. A tool's rate is all its records over
 * all its timed seconds: a median of short runs against long runs that average the spells
 * would tilt the ratio whichever way the spells happen to fall. No forced collection
 * happens between timed runs: a forced full collection resets V8's young generation, which cost
 * SpecMint's next run ~20 % here while it grew back; one collection goes before the warm-up.
 *
 * Returns per tool { recPerSec (pooled), runs, warmup, records }; `records` come from one
 * more, untimed, run of the same seeded streams (timed runs keep nothing, as a real run streams
 * records to disk).
 */
function measurePair({ count, warmupSeconds, rounds }, tools) {
  gc();
  const warmup = tools.map((t) => warmUp(t.makeRun("warmup"), warmupSeconds)); // other streams than the timed records
  const rates = tools.map(() => []);
  const ms = tools.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < tools.length; j++) {
      const k = (j + r) % tools.length;
      for (let n = 0; n < tools[k].runsPerRound; n++) {
        const run = tools[k].makeRun("timed");
        const t0 = performance.now();
        run(count, false);
        const t = performance.now() - t0;
        ms[k] += t;
        rates[k].push((count * 1000) / t);
      }
    }
  }
  return tools.map((t, k) => ({
    recPerSec: (rates[k].length * count * 1000) / ms[k],
    runs: rates[k],
    warmup: warmup[k],
    records: t.makeRun("timed")(count, true),
  }));
}

/** SpecMint: Generator.record(i) returns record i already validated by SpecMint's own ajv. */
export function specMintTool(schemaPath, opts) {
  const { loadSchemaFile, Generator } = loadCore();
  const gen = new Generator(loadSchemaFile(schemaPath), { seed: opts.seed });
  return {
    runsPerRound: opts.specmintRunsPerRound,
    makeRun: (phase) => {
      let next = phase === "warmup" ? opts.count + 1 : 1;
      return (n, keep) => {
        const out = keep ? new Array(n) : undefined;
        for (let i = 0; i < n; i++) {
          const r = gen.record(next++);
          if (out) out[i] = r;
        }
        return out;
      };
    },
  };
}

/**
 * json-schema-faker 0.6.3: its synchronous generator, seeded (Mulberry32 inside; seed, seed+1, …
 * per call), each record then validated with SpecMint's ajv configuration — inside the timing,
 * so that both figures are "generation + validation".
 */
export function jsfTool(schemaPath, opts) {
  const { createAjv } = loadCore();
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const validate = createAjv("2020-12").compile(schema);
  return {
    runsPerRound: opts.jsfRunsPerRound,
    makeRun: (phase) => {
      const jsf = createGeneratorSync({ seed: phase === "warmup" ? 1_000_000 + opts.seed : opts.seed, alwaysFakeOptionals: false });
      return (n, keep) => {
        const out = keep ? new Array(n) : undefined;
        for (let i = 0; i < n; i++) {
          const r = jsf.generate(schema);
          // Validated inside the timed loop, as SpecMint's records are; the failures are counted (with every error) by checkRecords, untimed.
          validate(r);
          if (out) out[i] = r;
        }
        return out;
      };
    },
  };
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
  out(
    `generation + validation, medium50, ${int(opts.count)} records per run; ${opts.rounds * opts.specmintRunsPerRound} SpecMint ` +
      `and ${opts.rounds * opts.jsfRunsPerRound} json-schema-faker runs interleaved in ${opts.rounds} rounds, rate = records / timed seconds; ${opts.warmupSeconds} s warm-up each`,
  );
  const schemaPath = benchSchema(undefined, out);
  if (!schemaPath) return { skipped: true };

  const [sm, jsf] = measurePair(opts, [specMintTool(schemaPath, opts), jsfTool(schemaPath, opts)]);
  const smCheck = checkRecords(schemaPath, sm.records);
  const jsfCheck = checkRecords(schemaPath, jsf.records);
  sm.records = jsf.records = undefined;

  const w = Math.max(int(sm.recPerSec).length, int(jsf.recPerSec).length);
  const row = (name, r, c) =>
    `  ${padEnd(name, 19)} ${pad(int(r.recPerSec), w)} rec/s   ` +
    `invalid (specmint ajv) ${pad(pct(c.specmintAjv.invalid, c.specmintAjv.total), 6)}   ` +
    `invalid (default ajv) ${pad(pct(c.defaultAjv.invalid, c.defaultAjv.total), 6)}`;
  out(row("specmint", sm, smCheck));
  out(row("json-schema-faker", jsf, jsfCheck));
  const ratio = sm.recPerSec / jsf.recPerSec;
  out(`  ${padEnd("ratio", 19)} ${ratio.toFixed(1)}×  (target ≥ 20×)`);
  out(`  runs (rec/s, in order): specmint ${sm.runs.map(int).join(" / ")}; json-schema-faker ${jsf.runs.map(int).join(" / ")}`);
  out(`  warm-up records: specmint ${int(sm.warmup)}; json-schema-faker ${int(jsf.warmup)}`);

  const failures = (label, c) => {
    for (const [which, t] of [
      ["specmint ajv", c.specmintAjv],
      ["default ajv", c.defaultAjv],
    ]) {
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
