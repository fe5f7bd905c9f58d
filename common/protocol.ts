// What the extension (or any LSP client) and the language server say to each other beyond LSP
// itself, typed once for both sides (docs/protocol.md "Requests").
import { NotificationType, ProtocolRequestType, RequestType, type WorkDoneProgressParams } from "vscode-languageserver-protocol";
import type { Manifest, OutputFormat } from "../core/output";
import type { RecordKind } from "../core/kinds";
import type { Violation } from "../core/invalid";

export type { RecordKind, Violation };

/** `initializationOptions` of the initialize request. Without it the server is untrusted. */
export interface InitializationOptions {
  trusted: boolean;
  /**
   * Folder of the LLM answer cache (the extension: its global storage folder). Without it, the
   * CLI's default: `${XDG_CACHE_HOME:-~/.cache}/specmint/llm`.
   */
  llmCacheDir?: string;
  /**
   * The client offers JSON Schema keywords itself as VS Code's JSON extension does: those of a
   * `$schema` draft it knows, and draft-07's in a `*.schema.json` file without `$schema`. The server
   * then offers only the keywords the client does not (SpecMint's `x-` extensions, newer drafts' ones).
   */
  jsonKeywordCompletion?: boolean;
}

export interface SamplesParams {
  uri: string;
  /** JSON Pointer into the schema document ("" = root, "/properties/patient/properties/name", …). */
  pointer: string;
  count: number;
  seed: number;
  /** The kind of records the samples come from (`specmint generate --kind`); default "valid". */
  kind?: RecordKind;
  /** Kind invalid: break only constraints of these keywords (`--violate`). */
  violate?: string[];
}
/** A schema node that does not compile, left out of the samples of the rest of the schema. */
export interface OmittedNode {
  pointer: string;
  message: string;
}
export interface SamplesResult {
  samples: unknown[];
  /**
   * Nodes that do not compile (the CLI refuses the schema): the samples come from the schema without
   * them, an optional property among them left out of the records. Absent when every node compiles.
   */
  omitted?: OmittedNode[];
  /**
   * Kind invalid: the label of each sample, violations[k] of samples[k] (the line violations.jsonl
   * has for that record; deeper than the root, samples[k] is the value at its instance_path).
   */
  violations?: Violation[];
}
/**
 * For the root, sample i is the CLI's record i of the kind; deeper, the values the node produced in
 * records 1, 2, … of the kind, and for kind invalid the values at the label's instance path of the
 * invalid records that break a constraint of that node (its own, then its being required).
 */
export const SamplesRequest = new RequestType<SamplesParams, SamplesResult, void>("specmint/samples");

export type { LlmMode } from "./settings";
import type { LlmMode } from "./settings";

export interface GenerateParams extends WorkDoneProgressParams {
  uri: string;
  count: number;
  seed: number;
  /** A file-system path on the server's host; a relative one is taken from the schema's workspace folder. */
  outDir: string;
  formats: OutputFormat[];
  llmMode: LlmMode;
  /** The kind of records (`--kind`); default "valid". Kind invalid also writes violations.jsonl. Other kinds need llmMode off. */
  kind?: RecordKind;
  /** Kind invalid: break only constraints of these keywords (`--violate`). */
  violate?: string[];
}
export interface GenerateResult {
  outDir: string;
  /** File names inside outDir, in the order they were written. */
  files: string[];
  manifest: Manifest;
}
/**
 * Writes a dataset folder, in any LLM mode (the model and its settings: `specmint.ollama.*`,
 * `specmint.llm.*`); reports work-done progress; cancelled, it leaves the folder as it was. The run
 * and its manifest are those of `specmint generate` with the same settings. Refused when untrusted.
 */
export const GenerateRequest = new ProtocolRequestType<GenerateParams, GenerateResult, never, void, void>("specmint/generate");

/** Generate a set of entities (issue 15): `uri` is the set file (TOML with [[entity]] tables). */
export interface GenerateSetParams extends WorkDoneProgressParams {
  uri: string;
  /** A file-system path on the server's host; a relative one is taken from the set file's folder. */
  outDir: string;
  /** Overrides the set file's seed when given. */
  seed?: number;
}
export interface GenerateSetResult {
  outDir: string;
  /** Each entity's name and record count, from the set's manifest.json (empty when it does not list them). */
  entities: { name: string; records?: number }[];
  /** What the run said it wrote (its last line), for the closing message. */
  summary: string;
}
/**
 * Writes a set's folder (`DIR/<entity>/` and `DIR/manifest.json`) as `specmint generate --set FILE
 * --out DIR` does, with the same settings order (flags > set file > specmint.toml > env); cancelled,
 * it leaves the folder as it was. Refused when untrusted.
 */
