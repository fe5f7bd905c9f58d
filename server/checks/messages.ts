// Messages between the language server and its check worker, which runs the schema checks of each
// document version off the main thread (the checks of a large real schema take seconds; hovers and
// completion must not wait behind them).
import type { Diagnostic } from "vscode-languageserver";
import type { Finding } from "../../core/analyze";
import type { AnalysisInput } from "../analysis";

export const CHECK_WORKER_ROLE = "specmint-check-worker";

/** What the checks of one version depend on; open documents' texts (by file path) instead of a reader. */
export interface CheckInput extends Omit<AnalysisInput, "overlay" | "rules"> {
  overlay: [string, string][];
}

export interface CheckRequest {
  id: number;
  input: CheckInput;
}

/** The checks' verdict on one version: what analyzeDocument found, as plain data. */
export interface CheckReport {
  findings: Finding[];
  diagnostics: Diagnostic[];
  internalErrors: string[];
  elapsedMs: number;
}

export type CheckResponse = ({ id: number; kind: "checked" } & CheckReport) | { id: number; kind: "crash"; message: string };
