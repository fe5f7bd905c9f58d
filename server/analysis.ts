// The static half of validation for one document version: syntax, then every schema check of
// core/analyze and the rules hook, as diagnostics. Pure: text in, findings and diagnostics out.
import type { Diagnostic } from "vscode-languageserver";
import { LimitError, SpecMintError, stackOf } from "../core/base";
import type { Draft, LoadedSchema, OfflineSources } from "../core/schema";
import { analyzeSchema } from "../core/analyze";
import { EDITOR_OFFLINE_HINT } from "./offlineHint";
import type { Finding } from "../core/analyze";
import { isSchemaObject, schemaNodes, type SchemaNode } from "../core/schema";
import { findingToDiagnostic, syntaxDiagnostics } from "./diagnostics";
import { JsonDocument } from "./jsonDocument";
import { loadForEditor, type EditorLoad, type Overlay } from "./schemaLoader";
import { RULE_KEYWORDS, type RuleCheckContext, type RuleFindingsHook } from "./ruleFindings";
import { uriToPath } from "./paths";
import type { FileAccess } from "./fileAccess";
import type { Limits } from "../common/settings";

export interface DocumentAnalysis {
  doc: JsonDocument;
  /** The schema as loaded; undefined when the text is not a schema at all (e.g. an array). */
  loaded?: LoadedSchema;
  /** True when `loaded` is the document's own text (no syntax errors): what generation would see. */
  exact: boolean;
  nodes: SchemaNode[];
  nodeByPointer: Map<string, SchemaNode>;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Problems with the analysis itself (a check that threw), for the log. */
  internalErrors: string[];
  /** The settings the rule checks were made with (an analysis is reused only for the same ones). */
  ruleContext: RuleCheckContext;
  /** The draft it was loaded with for a schema without `$schema` (`specmint.defaultDraft`); undefined: inferred. */
  draft?: Draft;
  /** Where URL references were looked for (`specmint.schemaDirs`, `specmint.refs`), as JSON: reused only for the same. */
  offlineKey: string;
  /** Referenced files that could not be used (missing, broken, refused): opening one checks this document again. */
  unusedFiles: string[];
  /** The work limit the document exceeded (one `limit-exceeded` diagnostic says which): it is not checked or sampled. */
  overLimit?: LimitError;
  /** How long the analysis took: a slow one is not repeated on the request path (hover answers from it). */
  elapsedMs: number;
}

export interface AnalysisInput {
  uri: string;
  version: number;
  text: string;
  overlay: Overlay;
  rules: RuleFindingsHook;
  ruleContext: RuleCheckContext;
  /** The draft of a schema without `$schema` (`specmint.defaultDraft`); undefined: inferred from its keywords. */
  draft?: Draft;
  /** Documents referenced by URL: `specmint.schemaDirs` and `specmint.refs`. */
  offline?: OfflineSources;
  /** Which files may be read (roots, trust); undefined: any. */
  access?: FileAccess;
  /** Work limits raised or lowered (`specmint.limits`); undefined: the defaults. */
  limits?: Partial<Limits>;
}

/** An EditorLoad, or whatever loading threw (a SpecMintError for a schema at fault, else a bug). */
function tryLoad(
  text: string,
  file: string | undefined,
  overlay: Overlay,
  draft: Draft | undefined,
  offline?: OfflineSources,
  access?: FileAccess,
  limits?: Partial<Limits>,
): unknown {
  try {
    return loadForEditor(text, file, overlay, draft, offline, access, limits);
  } catch (e) {
    return e;
  }
}

/** What an analysis depends on beyond the text and the rule context: it is reused only for the same. */
export function offlineKeyOf(input: Pick<AnalysisInput, "offline" | "access" | "limits">): string {
  return JSON.stringify([input.offline ?? null, input.access ?? null, input.limits ?? null]);
}

/**
 * A document over a work limit (the engine's pre-scan found it before parsing it fully): its syntax
 * and one `limit-exceeded` diagnostic on the node that is too big, naming the limit and how to raise
 * it; no schema checks and no samples. The outline and completion still read the text; a document
 * too deep for the parser gets the limit diagnostic instead of a syntax error.
 */