export const GenerateSetRequest = new ProtocolRequestType<GenerateSetParams, GenerateSetResult, never, void, void>("specmint/generateSet");

export interface TrustChangedParams {
  trusted: boolean;
}
export const TrustChangedNotification = new NotificationType<TrustChangedParams>("specmint/trustChanged");

/** Commands the server's CodeLenses invoke; the client implements them. Argument: the document URI. */
export const Commands = {
  previewSamples: "specmint.previewSamples",
  generateFixtures: "specmint.generateFixtures",
} as const;

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "specmint";

// ---- datasets and Ollama (the extension's commands) -------------------------------------------

import type { ValidateReport } from "../core/validate";
import type { DatasetStats } from "../core/validate";
import type { ProviderStatus, ModelInfo } from "../core/enrich";

export type { ValidateReport, DatasetStats, ProviderStatus, ModelInfo };

export interface ValidateDatasetParams {
  /** The schema document's URI (its unsaved text when open). */
  schemaUri: string;
  /** A file-system path on the server's host: a .jsonl/.json file or a SpecMint output folder. */
  dataset: string;
}
/** Scores a dataset against a schema: the object `specmint validate --json` prints. */
export const ValidateDatasetRequest = new RequestType<ValidateDatasetParams, ValidateReport, void>("specmint/validateDataset");

export interface InspectDatasetParams {
  dataset: string;
  schemaUri?: string;
}
/** Field statistics: the object `specmint inspect --json` prints. */
export const InspectDatasetRequest = new RequestType<InspectDatasetParams, DatasetStats, void>("specmint/inspectDataset");

/** Host and model; missing ones come from the `specmint.ollama.*` settings. */
export interface OllamaParams {
  host?: string;
  model?: string;
}
export interface OllamaStatusResult extends ProviderStatus {
  /** Why an LLM run would not start (with the fix); absent when it would. */
  problem?: string;
  /** The `specmint doctor` text. */
  report: string;
}
export const OllamaStatusRequest = new RequestType<OllamaParams, OllamaStatusResult, void>("specmint/ollama/status");
export const OllamaModelsRequest = new RequestType<OllamaParams, { models: ModelInfo[] }, void>("specmint/ollama/models");

export interface OllamaPullParams extends OllamaParams, WorkDoneProgressParams {
  model: string;
}
/** Pulls a model with work-done progress; cancellable. Refused when untrusted. */
export const OllamaPullRequest = new ProtocolRequestType<OllamaPullParams, { model: string; found: boolean }, never, void, void>(
  "specmint/ollama/pull",
);

export interface DraftSchemaParams extends OllamaParams {
  description: string;
}
/** Asks the model for a JSON Schema matching a description. Refused when untrusted. */
export const DraftSchemaRequest = new RequestType<DraftSchemaParams, { schema: Record<string, unknown> }, void>(
  "specmint/ollama/draftSchema",
);

export const MoreCommands = {
  enrichWithOllama: "specmint.enrichWithOllama",
  validateDataset: "specmint.validateDataset",
  /** Changes the schema a dataset is validated against: (dataset?, schema?); remembered in the workspace. */
  chooseDatasetSchema: "specmint.chooseDatasetSchema",
  inspectDataset: "specmint.inspectDataset",
  doctor: "specmint.doctor",
  selectModel: "specmint.selectModel",
  newSchemaFromDescription: "specmint.newSchemaFromDescription",
  nextSeed: "specmint.preview.nextSeed",
  previousSeed: "specmint.preview.previousSeed",
  /** The preview's kind of records: (schema or preview?, kind?); without a kind, a quick pick asks. */
  previewKind: "specmint.preview.chooseKind",
  statusMenu: "specmint.statusMenu",
  /** Quick fixes of an unresolved `$ref` URL: (folder, schema URI) and (URL prefix, schema URI). */
  addSchemaDir: "specmint.addSchemaDir",
  mapRefPrefix: "specmint.mapRefPrefix",
} as const;
