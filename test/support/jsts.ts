// The JSON Schema Test Suite as a conformance corpus: for each group that has a valid instance,
// generate N instances and check each with a separately compiled ajv validator of the engine's
// setup (createAjv), and each one that validator accepts also with a stock ajv (stockValidator.ts).
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { createAjv } from "../../core/validate/ajv";
import { stockValidator } from "./stockValidator";

export const CORPUS_DIR = path.resolve(__dirname, "../../../shared/corpora/jsts");

export interface GroupResult {
  file: string;
  index: number;
  description: string;
  outcome: "pass" | "fail" | "oracle-wrong";
  reason?: string;
}

/** A generated record the engine's validator accepts and the stock one does not (or cannot check). */
export interface Disagreement {
  file: string;
  index: number;
  description: string;
  reason: string;
}

export interface ConformanceResult {
  draft: string;
  groups: GroupResult[];
  passed: number;
  failed: number;
  oracleWrong: number;
  /** passed / (passed + failed), in percent. */
  rate: number;
  /** The stock validator's view, over the groups not counted apart. */
  stock: {
    /** Generated records the engine's validator accepted, checked again by the stock one. */
    checked: number;
    disagreements: Disagreement[];
    /** Formats the stock validator skipped as unknown (ajv-formats has no idn or iri formats), sorted. */
    unknownFormats: string[];
    /** Other warnings of the stock validator. */
    warnings: string[];
  };
}

export function corpusPath(name: "draft2020-12" | "draft7"): string {
  return path.join(CORPUS_DIR, `${name}.json`);
}

export function corpusAvailable(): boolean {
  return existsSync(corpusPath("draft2020-12")) && existsSync(corpusPath("draft7"));
}

/**
 * `declare: false` hands draft 7 groups over as the suite writes them, without `$schema`, so the
 * engine must infer the draft (core/schema/draft.ts); the oracle still reads them as draft 7.
 */
export function runConformance(name: "draft2020-12" | "draft7", instances = 20, seed = 1, { declare = true } = {}): ConformanceResult {
  const corpus = JSON.parse(readFileSync(corpusPath(name), "utf8")) as {
    groups: { file: string; index: number; description: string; schema: unknown; validExamples: unknown[] }[];
  };
  const groups: GroupResult[] = [];
  const stock = { checked: 0, disagreements: [] as Disagreement[], unknownFormats: [] as string[], warnings: [] as string[] };
  // One stock ajv for the corpus, emptied between groups (compiling its meta-schema once per group
  // would double the time of this test); its meta-schemas and formats stay.
  const stockAjv = stockValidator(name === "draft7" ? "07" : "2020-12");
  for (const g of corpus.groups) {
    const base = { file: g.file, index: g.index, description: g.description };
    let schema = g.schema;
    // The suite leaves $schema out of draft 7 groups; say which draft they are.
    if (declare && name === "draft7" && typeof schema === "object" && schema !== null && !("$schema" in schema)) {
      schema = { $schema: "http://json-schema.org/draft-07/schema#", ...schema };
    }
    const text = JSON.stringify(schema);
    let oracle;
    try {
      const loaded = loadSchemaText(text, undefined);
      oracle = createAjv(name === "draft7" ? "07" : loaded.draft).compile(loaded.main.root as object);
    } catch (e) {
      groups.push({ ...base, outcome: "oracle-wrong", reason: `ajv cannot compile: ${(e as Error).message}` });
      continue;
    }
    let oracleAccepts: boolean;
    try {
      oracleAccepts = g.validExamples.every((v) => oracle(v));
    } catch {
      oracleAccepts = false; // ajv overflows its stack on some dynamic-ref groups
    }
    if (!oracleAccepts) {
      groups.push({ ...base, outcome: "oracle-wrong", reason: "ajv rejects one of the suite's valid instances" });
      continue;
    }
    stockAjv.ajv.removeSchema();
    stockAjv.warnings.length = 0;
    let stockCheck: ((v: unknown) => string | undefined) | undefined;
    try {
      const validate = stockAjv.ajv.compile(schema as object);
      stockCheck = (v) => {
        try {
          return validate(v) ? undefined : JSON.stringify(validate.errors?.[0]);
        } catch (e) {
          return `the stock validator throws: ${(e as Error).message}`;
        }
      };
    } catch (e) {
      stock.disagreements.push({ ...base, reason: `the stock validator cannot compile the schema: ${(e as Error).message}` });
    }
    for (const w of stockAjv.warnings) {
      const format = /^unknown format "([^"]*)"/.exec(w)?.[1];
      if (format === undefined) stock.warnings.push(`${g.file}#${g.index}: ${w}`);
      else if (!stock.unknownFormats.includes(format)) stock.unknownFormats.push(format);
    }
    try {
      const gen = new Generator(loadSchemaText(text, undefined), { seed });
      let bad: string | undefined;
      for (let i = 1; i <= instances && !bad; i++) {
        const v = gen.record(i);
        if (!oracle(v)) bad = `record ${i} invalid: ${JSON.stringify(v).slice(0, 120)} ${JSON.stringify(oracle.errors?.[0])}`;
        else if (stockCheck) {
          stock.checked++;
          const why = stockCheck(v);
          if (why !== undefined) stock.disagreements.push({ ...base, reason: `record ${i} ${JSON.stringify(v).slice(0, 120)}: ${why}` });
        }
      }
      groups.push(bad ? { ...base, outcome: "fail", reason: bad } : { ...base, outcome: "pass" });
    } catch (e) {
      groups.push({ ...base, outcome: "fail", reason: (e as Error).message });
    }
  }
  const passed = groups.filter((g) => g.outcome === "pass").length;
  const failed = groups.filter((g) => g.outcome === "fail").length;
  const oracleWrong = groups.filter((g) => g.outcome === "oracle-wrong").length;
  return {
    draft: name,
    groups,
    passed,
    failed,
    oracleWrong,
    rate: (100 * passed) / Math.max(1, passed + failed),
    stock: { ...stock, unknownFormats: stock.unknownFormats.sort() },
  };
}
