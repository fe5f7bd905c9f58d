// One document version as the server sees it: the model the features read (parsed text, loaded
// schema, nodes), then every schema check of core/analyze and the rules hook on it, as diagnostics.
// Pure: text in, model, findings and diagnostics out.
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
import { uriToPath } from "../common/paths";
import type { FileAccess } from "./fileAccess";
import type { Limits } from "../common/settings";

/**
 * What the editor features read about one version: the parsed text, the schema as loaded and its
 * nodes. Cheap next to the checks (a load and a walk), so the server builds it on its main thread.
 */
export interface DocumentModel {
  doc: JsonDocument;
  /** The schema as loaded; undefined when the text is not a schema at all (e.g. an array). */
  loaded?: LoadedSchema;
  /** True when `loaded` is the document's own text (no syntax errors): what generation would see. */
  exact: boolean;
  nodes: SchemaNode[];
  nodeByPointer: Map<string, SchemaNode>;
  /** Why referenced files could not be used (absolute path → reason), for the ref checks. */
  fileProblems: ReadonlyMap<string, string>;
  /** Referenced files that could not be used (missing, broken, refused): opening one checks this document again. */
  unusedFiles: string[];
  /** Findings of the load itself: the text is not a schema, or it is over a work limit. */
  loadFindings: Finding[];
  /** The work limit the document exceeded (one `limit-exceeded` diagnostic says which): it is not checked or sampled. */
  overLimit?: LimitError;
  /** Problems with the analysis itself (a check that threw), for the log. */
  internalErrors: string[];
  /** The draft it was loaded with for a schema without `$schema` (`specmint.defaultDraft`); undefined: inferred. */
  draft?: Draft;
  /** What it depends on beyond the text (offlineKeyOf): reused only for the same. */
  offlineKey: string;
  /** How long building it took: a slow one is not repeated on the request path (features read the last one). */
  elapsedMs: number;
}

