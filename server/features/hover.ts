// Hover: the node in plain words, whether a model enriches it, then sample values the engine
// produces there under the current seed — the same values `specmint generate` writes.
import { MarkupKind, type Hover } from "vscode-languageserver";
import type { SchemaDescription } from "../../core/analyze";
import type { NodeTarget } from "./target";

/** A sample longer than this is cut in the hover (the full value is in a preview or the CLI). */
const MAX_SAMPLE_CHARS = 4000;

export type HoverSamples = { values: unknown[] } | { unavailable: string };

function sampleLine(v: unknown): string {
  const s = JSON.stringify(v) ?? "null";
  return s.length > MAX_SAMPLE_CHARS ? `${s.slice(0, MAX_SAMPLE_CHARS)} …(${s.length} characters)` : s;
}

export function hoverFor(target: NodeTarget, description: SchemaDescription, samples: HoverSamples | undefined, seed: number): Hover {
  const title = target.name !== undefined ? `**${target.name}**` : target.pointer === "" ? "**schema root**" : `\`${target.pointer}\``;
  const lines = [`${title} — ${description.summary}`, ""];
  lines.push(
    description.llmEnriched
      ? "LLM-enriched: with an LLM mode a model writes this value (the samples below are the deterministic ones, LLM off)."
      : "Not LLM-enriched.",
  );
  for (const d of description.details) lines.push("", d);
  if (samples) {
    lines.push("");
    if ("values" in samples) {
      if (samples.values.length) {
        lines.push(`Samples (seed ${seed}):`, "", "```json", ...samples.values.map(sampleLine), "```");
      } else lines.push(`No samples: this node did not appear in the first records (seed ${seed}).`);
    } else lines.push(`No samples: ${samples.unavailable}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: target.range };
}
