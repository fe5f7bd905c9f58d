// The generation probe's verdict as a diagnostic: `unsatisfiable` on the node the engine could not
// satisfy (its property key), unless a static error at or inside that node already says why; or
// `limit-exceeded` when generating it would pass a work limit (a minLength over string-length, …).
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE } from "../common/protocol";
import type { DocumentAnalysis } from "./analysis";
import type { GenerationFailure } from "./generation/messages";
import { placeRange } from "./diagnostics";

function explainedByStaticError(analysis: DocumentAnalysis, pointer: string): boolean {
  return analysis.findings.some(
    (f) => f.severity === "error" && (pointer === "" || f.pointer === pointer || f.pointer.startsWith(pointer + "/")),
  );
}

/** The pointer in the main document that leads to a failure located in another file: the first $ref into it. */
function refInto(analysis: DocumentAnalysis, file: string): string | undefined {
  const loaded = analysis.loaded;
  if (!loaded) return undefined;
  for (const node of analysis.nodes) {
    const s = node.schema;
    if (typeof s !== "object" || typeof s.$ref !== "string") continue;
    const target = loaded.resolveRef(s, s.$ref);
    if (typeof target === "object" && loaded.origin(target)?.doc.file === file) return `${node.pointer}/$ref`;
  }
  return undefined;
}

export function probeFailureDiagnostic(analysis: DocumentAnalysis, failure: GenerationFailure): Diagnostic | undefined {
  if (failure.kind !== "schema") return undefined;
  const main = analysis.loaded?.main.file;
  let pointer = failure.pointer ?? "";
  let part: "key" | "value" = "key";
  let message = failure.message;
  if (failure.file && main && failure.file !== main) {
    const via = refInto(analysis, failure.file);
    message = `${message} (in ${failure.file}${failure.pointer ? `#${failure.pointer}` : ""})`;
    pointer = via ?? "";
    part = "value";
  }
  const doc = analysis.doc;
  const range = pointer === "" && doc.tree ? doc.rangeOf(doc.tree.offset, 1) : placeRange(doc, { pointer, target: { part } });
  // A work limit is not the schema's fault: said as such, whatever else is wrong there.
  if (failure.limit) {
    message = `${message}. Until then no samples are made for this document`;
    return { range, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE, code: "limit-exceeded", message };
  }
  if (explainedByStaticError(analysis, pointer)) return undefined;
  return { range, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: "unsatisfiable", message };
}

/** The one diagnostic of a version whose probe or checks ran past the editor's time budget, at the document's start. */
export function budgetDiagnostic(analysis: DocumentAnalysis, what: "probe" | "checks", budgetMs: number): Diagnostic {
  const doc = analysis.doc;
  const message =
    what === "probe"
      ? `generating samples took longer than ${budgetMs / 1000} s, the editor's time budget, and was stopped: no samples and no unsatisfiable check for this version; the other checks, hover and completion keep working (the CLI has no such budget)`
      : `checking this schema took longer than ${budgetMs / 1000} s, the editor's time budget, and was stopped: only its JSON syntax is shown for this version; hover, completion and the outline keep working`;
  return {
    range: doc.tree ? doc.rangeOf(doc.tree.offset, 1) : doc.rangeOf(0, 1),
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: "limit-exceeded",
    message,
  };
}