/** A model with every check's findings and the diagnostics they make. */
export interface DocumentAnalysis extends DocumentModel {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The settings the rule checks were made with (an analysis is reused only for the same ones). */
  ruleContext: RuleCheckContext;
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

/** The finding of a document over a work limit: on the node that is too big, naming the limit and how to raise it. */
function limitFinding(error: LimitError): Finding {
  return {
    code: "limit-exceeded",
    severity: "warning",
    message: `${error.message}. Until then this document is not checked and no samples are made; the outline and completion still work`,
    pointer: error.location.pointer ?? "",
    target: { part: "key" },
  };
}

export type ModelInput = Omit<AnalysisInput, "rules" | "ruleContext">;

/** The model of one version: load (reading referenced files through `overlay`), parse, walk. */
export function modelDocument(input: ModelInput): DocumentModel {
  const started = performance.now();
  const { uri, version, text, overlay, draft, offline, access, limits } = input;
  const file = uriToPath(uri);
  const model: DocumentModel = {
    doc: undefined as unknown as JsonDocument,
    exact: false,
    nodes: [],
    nodeByPointer: new Map(),
    fileProblems: new Map(),
    unusedFiles: [],
    loadFindings: [],
    internalErrors: [],
    draft,
    offlineKey: offlineKeyOf(input),
    elapsedMs: 0,
  };
  let load = tryLoad(text, file, overlay, draft, offline, access, limits);
  if (load && typeof load === "object" && "loaded" in load) {
    // The common case: the engine parsed the text without errors; its tree serves for ranges.
    const { main } = (load as EditorLoad).loaded;
    model.doc = new JsonDocument(uri, version, text, { tree: main.tree, lineStarts: main.lineStarts });
    model.exact = true;
  } else {
    const doc = (model.doc = new JsonDocument(uri, version, text));
    if (load instanceof LimitError) {
      // Found by the engine's pre-scan, before any deep work: no second load of a recovered value
      // (a document too deep for the parser gets this rather than a syntax error).
      model.overLimit = load;
      model.loadFindings.push(limitFinding(load));
      load = undefined;
    }
    const value = doc.unreadable ? undefined : doc.value();
    if (!load) {
      if (isSchemaObject(value) || typeof value === "boolean") model.nodes = schemaNodes(value);
    } else if (doc.syntaxErrors.length && (isSchemaObject(value) || typeof value === "boolean")) {
      // After a syntax error the recovered value is analysed, so that the other diagnostics do not
      // all vanish while a person is in the middle of typing; its pointers are the document's.
      load = tryLoad(JSON.stringify(value), file, overlay, draft, offline, access, limits);
    } else if (load instanceof SpecMintError && !doc.syntaxErrors.length && !doc.unreadable) {
      model.loadFindings.push({ code: "schema-invalid", severity: "error", message: load.message, pointer: "", target: { part: "value" } });
    } else if (!(load instanceof SpecMintError) && !doc.unreadable) {
      model.internalErrors.push(`loading failed: ${stackOf(load)}`);
    }
    if (load instanceof LimitError && !model.overLimit) {
      model.overLimit = load;
      model.loadFindings.push(limitFinding(load));
    }
  }
  if (load && typeof load === "object" && "loaded" in load) {
    const { loaded, fileProblems } = load as EditorLoad;
    model.loaded = loaded;
    model.fileProblems = fileProblems;
    model.unusedFiles = [...fileProblems.keys()];
    model.nodes = schemaNodes(loaded.main.root, loaded.draft);
  } else if (!model.nodes.length && !model.overLimit) {
    const value = model.doc.unreadable ? undefined : model.doc.value();
    if (isSchemaObject(value) || typeof value === "boolean") model.nodes = schemaNodes(value);
  }
  for (const n of model.nodes) model.nodeByPointer.set(n.pointer, n);
  model.elapsedMs = performance.now() - started;
  return model;
}

/** Every check of core/analyze and the rules hook on a model, as findings and diagnostics. */
export function checkModel(model: DocumentModel, rules: RuleFindingsHook, ruleContext: RuleCheckContext): DocumentAnalysis {
  const findings: Finding[] = [...model.loadFindings];
  const internalErrors = [...model.internalErrors];
  const { loaded } = model;
  if (loaded && !model.overLimit) {
    try {
      findings.push(
        ...analyzeSchema(loaded, { fileProblems: model.fileProblems, offlineHint: EDITOR_OFFLINE_HINT, nodes: model.nodes }).findings,
      );
    } catch (e) {
      internalErrors.push(`analysis failed: ${stackOf(e)}`);
    }
    for (const node of model.nodes) {
      const s = node.schema;
      if (typeof s !== "object" || !RULE_KEYWORDS.some((k) => k in s)) continue;
      try {
        findings.push(...rules.ruleFindings(loaded, s, ruleContext));
      } catch (e) {
        internalErrors.push(`rules check at ${node.pointer || "/"} failed: ${stackOf(e)}`);
      }
    }
  }
  const diagnostics = syntaxOf(model);
  for (const f of findings) diagnostics.push(findingToDiagnostic(model.doc, f));
  return { ...model, findings, diagnostics, internalErrors, ruleContext };
}

/** A document too deep for the parser has no syntax error to show: the depth limit says why. */
function syntaxOf(model: DocumentModel): Diagnostic[] {
  return model.doc.unreadable && model.overLimit ? [] : syntaxDiagnostics(model.doc);
}

/** The diagnostics a model makes without the checks: syntax, and what the load itself found. */
export function loadDiagnostics(model: DocumentModel): Diagnostic[] {
  return [...syntaxOf(model), ...model.loadFindings.map((f) => findingToDiagnostic(model.doc, f))];
}

/** The model and the checks of one version (what the check worker runs; in-process for tests). */
export function analyzeDocument(input: AnalysisInput): DocumentAnalysis {
  const started = performance.now();
  const result = checkModel(modelDocument(input), input.rules, input.ruleContext);
  result.elapsedMs = performance.now() - started;
  return result;
}
