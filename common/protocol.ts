// What the extension (or any LSP client) and the language server say to each other beyond LSP
// itself, typed once for both sides (CONTRACT.md "Language server").
import { NotificationType, ProtocolRequestType, RequestType, type WorkDoneProgressParams } from "vscode-languageserver-protocol";
import type { Manifest, OutputFormat } from "../core/output";

/** `initializationOptions` of the initialize request. Without it the server is untrusted. */
export interface InitializationOptions {
  trusted: boolean;
}

export interface SamplesParams {
  uri: string;
  /** JSON Pointer into the schema document ("" = root, "/properties/patient/properties/name", …). */
  pointer: string;
  count: number;
  seed: number;
}
export interface SamplesResult {
  samples: unknown[];
}
/** For the root, sample i is the CLI's record i; deeper, the values the node produced in records 1, 2, … */
export const SamplesRequest = new RequestType<SamplesParams, SamplesResult, void>("specmint/samples");

export type LlmMode = "off" | "fields" | "record";

export interface GenerateParams extends WorkDoneProgressParams {
  uri: string;
  count: number;
  seed: number;
  /** A file-system path on the server's host; a relative one is taken from the schema's workspace folder. */
  outDir: string;
  formats: OutputFormat[];
  llmMode: LlmMode;
}
export interface GenerateResult {
  outDir: string;
  /** File names inside outDir, in the order they were written. */
  files: string[];
  manifest: Manifest;
}
/** Writes a dataset folder; reports work-done progress; cancelled, it leaves the folder as it was. Refused when untrusted. */
export const GenerateRequest = new ProtocolRequestType<GenerateParams, GenerateResult, never, void, void>("specmint/generate");

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
