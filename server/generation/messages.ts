// Messages between the language server and its generation worker threads. Generating runs off the
// main thread: compiling a 5,000-line schema takes ajv longer than a person waits for a keystroke.
import type { OutputFormat } from "../../core/output";
import type { GenerateResult, OmittedNode } from "../../common/protocol";
import type { LlmRun } from "../../common/generationRun";
import type { Finding } from "../../core/analyze";
import type { Draft, OfflineSources } from "../../core/schema";
import type { FileAccess } from "../fileAccess";
import type { Limits } from "../../common/settings";
import type { RecordKind } from "../../core/kinds";
import type { Violation } from "../../core/invalid";

/** The records a request is about: their kind, and for kind invalid the keywords it may break. */
export interface KindChoice {
  kind: RecordKind;
  violate?: string[];
}

/** Everything a record depends on, and nothing else: the same input gives the same records. */
export interface GenerationInput {
  text: string;
  /** Absolute path of the schema, when it is a file (for references to files next to it). */
  file?: string;
  seed: number;
  referenceDate: string;
  /** The draft of a schema without `$schema` (`specmint.defaultDraft`); absent: inferred from its keywords. */
  draft?: Draft;
  /** Documents referenced by URL (`specmint.schemaDirs`, `specmint.refs`). */
  offline?: OfflineSources;
  /** Open documents' texts by file path, read instead of the disk for referenced files. */
  overlay: [string, string][];
  /** Which files may be read (allowed roots, trust); absent: any. */
  access?: FileAccess;
  /** Work limits raised or lowered (`specmint.limits`); absent: the defaults. */
  limits?: Partial<Limits>;
}

/** Where and why generation failed, as core's SpecMintError says it. */
export interface GenerationFailure {
  message: string;
  kind: string;
  file?: string;
  pointer?: string;
  /** The work limit exceeded, when that is why (a LimitError): shown as `limit-exceeded`, not `unsatisfiable`. */
  limit?: string;
}

export type WorkerRequest =
  | { id: number; kind: "probe"; input: GenerationInput; records: number }
  | {
      id: number;
      kind: "samples";
      input: GenerationInput;
      pointer: string;
      count: number;
      records: KindChoice;
      /** Kind invalid at the root: the root's own constraints, not records 1, 2, … (the hover). */
      ownConstraints?: boolean;
    }
  | {
      id: number;
      kind: "generate";
      input: GenerationInput;
      count: number;
      outDir: string;
      formats: OutputFormat[];
      /** The schema path as the manifest records it. */
      manifestPath: string;
      /** How the model is called; absent with llmMode off. */
      llm?: LlmRun;
      records: KindChoice;
    }
  | { id: number; kind: "cancel" };

export type WorkerResponse =
  | { id: number; kind: "probe"; failure?: GenerationFailure; findings: Finding[] }
  | {
      id: number;
      kind: "samples";
      samples?: unknown[];
      /** Kind invalid: the label of each sample. */
      violations?: Violation[];
      omitted?: OmittedNode[];
      failure?: GenerationFailure;
    }
  | { id: number; kind: "progress"; done: number; total: number }
  /** A warning of the run for the server's log (a model answer that could not be cached, …). */
  | { id: number; kind: "log"; message: string }
  | { id: number; kind: "generate"; result?: GenerateResult; failure?: GenerationFailure; cancelled?: boolean }
  | { id: number; kind: "crash"; message: string };

/** workerData that makes dist/server.js run as a generation worker instead of a server. */
export const WORKER_ROLE = "specmint-generation-worker";
