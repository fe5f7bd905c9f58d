// x-ref in the editor (issue 15): diagnostics at the x-ref's string for every problem of the sets
// that list the schema (or a hint when none does), the entity and field names an x-ref can take,
// and what a hover on one says. Pure: the sets come examined (server/setContext.ts).
import * as path from "node:path";
import * as jsonc from "jsonc-parser";
import {
  CodeActionKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
} from "vscode-languageserver";
import { describeSchema } from "../../core/analyze";
import { escapePointerSegment, schemaPathKind, type LoadedSchema } from "../../core/schema";
import {
  REF_DISTRIBUTION_KEYWORD,
  REF_KEYWORD,
  parseRefTarget,
  refSites,
  type EntityPlan,
  type RefSite,
  type SetProblem,
} from "../../core/set";
import { DIAGNOSTIC_SOURCE } from "../../common/protocol";
import type { JsonDocument } from "../jsonDocument";
import type { ExaminedSet } from "../setContext";

export const NO_SET_HINT = "x-ref is resolved when this schema is generated in a set (no set file in the workspace lists it)";

function noSetHint(brokenSetFiles: readonly string[]): string {
  if (!brokenSetFiles.length) return NO_SET_HINT;
  const names = brokenSetFiles.map((f) => path.basename(f)).join(", ");
  return `x-ref is checked once the set file ${names} can be read (it has a problem of its own: see its diagnostics)`;
}

/** The range of an x-ref problem: the x-ref's string, or the x-ref-distribution value it is about. */
function problemRange(doc: JsonDocument, pointer: string, message: string): Range | undefined {
  if (message.startsWith(REF_DISTRIBUTION_KEYWORD)) {
    const r = doc.memberRange(pointer.replace(/\/x-ref$/, `/${REF_DISTRIBUTION_KEYWORD}`), "value");
    if (r) return r;
  }
  return doc.memberRange(pointer, "value");
}

function diagnostic(range: Range, severity: DiagnosticSeverity, code: string, message: string): Diagnostic {
  return { range, severity, source: DIAGNOSTIC_SOURCE, code, message };
}

/** What a diagnostic of an x-ref carries for its quick fix: the x-ref text with the near-miss name. */
interface RefFixData {
  replaceWith: string;
}

/** The x-ref text with the problem's near miss in place of the unknown entity or field (undefined: no fix). */
function fixedRefText(doc: JsonDocument, p: SetProblem): string | undefined {
  if (!p.guess || !p.location.pointer) return undefined;
  const target = parseRefTarget(doc.nodeAt(p.location.pointer)?.value);
  if (typeof target === "string") return undefined;
  if (p.code === "ref-unknown-entity") return [p.guess, ...target.field].join(".");
  if (p.code === "ref-not-unique") return `${target.entity}.${p.guess}`;
  return undefined;
}

