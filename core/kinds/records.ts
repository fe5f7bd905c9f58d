// Record i of each kind from one generator: valid (the engine's record i), invalid (valid record i
// with one constraint broken, labelled) and boundary (records on the schema's edges). The CLI, the
// language server and the extension ask for records through here, so every surface makes the same
// record i of a kind from (schema, options, seed, kind, i).
import { SpecMintError } from "../base/errors";
import type { Generator } from "../engine/generator";
import { InvalidRecords, type Violation } from "../invalid/invalidRecords";
import { boundaryRecordsOf } from "../boundary/boundaryRecords";
import type { ViolableConstraint } from "../invalid/constraints";

export const RECORD_KINDS = ["valid", "invalid", "boundary"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(v: unknown): v is RecordKind {
  return typeof v === "string" && (RECORD_KINDS as readonly string[]).includes(v);
}

/** One record of a kind; `violation` is set for kind invalid (the line of violations.jsonl). */
export interface KindRecord {
  record: unknown;
  violation?: Violation;
}

export interface RecordsOfKind {
  readonly kind: RecordKind;
  /** Record `index` (1-based). */
  record(index: number): KindRecord;
  /**
   * Kind invalid: the constraints broken in turn. Record i breaks constraints[(i − 1) mod length]
   * when it can be broken alone there (else the next one), so a caller can go to a constraint's records.
   */
  readonly constraints?: readonly ViolableConstraint[];
}

export interface KindOptions {
  /** Kind invalid: break only constraints of these keywords (--violate). */
  violate?: readonly string[];
}

/** Throws SpecMintError("schema") when the schema cannot give records of the kind. */
export function recordsOfKind(generator: Generator, kind: RecordKind, options: KindOptions = {}): RecordsOfKind {
  if (kind === "valid") return { kind, record: (i) => ({ record: generator.record(i) }) };
  if (kind === "invalid") {
    const invalid = new InvalidRecords(generator, options.violate);
    return {
      kind,
      constraints: invalid.constraints,
      record(i) {
        const made = invalid.record(i);
        return { record: made.record, violation: made.violation };
      },
    };
  }
  if (kind === "boundary") {
    const boundary = boundaryRecordsOf(generator);
    return { kind, record: (i) => ({ record: boundary.record(i) }) };
  }
  throw new SpecMintError("usage", `unknown kind ${JSON.stringify(kind)}; kinds are ${RECORD_KINDS.join(", ")}`);
}
