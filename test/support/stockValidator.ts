// A validator built from the ajv packages as their documentation sets them up, for checking
// generated data independently of core/validate/ajv.ts: not createAjv, not SchemaValidator, none
// of the engine's own keywords (its exact decimal multipleOf, its x- keyword shapes, the idn and iri
// formats of ajv-formats-draft2019). Ajv of the schema's draft, ajv-formats, and ajv's own float
// multipleOf made tolerant of binary rounding with multipleOfPrecision. If the engine's validator
// and this one disagree about a generated record, one of them is wrong and the test says which record.
import Ajv, { type Options } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import draft06MetaSchema from "ajv/dist/refs/json-schema-draft-06.json";
import type { Draft } from "../../core/schema/load";

export interface StockValidator {
  ajv: Ajv;
  /** What ajv said it skipped: formats it does not know (ignored under strict: false), and the like. */
  warnings: string[];
}

/** `extra`: more ajv options as a user would pass them (`{ allErrors: true }` to see every failing keyword). */
export function stockValidator(draft: Draft, extra: Options = {}): StockValidator {
  const warnings: string[] = [];
  const options: Options = {
    strict: false,
    multipleOfPrecision: 9,
    // Warnings are kept for the test to read instead of going to the console.
    logger: {
      log: () => undefined,
      warn: (...a: unknown[]) => void warnings.push(a.join(" ")),
      error: (...a: unknown[]) => void warnings.push(a.join(" ")),
    },
    ...extra,
  };
  let ajv: Ajv;
  switch (draft) {
    case "2020-12":
      ajv = new Ajv2020(options);
      break;
    case "2019-09":
      ajv = new Ajv2019(options);
      break;
    case "04":
      ajv = new AjvDraft04(options);
      break;
    case "06":
      ajv = new Ajv(options);
      ajv.addMetaSchema(draft06MetaSchema);
      break;
    default:
      ajv = new Ajv(options);
  }
  addFormats(ajv);
  return { ajv, warnings };
}