/** Quick fixes of the x-ref diagnostics in a code action request: each puts the near-miss name in. */
export function refQuickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((d) => {
    const data = d.data as Partial<RefFixData> | undefined;
    if (d.source !== DIAGNOSTIC_SOURCE || typeof data?.replaceWith !== "string") return [];
    return [
      {
        title: `Change to "${data.replaceWith}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: d.range, newText: JSON.stringify(data.replaceWith) }] } },
      },
    ];
  });
}

/**
 * Diagnostics of the x-refs of a schema document: each set's problems located in it (once, however
 * many sets list the schema), else its x-refs' own problems and a hint that they resolve in a set.
 */
export function refDiagnostics(
  doc: JsonDocument,
  loaded: LoadedSchema,
  sets: readonly ExaminedSet[],
  /** Set files that seem to list the schema but cannot be read as sets: the hint names them instead. */
  brokenSetFiles: readonly string[] = [],
): Diagnostic[] {
  const file = loaded.main.file;
  const own = (s: RefSite) => s.location.file === file && s.location.pointer !== undefined;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, severity: DiagnosticSeverity, code: string, message: string, replaceWith?: string) => {
    const key = `${pointer} ${message}`;
    const range = problemRange(doc, pointer, message);
    if (seen.has(key) || !range) return;
    seen.add(key);
    const d = diagnostic(range, severity, code, message);
    if (replaceWith !== undefined) d.data = { replaceWith } satisfies RefFixData;
    out.push(d);
  };
  if (sets.length === 0) {
    for (const site of refSites(loaded).filter(own)) {
      if (site.problem) add(site.location.pointer!, DiagnosticSeverity.Error, "ref-invalid", site.problem);
      else add(site.location.pointer!, DiagnosticSeverity.Information, "ref-no-set", noSetHint(brokenSetFiles));
    }
    return out;
  }
  for (const set of sets)
    for (const p of set.problems)
      if (p.location.file === file && p.location.pointer !== undefined)
        add(p.location.pointer, DiagnosticSeverity.Error, p.code, p.message, fixedRefText(doc, p));
  return out;
}

/** The whole line of a set file's location (from its column), for a diagnostic in a TOML document. */
function lineRange(text: string, line: number | undefined, column: number | undefined): Range {
  const lines = text.split(/\r?\n/);
  const n = Math.max(0, Math.min(lines.length - 1, (line ?? 1) - 1));
  const start = Math.max(0, (column ?? 1) - 1);
  const end = Math.max(start + 1, lines[n].trimEnd().length);
  return { start: { line: n, character: start }, end: { line: n, character: end } };
}

/**
 * Diagnostics of a set file: what parseSetFile refused (at its line), else every problem of the set —
 * those in the set file at their line, those in a schema at that entity's `schema =` line, naming the
 * schema (the set cannot be generated until they are fixed), and entities whose schema did not load.
 */
export function setFileDiagnostics(
  text: string,
  file: string,
  error: { message: string; location: { line?: number; column?: number } } | undefined,
  set?: ExaminedSet,
): Diagnostic[] {
  if (error)
    return [diagnostic(lineRange(text, error.location.line, error.location.column), DiagnosticSeverity.Error, "set-file", error.message)];
  if (!set) return [];
  const out: Diagnostic[] = [];
  for (const entity of set.spec.entities) {
    const why = set.unloaded.get(entity.name);
    const at = entity.at.schema ?? entity.location;
    if (why)
      out.push(diagnostic(lineRange(text, at.line, at.column), DiagnosticSeverity.Error, "set-schema", `entity "${entity.name}": ${why}`));
  }
  const seen = new Set<string>();
  for (const p of set.problems) {
    let where = p.location;
    let message = p.message;
    if (p.location.file !== file) {
      const owner = set.spec.entities.find((e) => e.schema === p.location.file);
      where = owner?.at.schema ?? owner?.location ?? { line: 1, column: 1 };
      message = `in ${path
        .relative(path.dirname(file), p.location.file ?? "")
        .split(path.sep)
        .join("/")}${p.location.line ? ` ${p.location.line}:${p.location.column ?? 1}` : ""}: ${p.message}`;
    }
    const key = `${where.line} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic(lineRange(text, where.line, where.column), DiagnosticSeverity.Error, p.code, message));
  }
  return out;
}

/** The x-ref string value a position is in: its pointer (of the x-ref keyword), text and range. */
export interface RefStringAt {
  pointer: string;
  text: string;
  range: Range;
  /** Characters of the value before the position (what is being typed). */
  typed: string;
}

export function refStringAt(doc: JsonDocument, position: Position): RefStringAt | undefined {
  if (!doc.tree || doc.tooDeep()) return undefined;
  const offset = doc.offsetAt(position);
  const hit = jsonc.findNodeAtOffset(doc.tree, offset, true);
  const property = hit?.parent;
  if (hit?.type !== "string" || property?.type !== "property" || property.children?.[1] !== hit) return undefined;
  if (property.children[0].value !== REF_KEYWORD) return undefined;
  const path = jsonc.getNodePath(hit);
  if (schemaPathKind(path.slice(0, -1)) !== "schema") return undefined;
  const raw = doc.text.slice(hit.offset + 1, Math.max(hit.offset + 1, Math.min(offset, hit.offset + hit.length - 1)));
  return {
    pointer: path.map((s) => `/${escapePointerSegment(String(s))}`).join(""),
    text: String(hit.value),
    range: doc.nodeRange(hit),
    typed: raw,
  };
}

/** An entity an x-ref can name, and the fields it can point at (the key first). */
export interface RefTargetChoice {
  entity: string;
  key?: string;
  /** x-unique fields by dotted path, the key first. */
  fields: string[];
  schemaFile: string;
  title?: string;
}

/** The entities of the sets that list the schema, without repeats (the first set's wins). */
export function refTargetChoices(sets: readonly ExaminedSet[]): RefTargetChoice[] {
  const out = new Map<string, RefTargetChoice>();
  for (const set of sets)
    for (const plan of set.plan.byName.values()) {
      if (out.has(plan.spec.name)) continue;
      const fields = [...plan.uniqueFields.keys()];
      const ordered = plan.key ? [plan.key, ...fields.filter((f) => f !== plan.key)] : fields;
      const root = plan.loaded.main.root;
      const title = typeof root === "object" && typeof root.title === "string" ? root.title : undefined;
      out.set(plan.spec.name, { entity: plan.spec.name, key: plan.key, fields: ordered, schemaFile: plan.spec.schema, title });
    }
  return [...out.values()];
}

/** The entity plan an x-ref's text names in the sets (the first set that has it). */
function targetPlan(sets: readonly ExaminedSet[], entity: string): { plan: EntityPlan; set: ExaminedSet } | undefined {
  for (const set of sets) {
    const plan = set.plan.byName.get(entity);
    if (plan) return { plan, set };
  }
  return undefined;
}

/**
 * Hover on an x-ref's string: the entity and field it points at, the referenced field in words, the
 * parent schema's title, how parents are picked, and (once the set generator can make them) a sample.
 */
export function refHover(at: RefStringAt, loaded: LoadedSchema, sets: readonly ExaminedSet[], sample?: string): Hover {
  const lines: string[] = [];
  const target = parseRefTarget(at.text);
  const reply = (): Hover => ({ contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: at.range });
  if (typeof target === "string") {
    lines.push(`**x-ref** — ${target}`);
    return reply();
  }
  const field = target.field.join(".");
  lines.push(`**x-ref** → entity \`${target.entity}\`, field \`${field}\``);
  const site = refSites(loaded).find((s) => s.location.pointer === at.pointer && s.location.file === loaded.main.file);
  if (sets.length === 0) {
    lines.push("", `${NO_SET_HINT}. Generated alone, the field's values come from its own schema.`);
    return reply();
  }
  const found = targetPlan(sets, target.entity);
  if (!found) {
    lines.push(
      "",
      `The set${sets.length > 1 ? "s" : ""} listing this schema ha${sets.length > 1 ? "ve" : "s"} no entity "${target.entity}".`,
    );
    return reply();
  }
  const { plan, set } = found;
  const unique = plan.uniqueFields.get(field);
  const root = plan.loaded.main.root;
  const title = typeof root === "object" && typeof root.title === "string" ? ` — "${root.title}"` : "";
  lines.push(
    "",
    `Each value is the \`${field}\` of a \`${target.entity}\` record${plan.key === field ? " (its key)" : ""}, from ${path.relative(path.dirname(set.spec.file), plan.spec.schema).split(path.sep).join("/")}${title} in the set ${path.basename(set.spec.file)}.`,
  );
  if (unique) lines.push("", `Referenced field: ${describeSchema(unique.schema, plan.loaded).summary}.`);
  else
    lines.push(
      "",
      `\`${field}\` is not an x-unique field of \`${target.entity}\`${plan.uniqueFields.size ? ` (x-unique: ${[...plan.uniqueFields.keys()].join(", ")})` : ""}.`,
    );
  const me = set.plan.entities.find((e) => e.spec.schema === loaded.main.file);
  const parentCount = plan.spec.count !== undefined ? `${plan.spec.count.toLocaleString("en-US")} records` : "a number per its own parent";
  if (me?.spec.per?.parent === target.entity)
    lines.push(
      "",
      `\`${me.spec.name}\` is counted per \`${target.entity}\` (${me.spec.per.min}–${me.spec.per.max} each): each record points at its own parent.`,
    );
  else if (site)
    lines.push(
      "",
      `Parents (${parentCount}) are picked ${site.distribution === "skewed" ? "skewed: a few parents get many references" : "uniformly"}.`,
    );
  if (sample) lines.push("", sample);
  return reply();
}
