// Custom requests between the extension and the language server, typed once for both sides.
import { RequestType } from "vscode-languageserver-protocol";

export interface SamplesParams {
  uri: string;
  /** JSON Pointer into the schema document ("" = root). */
  pointer: string;
  count: number;
  seed: number;
}
export interface SamplesResult {
  samples: unknown[];
}
export const SamplesRequest = new RequestType<SamplesParams, SamplesResult, void>("specmint/samples");

export interface InitializationOptions {
  trusted: boolean;
}
