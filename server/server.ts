// The language server: wires LSP to the services in this folder (analysis, features, generation).
// Every handler answers something harmless when its feature fails, and says why in the log: a
// broken schema, a bug or a crashed worker never takes the server down.
import { readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { messageOf, stackOf } from "../core/base";
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeActionParams,
  type Position,
  type Range,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { deprecationDraft, describeSchema } from "../core/analyze";
import {
  GenerateRequest,
  SamplesRequest,
  TrustChangedNotification,
  type GenerateParams,
  type GenerateResult,
  type InitializationOptions,
} from "../common/protocol";
import { checkModel, loadDiagnostics, modelDocument, offlineKeyOf, type DocumentAnalysis, type DocumentModel } from "./analysis";
import { CheckService } from "./checks/checkService";
import { claimReason } from "../common/claims";
import { JsonDocument } from "./jsonDocument";
import { pathToUri, uriToPath } from "../common/paths";
import { ShiftedView } from "./textShift";
import { draftOption, normalizeSettings, offlineOption } from "./settings";
import { refMappingActions } from "./features/refMappingActions";
import { LLM_MODES, resolveLimits, defaultLlmCacheDir, outputFolderFor, type LlmMode, type SpecMintSettings } from "../common/settings";
import type { LlmRun } from "../common/generationRun";
import { ValidationScheduler } from "./scheduler";
import { budgetDiagnostic, probeFailureDiagnostic } from "./probeDiagnostics";
import { findingToDiagnostic } from "./diagnostics";
import type { RuleFindingsHook } from "./ruleFindings";
import { BudgetError, CancelledError, GenerationError, GenerationService } from "./generation/generationService";
import type { GenerationInput } from "./generation/messages";
import { nodeTargetAt } from "./features/target";
import { hoverFor, type HoverSamples, type InvalidSample } from "./features/hover";
import { ruleHover, ruleStringAt } from "./features/ruleHover";
import { completionAt } from "./features/completion";
import { codeActionsFor } from "./features/codeActions";
import { codeLensesFor } from "./features/codeLens";
import { documentSymbolsFor } from "./features/symbols";
import { definitionAt } from "./features/definition";
import { SEMANTIC_TOKENS_LEGEND, semanticTokensFor } from "./features/semanticTokens";
import { registerExtensionRequests } from "./extensionRequests";
import { kindChoiceOf } from "./kindParams";
import { editorRoots, NO_OFFLINE, type FileAccess } from "./fileAccess";
import { chooseDraft, type OfflineSources, type Schema } from "../core/schema";
import { REF_KEYWORD } from "../core/set";
import { SetService, type EntityLoading } from "./setService";
import { loadForEditor } from "./schemaLoader";
import { refDiagnostics, refHover, refQuickFixes, refStringAt, refTargetChoices } from "./features/setRefs";
import { setFileCodeLenses } from "./features/codeLens";
import { registerSetGeneration } from "./setGeneration";

export interface ServerOptions {
  /** Script the generation and check worker threads run (the server bundle itself). */
  workerScript: string;
  /** The rule checks code actions use when they must check a small document themselves. */
  rules: RuleFindingsHook;
}

/** Records the background probe makes for each version (at least as many as a hover shows). */
const PROBE_RECORDS = 5;
/** The model a request reads, where its position is in that model's text, and how a range of it maps back. */
interface FeatureView {
  model: DocumentModel;
  /** True when the model is of the current version. */
  current: boolean;
  position?: Position;
  /** A range of the model's text in the current text (undefined: inside what was edited since). */
  toDocument: (range: Range) => Range | undefined;
}

/** A hover of a document with nothing to show yet waits this long for its first samples. */
const HOVER_SAMPLES_TIMEOUT_MS = 5_000;
/**
 * Once a document has had samples, a hover answers within this time of its request: with fresh
 * samples when the worker has them by then, else with the last ones of that node (the last good
 * state); the fresh ones are kept for the next hover.
 */
const HOVER_BUDGET_MS = 120;
/**
 * A model slower than this to build is not rebuilt on the request path: while the scheduler works on
 * the newest version, hover, completion and definition read the last model through the current text.
 */
const SLOW_MODEL_MS = 15;
/** How long code actions wait for the checks of the current version before answering none. */
const CODE_ACTION_WAIT_MS = 3000;
/** A client that does not answer workspace/configuration in this time gets the defaults. */
const CONFIGURATION_TIMEOUT_MS = 2_000;
const MAX_SAMPLES_PER_REQUEST = 1000;

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const TIMED_OUT = Symbol("timed out");

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  // Failures are errors in the editor's log; warnings (a worker's "specmint: warning: …", defaults used) are warnings.
  const log = (m: string) => (/^specmint: warning: /.test(m) ? connection.console.warn(m) : connection.console.error(m));
  const generation = new GenerationService({ workerScript: options.workerScript, log });
  const checks = new CheckService({ workerScript: options.workerScript, log });
  /** The model of each open schema's latest modelled version (what the features read). */
  const models = new Map<string, DocumentModel>();
  /** The parsed text of a version that has no model yet. */
  const parsed = new Map<string, JsonDocument>();
  /** The model and checks of each open schema's latest checked version. */
  const analyses = new Map<string, DocumentAnalysis>();
  /** URIs whose last publish had diagnostics (so that losing the claim clears them). */
  const published = new Set<string>();
  let trusted = false;
  let configurationSupported = false;
  let snippetSupport = false;
  let jsonKeywordCompletion = false;
  let workDoneSupported = false;
  let semanticTokensRefresh = false;
  let workspaceFolders: string[] = [];
  let llmCacheDir: string | undefined;

  const safely =
    <P extends unknown[], R>(name: string, fallback: R, fn: (...args: P) => R | Promise<R>) =>
    async (...args: P): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`specmint: ${name} failed: ${stackOf(e)}`);
        return fallback;
      }
    };

  // ---- documents, settings, claims ------------------------------------------------------------

  /** The parsed text of the current version (from its model when there is one: no second parse). */
  const parsedOf = (doc: TextDocument): JsonDocument => {
    const m = models.get(doc.uri);
    if (m && m.doc.version === doc.version) return m.doc;
    let p = parsed.get(doc.uri);
    if (!p || p.version !== doc.version) parsed.set(doc.uri, (p = new JsonDocument(doc.uri, doc.version, doc.getText())));
    return p;
  };

  const overlay = (file: string): string | undefined => documents.get(pathToUri(file))?.getText();

  // ---- sets of entities (issue 15) --------------------------------------------------------------

  const sets = new SetService({
    roots: () => workspaceFolders,
    trusted: () => trusted,
    overlay,
    openFiles: () => documents.all().flatMap((d) => uriToPath(d.uri) ?? []),
  });

  /** How the entity schemas of a set are loaded for a document with these settings (as the document itself is). */
  const entityLoading = (settings: SpecMintSettings): EntityLoading => {
    const draft = draftOption(settings);
    return {
      load: (text, file) => {
        const offline = offlineFor(settings, file);
        return loadForEditor(text, file, overlay, draft, offline, accessFor(file, offline), settings.limits).loaded;
      },
      key: JSON.stringify([draft ?? null, trusted, settings.schemaDirs, settings.refs, settings.limits ?? null, workspaceFolders]),
    };
  };

  /** The sets that list a schema document, examined with its model (none for a document that is not a loaded schema). */
  const setsOfModel = (model: DocumentModel, settings: SpecMintSettings) =>
    model.loaded ? sets.setsOfSchema(uriToPath(model.doc.uri), model.loaded, entityLoading(settings)) : [];

  /** The x-ref diagnostics of a schema document (none without an x-ref: no set is read). */
  const refDiagnosticsOf = (model: DocumentModel, settings: SpecMintSettings): Diagnostic[] => {
    if (!model.loaded || !model.doc.text.includes(REF_KEYWORD)) return [];
    try {
      const examined = setsOfModel(model, settings);
      const broken = examined.length ? [] : sets.brokenSetsNaming(uriToPath(model.doc.uri));
      return refDiagnostics(model.doc, model.loaded, examined, broken);
    } catch (e) {
      log(`specmint: x-ref checks of ${model.doc.uri} failed: ${stackOf(e)}`);
      return [];
    }
  };

  /** Open documents a change to the sets can concern: set files and schemas with an x-ref (other than `except`). */
  const recheckSetDocuments = (except?: string) => {
    for (const d of documents.all()) {
      if (d.uri === except) continue;
      const text = d.getText();
      if (text.includes(REF_KEYWORD) || sets.isSetFile(uriToPath(d.uri), text)) scheduler.schedule(d.uri);
    }
  };

  /** Open documents' texts other than `uri`'s, by file path: what the check worker reads for references. */
  const openTexts = (uri: string): [string, string][] => {
    const out: [string, string][] = [];
    for (const d of documents.all()) {
      const file = d.uri === uri ? undefined : uriToPath(d.uri);
      if (file) out.push([file, d.getText()]);
    }
    return out;
  };

  /** Everything a model or a check of `doc` depends on besides its text. */
  const modelInputOf = (doc: TextDocument, settings: SpecMintSettings) => {
    const file = uriToPath(doc.uri);
    const offline = offlineFor(settings, file);
    const access = accessFor(file, offline);
    return {
      uri: doc.uri,
      version: doc.version,
      text: doc.getText(),
      draft: draftOption(settings),
      offline,
      access,
      limits: settings.limits,
      key: offlineKeyOf({ offline, access, limits: settings.limits }),
    };
  };

  /** The model of the current version, built now when there is none (see featureModelOf for requests). */
  const modelOf = (doc: TextDocument, settings: SpecMintSettings): DocumentModel => {
    const input = modelInputOf(doc, settings);
    let m = models.get(doc.uri);
    if (!m || m.doc.version !== doc.version || m.draft !== input.draft || m.offlineKey !== input.key) {
      // Its internal errors are the check worker's too, which logs them.
      m = modelDocument({ ...input, overlay });
      parsed.delete(doc.uri);
      models.set(doc.uri, m);
    }
    return m;
  };

  /**
   * The model hover, completion and definition read: the current version's, or — when building
   * this document's model is slow and the scheduler is on it — the last one, read through the
   * current text (its nodes found by JSON pointer), so that a request never waits for a load.
   */
  /** The view from the current text into a model's, kept while both stay (hovers come in runs). */
  const shifts = new Map<string, { from: JsonDocument; to: number; view: ShiftedView }>();
  const shiftedViewOf = (from: JsonDocument, doc: TextDocument): ShiftedView => {
    const s = shifts.get(doc.uri);
    if (s && s.from === from && s.to === doc.version) return s.view;
    const view = ShiftedView.between(from.text, from, doc.getText(), doc);
    shifts.set(doc.uri, { from, to: doc.version, view });
    return view;
  };

  const featureModelOf = (doc: TextDocument, settings: SpecMintSettings, at?: Position): FeatureView => {
    const last = models.get(doc.uri);
    if (last && last.doc.version !== doc.version && last.elapsedMs >= SLOW_MODEL_MS) {
      const input = modelInputOf(doc, settings);
      if (last.draft === input.draft && last.offlineKey === input.key) {
        // A position outside the edit is carried into the last model: no parse of the current text.
        const shifted = at && shiftedViewOf(last.doc, doc);
        const old = shifted && at ? shifted.toOld(at) : undefined;
        if (shifted && old) return { model: last, current: false, position: old, toDocument: (r) => shifted.toNew(r) };
        const text = parsedOf(doc);
        const model = { ...last, doc: text, exact: last.exact && text.syntaxErrors.length === 0 && !text.unreadable };
        return { model, current: false, position: at, toDocument: (r) => r };
      }
    }
    return { model: modelOf(doc, settings), current: true, position: at, toDocument: (r) => r };
  };

  /**
   * A small document checked here and now, for a request about a version whose checks have not come
   * back yet; undefined for a slow one (code actions then wait for the diagnostics they act on).
   */
  const checkedNow = (doc: TextDocument, settings: SpecMintSettings): DocumentAnalysis | undefined => {
    const model = featureModelOf(doc, settings);
    if (!model.current || model.model.elapsedMs >= SLOW_MODEL_MS) return undefined;
    return checkModel(model.model, options.rules, { count: settings.count, referenceDate: settings.referenceDate });
  };

  /** Requests waiting for the analysis of a version, resolved by validate (or with undefined after a time). */
  const analysisWaiters = new Map<string, { version: number; resolve: (a: DocumentAnalysis | undefined) => void }[]>();
  const storeAnalysis = (uri: string, analysis: DocumentAnalysis) => {
    analyses.set(uri, analysis);
    const waiting = analysisWaiters.get(uri);
    if (!waiting) return;
    const left = waiting.filter((w) => w.version > analysis.doc.version);
    for (const w of waiting) if (w.version <= analysis.doc.version) w.resolve(w.version === analysis.doc.version ? analysis : undefined);
    if (left.length) analysisWaiters.set(uri, left);
    else analysisWaiters.delete(uri);
  };
  const analysisOfVersion = (uri: string, version: number, waitMs: number): Promise<DocumentAnalysis | undefined> => {
    const a = analyses.get(uri);
    if (a && a.doc.version === version) return Promise.resolve(a);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), waitMs);
      const entry = {
        version,
        resolve: (found: DocumentAnalysis | undefined) => {
          clearTimeout(timer);
          resolve(found);
        },
      };
      analysisWaiters.set(uri, [...(analysisWaiters.get(uri) ?? []), entry]);
    });
  };

  /**
   * Quick fixes from the current version's checks: made here for a small document not checked yet,
   * else waited for (a busy machine makes even a small document's model slow to build here).
   */
  const codeActionsOf = async (doc: TextDocument, settings: SpecMintSettings, params: CodeActionParams) => {
    const a = analyses.get(doc.uri);
    const analysis =
      a && a.doc.version === doc.version
        ? a
        : (checkedNow(doc, settings) ?? (await analysisOfVersion(doc.uri, doc.version, CODE_ACTION_WAIT_MS)));
    return analysis ? codeActionsFor(analysis, params) : [];
  };

  /** The samples hovers last got, by document and `seed count pointer`: what a hover shows while newer ones are made. */
  const lastSamples = new Map<string, Map<string, unknown[]>>();
  const rememberSamples = (uri: string, key: string, values: unknown[]) => {
    let m = lastSamples.get(uri);
    if (!m) lastSamples.set(uri, (m = new Map<string, unknown[]>()));
    m.set(key, values);
  };
  /**
   * The invalid value hovers last got, by document and `seed pointer`, with the version and settings
   * it was made for (`stamp`); null: the node has none.
   */
  const lastInvalid = new Map<string, Map<string, { stamp: string; value: InvalidSample | null }>>();
  const rememberInvalid = (uri: string, key: string, stamp: string, value: InvalidSample | null) => {
    let m = lastInvalid.get(uri);
    if (!m) lastInvalid.set(uri, (m = new Map<string, { stamp: string; value: InvalidSample | null }>()));
    m.set(key, { stamp, value });
  };
  /** Documents that have had samples or a successful probe: from then on a hover does not wait long. */
  const sampled = new Set<string>();

  /** The `specmint.*` settings for a document (or the workspace's, without a URI). */
  const settingsFor = async (uri: string | undefined): Promise<SpecMintSettings> => {
    if (!configurationSupported) return normalizeSettings(undefined, process.env);
    try {
      const raw = await withTimeout<unknown>(
        connection.workspace.getConfiguration({ scopeUri: uri, section: "specmint" }),
        CONFIGURATION_TIMEOUT_MS,
      );
      return normalizeSettings(raw === TIMED_OUT ? undefined : raw, process.env);
    } catch (e) {
      log(`specmint: warning: workspace/configuration failed, using defaults: ${(e as Error).message}`);
      return normalizeSettings(undefined, process.env);
    }
  };

  const isClaimed = (doc: TextDocument, settings: SpecMintSettings): boolean =>
    claimReason(doc.uri, doc.getText(), doc.languageId, settings.schemaGlobs, workspaceFolders) !== undefined;

  /** The open document, claimed, with its settings; undefined when the server has nothing to say about it. */
  const claimed = async (uri: string): Promise<{ doc: TextDocument; settings: SpecMintSettings } | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const settings = await settingsFor(uri);
    return isClaimed(doc, settings) ? { doc, settings } : undefined;
  };

  const generationInput = (
    text: string,
    file: string | undefined,
    settings: Pick<SpecMintSettings, "seed" | "referenceDate" | "defaultDraft" | "schemaDirs" | "refs" | "limits">,
    model?: DocumentModel,
  ): GenerationInput => {
    const referenced = (model?.loaded?.documents ?? [])
      .slice(1)
      .map((d) => d.file)
      .filter((f): f is string => f !== undefined);
    const open: [string, string][] = [];
    for (const f of referenced) {
      const t = overlay(f);
      if (t !== undefined) open.push([f, t]);
    }
    const offline = offlineFor(settings, file);
    return {
      text,
      file,
      seed: settings.seed,
      referenceDate: settings.referenceDate,
      draft: draftOption(settings),
      offline,
      overlay: open,
      access: accessFor(file, offline),
      limits: settings.limits,
    };
  };

  // ---- validation -------------------------------------------------------------------------------

  const publish = (uri: string, version: number, diagnostics: Diagnostic[]) => {
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await settingsFor(uri);
    if (documents.get(uri)?.version !== version) return; // a newer version is scheduled
    if (!isClaimed(doc, settings)) {
      const file = uriToPath(uri);
      if (file && sets.isSetFile(file, doc.getText()))
        publish(uri, version, sets.setFileDiagnostics(file, doc.getText(), entityLoading(settings)));
      else if (published.has(uri)) publish(uri, version, []);
      return;
    }
    const input = modelInputOf(doc, settings);
    const ruleContext = { count: settings.count, referenceDate: settings.referenceDate };
    const outcome = await checks.check({ ...input, overlay: openTexts(uri), ruleContext });
    // Replaced by a newer version (the scheduler runs again for it), or the document changed meanwhile.
    if (!outcome || documents.get(uri)?.version !== version) return;
    // A schema with an x-ref is checked against the sets that list it, which needs its model first.
    const refs = input.text.includes(REF_KEYWORD) ? refDiagnosticsOf(modelOf(doc, settings), settings) : [];
    if (outcome.kind === "checked") {
      // Published before this thread builds its model (the features' and the probe's): the
      // diagnostics wait only for the worker.
      publish(uri, version, [...outcome.diagnostics, ...refs]);
      for (const e of outcome.internalErrors) log(`specmint: ${uri}: ${e}`);
    }
    const model = modelOf(doc, settings);
    let analysis: DocumentAnalysis;
    if (outcome.kind === "checked") {
      analysis = {
        ...model,
        findings: outcome.findings,
        diagnostics: [...outcome.diagnostics, ...refs],
        internalErrors: outcome.internalErrors,
        ruleContext,
      };
    } else {
      const over = { ...model, findings: model.loadFindings, diagnostics: loadDiagnostics(model), ruleContext };
      analysis = { ...over, diagnostics: [...over.diagnostics, budgetDiagnostic(over, "checks", outcome.budgetMs)] };
      publish(uri, version, analysis.diagnostics);
    }
    storeAnalysis(uri, analysis);
    if (!analysis.exact || analysis.overLimit) return;
    // Not awaited: the run ends with the quick checks, so that the next version's are not held
    // behind this version's probe (a newer probe of the document replaces it in the worker).
    void probe(uri, version, settings, analysis).catch((e) => log(`specmint: generation probe of ${uri} failed: ${stackOf(e)}`));
  };

  const probe = async (uri: string, version: number, settings: SpecMintSettings, analysis: DocumentAnalysis): Promise<void> => {
    const input = generationInput(analysis.doc.text, uriToPath(uri), settings, analysis);
    let outcome;
    try {
      outcome = await generation.probe(uri, input, Math.max(PROBE_RECORDS, settings.hover.samples));
    } catch (e) {
      if (!(e instanceof BudgetError)) throw e;
      if (documents.get(uri)?.version === version)
        publish(uri, version, [...analysis.diagnostics, budgetDiagnostic(analysis, "probe", e.budgetMs)]);
      return;
    }
    if (!outcome || documents.get(uri)?.version !== version) return;
    if (!outcome.failure) sampled.add(uri);
    const extra = outcome.findings.map((f) => findingToDiagnostic(analysis.doc, f));
    if (outcome.failure) {
      const diagnostic = probeFailureDiagnostic(analysis, outcome.failure);
      if (diagnostic) extra.push(diagnostic);
      else if (outcome.failure.kind !== "schema") log(`specmint: generation probe of ${uri} failed: ${outcome.failure.message}`);
    }
    if (extra.length) publish(uri, version, [...analysis.diagnostics, ...extra]);
  };

  const scheduler = new ValidationScheduler(safely("validation", undefined, validate));

  // ---- lifecycle --------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = params.initializationOptions as Partial<InitializationOptions> | undefined;
    trusted = init?.trusted === true;
    llmCacheDir = typeof init?.llmCacheDir === "string" && init.llmCacheDir !== "" ? init.llmCacheDir : undefined;
    configurationSupported = params.capabilities.workspace?.configuration === true;
    jsonKeywordCompletion = init?.jsonKeywordCompletion === true;
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    workDoneSupported = params.capabilities.window?.workDoneProgress === true;
    semanticTokensRefresh = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    checks.warmUp();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // "." for the field after an x-ref's entity name.
        completionProvider: { triggerCharacters: ['"', ":", "."], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
      },
      serverInfo: { name: "specmint" },
    };
  });

  connection.onNotification(TrustChangedNotification, (p) => {
    const was = trusted;
    trusted = p?.trusted === true;
    // What may be read changed: every open schema is checked again (its analysis is keyed by the access).
    if (was !== trusted) {
      sets.filesChanged();
      for (const doc of documents.all()) scheduler.schedule(doc.uri);
    }
  });

  connection.onDidChangeConfiguration(() => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
    // specmint.defaultDraft decides which keys are keywords in a schema without $schema.
    if (semanticTokensRefresh)
      connection.languages.semanticTokens.refresh().catch((e) => log(`specmint: semantic tokens refresh failed: ${messageOf(e)}`));
  });

  /** Schemas that refer to this document read its unsaved text (or, once closed, the disk): check them again. */
  const recheckDependents = (changedUri: string) => {
    const file = uriToPath(changedUri);
    if (!file) return;
    const dependents = [...models].filter(
      ([uri, m]) => uri !== changedUri && (m.loaded?.documents.some((d) => d.file === file) || m.unusedFiles.includes(file)),
    );
    for (const [uri] of dependents) {
      models.delete(uri);
      analyses.delete(uri);
      scheduler.schedule(uri);
    }
  };

  documents.onDidChangeContent(({ document }) => {
    scheduler.schedule(document.uri);
    recheckDependents(document.uri);
    if (sets.concernsSets(uriToPath(document.uri))) recheckSetDocuments(document.uri);
  });

  // TOML files created, changed or deleted on disk (the client watches **/*.toml): the sets may have changed.
  connection.onDidChangeWatchedFiles(() => {
    sets.filesChanged();
    recheckSetDocuments();
  });
  documents.onDidClose(({ document }) => {
    scheduler.cancel(document.uri);
    models.delete(document.uri);
    parsed.delete(document.uri);
    shifts.delete(document.uri);
    analyses.delete(document.uri);
    for (const w of analysisWaiters.get(document.uri) ?? []) w.resolve(undefined);
    analysisWaiters.delete(document.uri);
    lastSamples.delete(document.uri);
    lastInvalid.delete(document.uri);
    sampled.delete(document.uri);
    if (published.has(document.uri)) publish(document.uri, document.version, []);
    recheckDependents(document.uri);
    // Its set or schema is read from the disk again.
    if (sets.concernsSets(uriToPath(document.uri))) recheckSetDocuments(document.uri);
  });

  connection.onShutdown(() => {
    generation.dispose();
    checks.dispose();
  });

  // ---- features ---------------------------------------------------------------------------------

  connection.onHover(
    safely("hover", null, async (params) => {
      const started = performance.now();
      const c = await claimed(params.textDocument.uri);
      if (!c) return null;
      const view = featureModelOf(c.doc, c.settings, params.position);
      const { model: analysis, current } = view;
      const position = view.position ?? params.position;
      const ref = analysis.loaded ? refStringAt(analysis.doc, position) : undefined;
      if (ref && analysis.loaded) {
        const h = refHover(ref, analysis.loaded, setsOfModel(analysis, c.settings));
        return { ...h, range: h.range && view.toDocument(h.range) };
      }
      const rule = ruleStringAt(analysis.doc, position);
      if (rule) {
        if (!analysis.exact || !analysis.loaded) return null;
        try {
          const h = ruleHover(analysis.doc, analysis.loaded, rule, { seed: c.settings.seed, referenceDate: c.settings.referenceDate });
          return h ? { ...h, range: h.range && view.toDocument(h.range) } : null;
        } catch (e) {
          return { contents: { kind: "markdown", value: `**cross-field rule**\n\nNo statistics: ${(e as Error).message}` } };
        }
      }
      const target = nodeTargetAt(analysis, position);
      if (!target) return null;
      const description = describeSchema(target.schema, analysis.loaded, { required: target.required });
      let samples: HoverSamples | undefined;
      let invalid: InvalidSample | null | undefined;
      if (c.settings.hover.samples > 0) {
        const uri = c.doc.uri;
        const key = `${c.settings.seed} ${c.settings.hover.samples} ${target.pointer}`;
        const last = lastSamples.get(uri)?.get(key);
        const invalidKey = `${c.settings.seed} ${target.pointer}`;
        if (analysis.overLimit) samples = { unavailable: `not made: ${analysis.overLimit.message.split(";")[0]}` };
        else if (!analysis.exact) samples = { unavailable: "the document has JSON syntax errors" };
        else if (!current) {
          // The scheduler is still on this version; its probe compiles it next. Asking the worker
          // now would compile the same text a second time, competing with both.
          samples = last ? { values: last } : { unavailable: "still checking the latest edit; hover again in a moment" };
        } else {
          try {
            const input = generationInput(c.doc.getText(), uriToPath(uri), c.settings, analysis);
            const pending = generation.samples(uri, input, target.pointer, c.settings.hover.samples);
            // Kept when they come, also after this hover stopped waiting: the next hover shows them.
            pending.then((r) => (sampled.add(uri), rememberSamples(uri, key, r.samples))).catch(() => {});
            const wait = sampled.has(uri) ? Math.max(0, HOVER_BUDGET_MS - (performance.now() - started)) : HOVER_SAMPLES_TIMEOUT_MS;
            const deadline = performance.now() + wait;
            const r = await withTimeout(pending, wait);
            // One invalid value of the node with its label, kept per version and settings. Made only
            // when its samples came in time, the version's checks are done and the worker has
            // nothing else to do (making invalid records compiles the schema's validator again: it
            // must not hold up diagnostics while the person types, nor the next hover's samples),
            // and awaited within what is left of the same time; else the next hover shows it. A
            // node with nothing to break shows none.
            const stamp = JSON.stringify([
              c.doc.version,
              input.draft ?? null,
              input.referenceDate,
              input.limits ?? null,
              input.offline ?? null,
            ]);
            const kept = lastInvalid.get(uri)?.get(invalidKey);
            if (kept?.stamp === stamp) invalid = kept.value;
            else if (r !== TIMED_OUT && analyses.get(uri)?.doc.version === c.doc.version && generation.idle) {
              const pendingInvalid = generation
                .samples(uri, input, target.pointer, 1, { records: { kind: "invalid" }, ownConstraints: true })
                .then((made): InvalidSample | null =>
                  made.samples.length && made.violations?.length ? { value: made.samples[0], violation: made.violations[0] } : null,
                );
              pendingInvalid.then((v) => rememberInvalid(uri, invalidKey, stamp, v)).catch(() => {});
              const found = await withTimeout(
                pendingInvalid.catch(() => null),
                Math.max(0, deadline - performance.now()),
              );
              if (found !== TIMED_OUT) invalid = found;
            }
            samples =
              r !== TIMED_OUT
                ? { values: r.samples, omitted: r.omitted }
                : last
                  ? { values: last }
                  : { unavailable: "still generating; hover again in a moment" };
          } catch (e) {
            if (e instanceof GenerationError) samples = { unavailable: e.failure.message };
            else if (e instanceof BudgetError) samples = { unavailable: e.message };
            else if (e instanceof CancelledError) samples = { unavailable: "generation was restarted; hover again" };
            else throw e;
          }
        }
      }
      const hover = hoverFor(target, description, samples, c.settings.seed, analysis.loaded?.draftChoice, invalid ?? undefined);
      return { ...hover, range: hover.range && view.toDocument(hover.range) };
    }),
  );

  connection.onCompletion(
    safely("completion", null, async (params) => {
      const c = await claimed(params.textDocument.uri);
      if (!c) return null;
      const { model } = featureModelOf(c.doc, c.settings);
      const refTargets = () => refTargetChoices(setsOfModel(model, c.settings));
      return completionAt(model.doc, model, params.position, snippetSupport, jsonKeywordCompletion, refTargets);
    }),
  );

  connection.onCodeAction(
    safely("code actions", [], async (params) => {
      const c = await claimed(params.textDocument.uri);
      if (!c) return [];
      const file = uriToPath(c.doc.uri);
      return [
        ...(await codeActionsOf(c.doc, c.settings, params)),
        // The $id search reads files: not in an untrusted workspace.
        ...(trusted ? refMappingActions(params, file ? workspaceFolderOf(file) : undefined) : []),
        ...refQuickFixes(c.doc.uri, params.context.diagnostics),
      ];
    }),
  );

  connection.onCodeLens(
    safely("code lens", [], async (params) => {
      const c = await claimed(params.textDocument.uri);
      if (c) return codeLensesFor(parsedOf(c.doc));
      const doc = documents.get(params.textDocument.uri);
      return doc && sets.isSetFile(uriToPath(doc.uri), doc.getText()) ? setFileCodeLenses(doc.uri) : [];
    }),
  );

  connection.onDocumentSymbol(
    safely("document symbols", [], async (params) => {
      const c = await claimed(params.textDocument.uri);
      return c ? documentSymbolsFor(parsedOf(c.doc)) : [];
    }),
  );

  connection.onDefinition(
    safely("definition", null, async (params) => {
      const c = await claimed(params.textDocument.uri);
      return c ? (definitionAt(featureModelOf(c.doc, c.settings).model, params.position) ?? null) : null;
    }),
  );

  /**
   * Semantic tokens of the current text: a parse and a walk, never a load. The draft is chosen from
   * the text as the load chooses it ($schema, specmint.defaultDraft, the keywords), so that a client
   * asking right after opening a large schema does not wait for its model.
   */
  const semanticTokensOf = async (uri: string, range?: Range) => {
    const c = await claimed(uri);
    if (!c) return { data: [] };
    const doc = parsedOf(c.doc);
    const choice = chooseDraft(doc.value() as Schema, draftOption(c.settings));
    return semanticTokensFor(doc, {
      draft: choice.draft,
      deprecationsOf: deprecationDraft(choice),
      ruleLength: resolveLimits(c.settings.limits)["rule-length"],
      range,
    });
  };
  connection.languages.semanticTokens.on(safely("semantic tokens", { data: [] }, (params) => semanticTokensOf(params.textDocument.uri)));
  connection.languages.semanticTokens.onRange(
    safely("semantic tokens", { data: [] }, (params) => semanticTokensOf(params.textDocument.uri, params.range)),
  );

  // ---- custom requests --------------------------------------------------------------------------

  /** Text and path of a schema by URI: the open document's text, else the file on disk. */
  const schemaSource = (uri: string): { text: string; file?: string; doc?: TextDocument } => {
    const doc = documents.get(uri);
    const file = uriToPath(uri);
    if (doc) return { text: doc.getText(), file, doc };
    if (!file) throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${uri} is not open and not a file`);
    if (!trusted)
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `SpecMint: this workspace is not trusted, so the server reads no file that is not open; open ${file} or trust the workspace`,
      );
    try {
      let text = readFileSync(file, "utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return { text, file };
    } catch (e) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: cannot read ${file}: ${(e as Error).message}`);
    }
  };

  const failed = (e: unknown): never => {
    if (e instanceof ResponseError) throw e;
    if (e instanceof GenerationError) throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${e.failure.message}`, e.failure);
    if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, "SpecMint: cancelled");
    log(`specmint: request failed: ${stackOf(e)}`);
    throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: internal error: ${messageOf(e)}`);
  };

  connection.onRequest(SamplesRequest, async (params) => {
    try {
      const settings = await settingsFor(params.uri);
      const seed = Number.isSafeInteger(params.seed) && params.seed >= 0 ? params.seed : settings.seed;
      const count = Math.max(0, Math.min(MAX_SAMPLES_PER_REQUEST, Math.floor(Number(params.count) || 0)));
      const source = schemaSource(params.uri);
      const model = source.doc ? modelOf(source.doc, settings) : undefined;
      const input = generationInput(source.text, source.file, { ...settings, seed }, model);
      const pointer = typeof params.pointer === "string" ? params.pointer.replace(/^#/, "") : "";
      const records = kindChoiceOf(params);
      return count ? await generation.samples(params.uri, input, pointer, count, { records }) : { samples: [] };
    } catch (e) {
      return failed(e);
    }
  });

  /** URL documents for a schema: relative folders of the settings against its workspace folder, else its own. */
  const offlineFor = (settings: Pick<SpecMintSettings, "schemaDirs" | "refs">, file: string | undefined) =>
    // Untrusted: no URL documents (finding them by $id reads every file of the schema folders).
    trusted ? offlineOption(settings, file ? (workspaceFolderOf(file) ?? path.dirname(file)) : workspaceFolders[0]) : NO_OFFLINE;

  /** Which files a schema at `file` may read: the allowed roots, and nothing but open documents when untrusted. */
  const accessFor = (file: string | undefined, offline: OfflineSources): FileAccess => ({
    trusted,
    roots: editorRoots(workspaceFolders, file, offline),
  });

  const workspaceFolderOf = (file: string): string | undefined =>
    workspaceFolders.find((f) => {
      const rel = path.relative(f, file);
      return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
    });

  /** How the model is called in an LLM mode: the `specmint.llm.*` and `specmint.ollama.*` settings, the cache folder the client named. */
  const llmRun = (mode: Exclude<LlmMode, "off">, settings: SpecMintSettings): LlmRun => ({
    mode,
    host: settings.ollama.host,
    model: settings.ollama.model,
    temperature: settings.llm.temperature,
    workers: settings.llm.workers,
    maxRps: settings.llm.maxRps,
    timeoutMs: settings.llm.timeoutMs,
    cacheDir: llmCacheDir ?? defaultLlmCacheDir(process.env, os.homedir(), (...parts) => path.join(...parts)),
  });

  connection.onRequest(GenerateRequest, async (params: GenerateParams, token: CancellationToken) => {
    const mode = params.llmMode ?? "off";
    if (!trusted) {
      const what =
        mode === "off"
          ? "writing fixtures is refused (previews still work)"
          : "writing fixtures with a model is refused (previews still work)";
      throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: this workspace is not trusted; ${what}`);
    }
    if (!LLM_MODES.includes(mode)) {
      throw new ResponseError(
        LSPErrorCodes.RequestFailed,
        `SpecMint: unknown llmMode ${JSON.stringify(mode)}; expected ${LLM_MODES.join(", ")}`,
      );
    }
    const records = kindChoiceOf(params);
    if (records.kind !== "valid" && mode !== "off")
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `SpecMint: ${records.kind} records are made from the generated ones alone; generate them with llmMode "off" (not ${JSON.stringify(mode)})`,
      );
    let progress: WorkDoneProgressReporter | WorkDoneProgressServerReporter | undefined;
    try {
      const settings = await settingsFor(params.uri);
      const llm = mode === "off" ? undefined : llmRun(mode, settings);
      const source = schemaSource(params.uri);
      const folder = source.file ? workspaceFolderOf(source.file) : workspaceFolders[0];
      const base = folder ?? (source.file ? path.dirname(source.file) : process.cwd());
      const outDir = path.resolve(base, params.outDir || outputFolderFor(source.file, settings.outputDirectory));
      const count = Number.isSafeInteger(params.count) && params.count > 0 ? params.count : settings.count;
      const seed = Number.isSafeInteger(params.seed) && params.seed >= 0 ? params.seed : settings.seed;
      const formats = Array.isArray(params.formats) && params.formats.length ? params.formats : settings.formats;
      const manifestPath = source.file ? (folder ? path.relative(folder, source.file) : source.file).split(path.sep).join("/") : params.uri;
      const model = source.doc ? modelOf(source.doc, settings) : undefined;
      if (params.workDoneToken !== undefined) progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
      else if (workDoneSupported) progress = await connection.window.createWorkDoneProgress();
      const title = llm
        ? `SpecMint: generating with ${llm.model}`
        : `SpecMint: generating ${records.kind === "valid" ? "" : `${records.kind} `}fixtures`;
      progress?.begin(title, 0, `0/${count} records`, true);
      const abort = new AbortController();
      const stop = () => abort.abort();
      token.onCancellationRequested(stop);
      if (progress && "token" in progress) progress.token.onCancellationRequested(stop);
      const result: GenerateResult = await generation.generate(
        {
          input: generationInput(source.text, source.file, { ...settings, seed }, model),
          count,
          outDir,
          formats,
          manifestPath,
          llm,
          records,
        },
        (done, total) => progress?.report(Math.floor((100 * done) / Math.max(1, total)), `${done}/${total} records`),
        abort.signal,
      );
      return result;
    } catch (e) {
      if (e instanceof CancelledError)
        throw new ResponseError(
          LSPErrorCodes.RequestCancelled,
          "SpecMint: generation cancelled; nothing was written and the output folder is as it was",
        );
      return failed(e);
    } finally {
      progress?.done();
    }
  });

  registerSetGeneration(connection, { isTrusted: () => trusted, cliScript: path.join(path.dirname(options.workerScript), "cli.js"), log });
  registerExtensionRequests(connection, {
    documents,
    isTrusted: () => trusted,
    log,
    settings: settingsFor,
    workspaceFolders: () => workspaceFolders,
  });
  documents.listen(connection);
  connection.listen();
}
