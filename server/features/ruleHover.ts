// Hover on a rule string: how often the rule held in the preview records before SpecMint
// repaired them, and after. Records are made here from the engine, the same way the CLI makes
// them (seed and reference date from the settings).
import * as jsonc from "jsonc-parser";
import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import { Generator } from "../../core/engine";
import { escapePointerSegment, type LoadedSchema } from "../../core/schema";
import { schemaPathKind } from "../../core/schema";
import type { JsonDocument } from "../jsonDocument";

/** Records a rule hover looks at: enough to show a rate, few enough to answer at once. */
export const RULE_HOVER_RECORDS = 50;

/** The JSON pointer of the rule string at `position`, when the cursor is in one. */
export function ruleStringAt(doc: JsonDocument, position: Position): { pointer: string; node: jsonc.Node } | undefined {
  // getLocation parses the text again, recursing once per level.
  if (doc.tooDeep()) return undefined;
  const location = jsonc.getLocation(doc.text, doc.offsetAt(position));
  const node = location.previousNode;
  if (!node || node.type !== "string" || location.isAtPropertyKey) return undefined;
  let path = location.path;
  if (path.at(-1) === "rule") path = path.slice(0, -1);
  if (typeof path.at(-1) !== "number" || path.at(-2) !== "x-cross-field-rules" || schemaPathKind(path.slice(0, -2)) !== "schema")
    return undefined;
  return { pointer: "/" + path.map(escapePointerSegment).join("/"), node };
}

export function ruleHover(
  doc: JsonDocument,
  loaded: LoadedSchema,
  at: { pointer: string; node: jsonc.Node },
  options: { seed: number; referenceDate: string },
): Hover | undefined {
  const generator = new Generator(loaded, { seed: options.seed, referenceDate: options.referenceDate }, { strictRules: false });
  for (let i = 1; i <= RULE_HOVER_RECORDS; i++) generator.record(i);
  const stats = generator.ruleStats().find((s) => s.pointer === at.pointer || s.pointer === `${at.pointer}/rule`);
  const lines = [`**cross-field rule** \`${String(at.node.value)}\``, ""];
  if (!stats || stats.checked === 0) {
    lines.push(
      "Not enforced: it does not parse as an expression, has an error, or no record reaches it. It is kept as guidance for the LLM.",
    );
  } else {
    const pct = (n: number) => `${((100 * n) / stats.checked).toFixed(0)}%`;
    lines.push(
      `In the first ${RULE_HOVER_RECORDS} records (seed ${options.seed}), checked ${stats.checked} times:`,
      "",
      `- held as generated: ${stats.heldBefore} (${pct(stats.heldBefore)})`,
      `- repaired: ${stats.repaired}`,
      `- holds after repair: ${stats.heldAfter} (${pct(stats.heldAfter)})`,
    );
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join("\n") },
    range: doc.rangeOf(at.node.offset, at.node.length),
  };
}
