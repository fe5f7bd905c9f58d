// Quick fixes for the diagnostics under the cursor: typo corrections, swapped bounds, adding a
// required property to `properties` or dropping it from `required`.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE } from "../../common/protocol";
import type { DocumentAnalysis } from "../analysis";
import { findingToDiagnostic } from "../diagnostics";
import { fixToTextEdits } from "./fixEdits";

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A diagnostic's code and range, as one key: the client's copy of a diagnostic is found by it. */
function diagnosticKey(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

export function codeActionsFor(analysis: DocumentAnalysis, params: CodeActionParams): CodeAction[] {
  if (
    params.context.only &&
    !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))
  )
    return [];
  // By key rather than searched per finding: a selection over a document with many diagnostics
  // sends them all, and a search per finding made that quadratic (100,000 of them: 38 s).
  const ours = new Map<string, Diagnostic>();
  for (const d of params.context.diagnostics)
    if (d.source === DIAGNOSTIC_SOURCE && !ours.has(diagnosticKey(d))) ours.set(diagnosticKey(d), d);
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fixes?.length) continue;
    const diagnostic = findingToDiagnostic(analysis.doc, finding);
    // The client's copy of the diagnostic, when it sent one, so that the fix is tied to it.
    let sent: Diagnostic | undefined;
    if (ours.size) {
      sent = ours.get(diagnosticKey(diagnostic));
      if (!sent) continue;
    } else if (!overlaps(diagnostic.range, params.range)) continue;
    for (const fix of finding.fixes) {
      const edits = fixToTextEdits(analysis.doc, fix.edits);
      if (!edits?.length) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [sent ?? diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [analysis.doc.uri]: edits } },
      });
    }
  }
  return actions;
}
