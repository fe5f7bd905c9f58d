// Hover: the node in plain words, whether a model enriches it, which draft was assumed for a schema
// without `$schema`, then sample values the engine produces there under the current seed — the
// same values `specmint generate` writes.
import { MarkupKind, type Hover } from "vscode-languageserver";
import type { SchemaDescription } from "../../core/analyze";
import type { DraftChoice } from "../../core/schema";
import type { NodeTarget } from "./target";
import type { OmittedNode, Violation } from "../../common/protocol";

/** A sample longer than this is cut in the hover (the full value is in a preview or the CLI). */
const MAX_SAMPLE_CHARS = 4000;
/** The invalid value is shown inline: longer ones are cut. */
const MAX_INVALID_CHARS = 120;

/** One value of kind invalid at the node and its label (record `violation.index` of `--kind invalid`). */
export interface InvalidSample {
  value: unknown;
  violation: Violation;
}

/** Keywords broken by leaving a property out: the value shown is the object without it. */
const ABSENCE = new Set(["required", "dependentRequired", "dependencies"]);

/** Sample values (from the schema without `omitted`, its nodes that do not compile), or why there are none. */
export type HoverSamples = { values: unknown[]; omitted?: OmittedNode[] } | { unavailable: string };

function sampleLine(v: unknown): string {
  const s = JSON.stringify(v) ?? "null";
  return s.length > MAX_SAMPLE_CHARS ? `${s.slice(0, MAX_SAMPLE_CHARS)} …(${s.length} characters)` : s;
}

/** Text as it reads in markdown (pointers hold `_`, `*`, … of property names). */
function plain(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, "\\$&");
}

/**
 * One line when the draft was assumed (no `$schema`, and `specmint.defaultDraft` is "infer"): which
 * draft, why, and how to choose another; undefined when `$schema` or the setting decided.
 */
export function assumedDraftNote(choice: DraftChoice | undefined): string | undefined {
  if (!choice || (choice.source !== "inferred" && choice.source !== "default")) return undefined;
  const name = /^\d\d$/.test(choice.draft) ? `draft-${choice.draft}` : choice.draft;
  const why = choice.why ? ` (${plain(choice.why)})` : "";
  return `JSON Schema ${name} assumed${why}. To choose, add \`"$schema"\` or set \`specmint.defaultDraft\`.`;
}

/** Text as inline code, whatever backticks it holds. */
function inlineCode(text: string): string {
  const fence = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  return `${fence}${text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text}${fence}`;
}

/** "Invalid: `-1` — must be >= 0 (minimum at /age; record 3 of `--kind invalid`)". */
export function invalidLine(invalid: InvalidSample): string {
  const v = invalid.violation;
  let shown: string;
  if (ABSENCE.has(v.keyword)) shown = "absent";
  else {
    const text = JSON.stringify(invalid.value) ?? "null";
    shown = inlineCode(text.length > MAX_INVALID_CHARS ? `${text.slice(0, MAX_INVALID_CHARS)}…` : text);
  }
  return `Invalid: ${shown} — ${plain(v.message)} (${plain(v.keyword)} at ${plain(v.instance_path || "/")}; record ${v.index} of \`--kind invalid\`)`;
}

export function hoverFor(
  target: NodeTarget,
  description: SchemaDescription,
  samples: HoverSamples | undefined,
  seed: number,
  draft?: DraftChoice,
  invalid?: InvalidSample,
): Hover {
  const title = target.name !== undefined ? `**${target.name}**` : target.pointer === "" ? "**schema root**" : `\`${target.pointer}\``;
  const lines = [`${title} — ${description.summary}`, ""];
  lines.push(
    description.llmEnriched
      ? "LLM-enriched: with an LLM mode a model writes this value (the samples below are the deterministic ones, LLM off)."
      : "Not LLM-enriched.",
  );
  for (const d of description.details) lines.push("", d);
  const note = assumedDraftNote(draft);
  if (note) lines.push("", note);
  if (samples) {
    lines.push("");
    if ("values" in samples) {
      if (samples.values.length) {
        lines.push(`Samples (seed ${seed}):`, "", "```json", ...samples.values.map(sampleLine), "```");
      } else lines.push(`No samples: this node did not appear in the first records (seed ${seed}).`);
      if (samples.omitted?.length) {
        const where = samples.omitted.map((o) => `\`${o.pointer || "/"}\``).join(", ");
        const n = samples.omitted.length;
        lines.push(
          "",
          `Made without ${where}: ${n === 1 ? "it does not compile" : "they do not compile"} (hover ${n === 1 ? "it" : "them"} for why); \`specmint generate\` refuses the schema until ${n === 1 ? "it is" : "they are"} fixed.`,
        );
      }
    } else lines.push(`No samples: ${samples.unavailable}`);
  }
  if (invalid) lines.push("", invalidLine(invalid));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: target.range };
}
