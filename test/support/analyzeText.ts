// The server's analysis of a document string, in-process, as the check worker makes it for version
// 1 of an open document at a virtual path (no referenced files, no rule checks).
import { analyzeDocument, type AnalysisInput, type DocumentAnalysis } from "../../server/analysis";
import { NO_RULE_FINDINGS } from "../../server/ruleFindings";

export const VIRTUAL_URI = "file:///virtual/schemas/doc.schema.json";

export function analyzeText(text: string, limits?: AnalysisInput["limits"]): DocumentAnalysis {
  return analyzeDocument({
    uri: VIRTUAL_URI,
    version: 1,
    text,
    overlay: () => undefined,
    rules: NO_RULE_FINDINGS,
    ruleContext: { count: 10, referenceDate: "2026-01-01" },
    limits,
  });
}