function overLimitAnalysis(input: AnalysisInput, doc: JsonDocument, error: LimitError): DocumentAnalysis {
  const finding: Finding = {
    code: "limit-exceeded",
    severity: "warning",
    message: `${error.message}. Until then this document is not checked and no samples are made; the outline and completion still work`,
    pointer: error.location.pointer ?? "",
    target: { part: "key" },
  };
  const value = doc.unreadable ? undefined : doc.value();
  const nodes = isSchemaObject(value) || typeof value === "boolean" ? schemaNodes(value) : [];
  return {
    doc,
    exact: false,
    nodes,
    nodeByPointer: new Map(nodes.map((n) => [n.pointer, n])),
    findings: [finding],
    diagnostics: [...(doc.unreadable ? [] : syntaxDiagnostics(doc)), findingToDiagnostic(doc, finding)],
    internalErrors: [],
    ruleContext: input.ruleContext,
    draft: input.draft,
    offlineKey: offlineKeyOf(input),
    unusedFiles: [],
    overLimit: error,
    elapsedMs: 0,
  };
}

export function analyzeDocument(input: AnalysisInput): DocumentAnalysis {
  const started = performance.now();
  const result = analyze(input);
  result.elapsedMs = performance.now() - started;
  return result;
}

function analyze(input: AnalysisInput): DocumentAnalysis {
  const { uri, version, text, overlay, rules, ruleContext, draft, offline, access, limits } = input;
  const file = uriToPath(uri);
  const internalErrors: string[] = [];
  let load = tryLoad(text, file, overlay, draft, offline, access, limits);
  let doc: JsonDocument;
  let exact = false;
  const findings: Finding[] = [];
  if (load && typeof load === "object" && "loaded" in load) {
    // The common case: the engine parsed the text without errors; its tree serves for ranges.
    const { main } = (load as EditorLoad).loaded;
    doc = new JsonDocument(uri, version, text, { tree: main.tree, lineStarts: main.lineStarts });
    exact = true;
  } else {
    doc = new JsonDocument(uri, version, text);
    if (load instanceof LimitError) return overLimitAnalysis(input, doc, load);
    const value = doc.value();
    if (doc.syntaxErrors.length && (isSchemaObject(value) || typeof value === "boolean")) {
      // After a syntax error the recovered value is analysed, so that the other diagnostics do not
      // all vanish while a person is in the middle of typing; its pointers are the document's.
      load = tryLoad(JSON.stringify(value), file, overlay, draft, offline, access, limits);
    } else if (load instanceof SpecMintError && !doc.syntaxErrors.length && !doc.unreadable) {
      findings.push({ code: "schema-invalid", severity: "error", message: load.message, pointer: "", target: { part: "value" } });
    } else if (!(load instanceof SpecMintError) && !doc.unreadable) {
      internalErrors.push(`loading failed: ${stackOf(load)}`);
    }
  }
  const result: DocumentAnalysis = {
    doc,
    exact,
    nodes: [],
    nodeByPointer: new Map(),
    findings,
    diagnostics: syntaxDiagnostics(doc),
    internalErrors,
    ruleContext,
    draft,
    offlineKey: offlineKeyOf(input),
    unusedFiles: [],
    elapsedMs: 0,
  };
  if (load && typeof load === "object" && "loaded" in load) {
    const { loaded, fileProblems } = load as EditorLoad;
    result.loaded = loaded;
    result.unusedFiles = [...fileProblems.keys()];
    try {
      const analysis = analyzeSchema(loaded, { fileProblems, offlineHint: EDITOR_OFFLINE_HINT });
      result.nodes = analysis.nodes;
      findings.push(...analysis.findings);
    } catch (e) {
      internalErrors.push(`analysis failed: ${stackOf(e)}`);
      result.nodes = schemaNodes(loaded.main.root, loaded.draft);
    }
    for (const node of result.nodes) {
      const s = node.schema;
      if (typeof s !== "object" || !RULE_KEYWORDS.some((k) => k in s)) continue;
      try {
        findings.push(...rules.ruleFindings(loaded, s, ruleContext));
      } catch (e) {
        internalErrors.push(`rules check at ${node.pointer || "/"} failed: ${stackOf(e)}`);
      }
    }
  } else {
    const value = doc.value();
    if (isSchemaObject(value) || typeof value === "boolean") result.nodes = schemaNodes(value);
  }
  for (const n of result.nodes) result.nodeByPointer.set(n.pointer, n);
  for (const f of findings) result.diagnostics.push(findingToDiagnostic(doc, f));
  return result;
}
