// One in-process fuzz case, run in a worker thread (see pool.ts): the engine on a random schema,
// the rule language on a random rule, the dataset reader on a random dataset, the language
// server's service layer on a random document being edited. Each returns a Failure or nothing:
//   - engine: compile + generate either gives records that a stock ajv accepts, or throws a
//     SpecMintError; never another exception; references read only inside the allowed folders;
//     nothing of the file outside them in any record or message;
//   - server: analysis and every feature (hover, completion, code actions, code lenses, symbols,
//     definition, rule hover) answer without throwing and without an internal error, reading files
//     as the server does (the workspace folder's tree; trusted or not), and nothing of the file
//     outside the workspace in any answer.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parentPort } from "node:worker_threads";
import { SpecMintError, stackOf } from "../../core/base";
import { compileSchemaValidator, Generator, samplesAt } from "../../core/engine";
import { loadSchemaFile, type LoadedSchema, type SchemaObject } from "../../core/schema";
import { NO_OFFLINE_SOURCES } from "../../core/schema/offline";
import { datasetStats, readDataset, scoreDataset } from "../../core/validate";
import { parseRule, ruleFindings } from "../../core/rules";
import { deprecationDraft, describeSchema } from "../../core/analyze";
import { allowedRoots } from "../../cli/settings";
import { analyzeDocument } from "../../server/analysis";
import { nodeTargetAt } from "../../server/features/target";
import { hoverFor } from "../../server/features/hover";
import { ruleHover, ruleStringAt } from "../../server/features/ruleHover";
import { completionAt } from "../../server/features/completion";
import { codeActionsFor } from "../../server/features/codeActions";
import { codeLensesFor } from "../../server/features/codeLens";
import { documentSymbolsFor } from "../../server/features/symbols";
import { definitionAt } from "../../server/features/definition";
import { semanticTokensFor } from "../../server/features/semanticTokens";
import { pathToUri } from "../../common/paths";
import { editorRoots } from "../../server/fileAccess";
import { stockValidator } from "../support/stockValidator";
import { SECRET, applyEdits, datasetFiles, type DatasetCase, type DocumentCase, type SchemaCase } from "./arbitraries";
import type { Failure } from "./config";
import type { CaseKind } from "./pool";
import type { Diagnostic, Position } from "vscode-languageserver";

/** The diagnostics whose range holds the position: what an editor sends with a code-action request there. */
function diagnosticsAt(diagnostics: readonly Diagnostic[], position: Position): Diagnostic[] {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return diagnostics.filter((d) => before(d.range.start, position) && before(position, d.range.end));
}

/** What the passwd file starts with: its content must not reach any output either. */
const PASSWD_MARK = "root:x:0:0";
const REFERENCE_DATE = "2026-01-01T00:00:00Z";

export interface Layout {
  root: string;
  project: string;
  outside: string;
}

/** root/outside holds the secret; root/project is the working directory (an allowed root). */
export function makeLayout(prefix: string): Layout {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const project = path.join(root, "project");
  const outside = path.join(root, "outside");
  fs.mkdirSync(project);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.json"), JSON.stringify({ type: "string", const: SECRET, $defs: { a: { const: SECRET } } }));
  fs.writeFileSync(path.join(outside, "secret.txt"), `${SECRET}\n`);
  spawnSync("mkfifo", [path.join(project, "fifo.json")]);
  return { root, project, outside };
}

/** The files a case's references may name, in a fresh folder of the project. */
export function writeCaseFiles(layout: Layout, dir: string, c: Pick<SchemaCase, "sibling" | "other">): void {
  fs.mkdirSync(path.join(dir, "sub"), { recursive: true });
  fs.writeFileSync(path.join(dir, "sibling.json"), c.sibling);
  fs.writeFileSync(path.join(dir, "sub", "other.json"), c.other);
  fs.writeFileSync(path.join(dir, "cycle-a.json"), '{"$ref":"cycle-b.json"}');
  fs.writeFileSync(path.join(dir, "cycle-b.json"), '{"$ref":"cycle-c.json"}');
  fs.writeFileSync(path.join(dir, "cycle-c.json"), '{"$ref":"cycle-a.json"}');
  fs.writeFileSync(path.join(dir, "bad.json"), '{"type": "string",');
  fs.writeFileSync(path.join(dir, "empty.json"), "");
  fs.symlinkSync(path.join(layout.outside, "secret.json"), path.join(dir, "link.json"));
  fs.symlinkSync(layout.outside, path.join(dir, "dirlink"));
}

/** The text around the first leaked marker, for the failure's detail. */
export function around(text: string): string {
  const k = Math.max(text.indexOf(SECRET), text.indexOf(PASSWD_MARK));
  return text.slice(Math.max(0, k - 700), k + 100);
}

export function leaks(text: string): string | undefined {
  if (text.includes(SECRET)) return "the secret file's content";
  if (text.includes(PASSWD_MARK)) return "/etc/passwd's content";
  return undefined;
}

function isInside(file: string, roots: string[]): boolean {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  return roots.some((r) => {
    const rel = path.relative(fs.realpathSync(r), real);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  });
}

function thrown(where: string, e: unknown): Failure {
  const err = e as { name?: string; message?: string };
  const message = String(err?.message ?? e).split("\n")[0];
  return { klass: `${where} threw ${err?.name ?? typeof e}: ${normalize(message)}`, detail: stackOf(e) };
}

/** A message without the case's particulars, so that one class is one line of the summary. */
export function normalize(message: string): string {
  return message
    .replace(/\/[^\s"':]*/g, "<path>")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, "N")
    .slice(0, 160);
}

// ---- engine -------------------------------------------------------------------------------------

function engineCase(layout: Layout, dir: string, c: SchemaCase): Failure | undefined {
  writeCaseFiles(layout, dir, c);
  const main = path.join(dir, "main.schema.json");
  fs.writeFileSync(main, c.main);
  const roots = allowedRoots(layout.project, main, NO_OFFLINE_SOURCES);
  const said: string[] = [];
  let loaded: LoadedSchema;
  try {
    loaded = loadSchemaFile(main, { offline: NO_OFFLINE_SOURCES, allowedRoots: roots });
    for (const d of loaded.documents) {
      if (d.file && !isInside(d.file, roots)) return { klass: "engine read a file outside the allowed folders", detail: d.file };
    }
    const generator = new Generator(loaded, { seed: c.seed, referenceDate: REFERENCE_DATE });
    generator.assertUniqueCapacity(c.count);
    const records: unknown[] = [];
    for (let i = 1; i <= c.count; i++) records.push(generator.record(i));
    said.push(JSON.stringify(records), ...generator.warnings());
    const bad = stockRejects(loaded, records);
    if (bad) return bad;
    // The hover's samples: the values of one node in the first records.
    const pointer = ["", "/properties/a", "/items", "/$defs/a", "/allOf/0"][c.seed % 5];
    said.push(JSON.stringify(samplesAt(generator, pointer, 2, { maxRecords: 4 })));
  } catch (e) {
    if (!(e instanceof SpecMintError)) return thrown("engine", e);
    said.push(e.message, ...e.details);
  }
  const leak = leaks(said.join("\n"));
  if (leak) return { klass: `engine output quotes ${leak}`, detail: around(said.join("\n")) };
  return undefined;
}

/** A stock ajv (test/support/stockValidator.ts) must accept every record of a one-file schema. */
function stockRejects(loaded: LoadedSchema, records: unknown[]): Failure | undefined {
  if (loaded.documents.length !== 1 || loaded.main.text.length > 100_000) return undefined;
  let validate;
  try {
    validate = stockValidator(loaded.draft).ajv.compile(loaded.main.root as object);
  } catch {
    return undefined; // a schema a stock ajv cannot compile (the engine may still know it)
  }
  for (const [k, r] of records.entries()) {
    if (!validate(r)) {
      const e = validate.errors?.[0];
      return {
        klass: `a generated record fails a stock ajv: ${e?.keyword ?? "?"}`,
        detail: `record ${k + 1} ${JSON.stringify(r)?.slice(0, 500)}: ${JSON.stringify(validate.errors?.slice(0, 3))}\nschema: ${loaded.main.text.slice(0, 2000)}`,
      };
    }
  }
  return undefined;
}

// ---- rules --------------------------------------------------------------------------------------

const RULE_SCHEMA = {
  type: "object",
  required: ["a", "b", "price", "items", "name"],
  properties: {
    a: { type: "integer", minimum: 0, maximum: 100 },
    b: { type: "number", minimum: -5, maximum: 5 },
    c: { type: "string", format: "date" },
    price: { type: "number", minimum: 0, multipleOf: 0.01 },
    name: { type: "string", minLength: 1, maxLength: 8 },
    items: {
      type: "array",
      maxItems: 3,
      items: { type: "object", required: ["price"], properties: { price: { type: "number", minimum: 0 } } },
    },
  },
};

function rulesCase(layout: Layout, dir: string, c: { rules: unknown[]; seed: number }): Failure | undefined {
  for (const r of c.rules) {
    if (typeof r !== "string") continue;
    try {
      parseRule(r);
    } catch (e) {
      return thrown("parseRule", e);
    }
  }
  fs.mkdirSync(dir);
  const main = path.join(dir, "rules.schema.json");
  fs.writeFileSync(main, JSON.stringify({ ...RULE_SCHEMA, "x-cross-field-rules": c.rules }, null, 2));
  const said: string[] = [];
  for (const strictRules of [true, false]) {
    try {
      const loaded = loadSchemaFile(main, { allowedRoots: [dir] });
      const generator = new Generator(loaded, { seed: c.seed, referenceDate: REFERENCE_DATE }, { strictRules });
      for (let i = 1; i <= 3; i++) said.push(JSON.stringify(generator.record(i)));
      said.push(...generator.warnings(), JSON.stringify(generator.ruleStats()));
      if (!strictRules) said.push(JSON.stringify(ruleFindings(loaded, loaded.main.root as SchemaObject)));
    } catch (e) {
      if (!(e instanceof SpecMintError)) return thrown(`rules (strictRules ${strictRules})`, e);
    }
  }
  return undefined;
}

// ---- datasets -----------------------------------------------------------------------------------

function datasetCase(layout: Layout, dir: string, c: { dataset: DatasetCase; schema: SchemaCase }): Failure | undefined {
  writeCaseFiles(layout, dir, c.schema);
  const { path: rel, files } = datasetFiles(c.dataset);
  if (c.dataset.kind === "folder") fs.mkdirSync(path.join(dir, "data"));
  for (const [f, text] of files) fs.writeFileSync(path.join(dir, f), text);
  const main = path.join(dir, "main.schema.json");
  fs.writeFileSync(main, c.schema.main);
  let loaded: LoadedSchema | undefined;
  try {
    loaded = loadSchemaFile(main, { allowedRoots: allowedRoots(layout.project, main, NO_OFFLINE_SOURCES) });
  } catch (e) {
    if (!(e instanceof SpecMintError)) return thrown("loading the dataset's schema", e);
  }
  try {
    const { records, sources } = readDataset(path.join(dir, rel));
    datasetStats(records, loaded);
    // As `specmint validate` does: the validator compiled the way the CLI compiles it.
    if (loaded) scoreDataset(compileSchemaValidator(loaded), loaded, records, sources);
  } catch (e) {
    if (!(e instanceof SpecMintError)) return thrown("dataset", e);
  }
  return undefined;
}

// ---- the server's service layer -----------------------------------------------------------------

function positionAt(text: string, offset: number): { line: number; character: number } {
  const at = text.length ? offset % (text.length + 1) : 0;
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lastBreak = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return { line, character: at - (lastBreak + 1) };
}

function serverCase(layout: Layout, dir: string, c: { doc: DocumentCase; schema: SchemaCase; trusted: boolean }): Failure | undefined {
  writeCaseFiles(layout, dir, c.schema);
  const file = path.join(dir, "doc.schema.json");
  const uri = pathToUri(file);
  let text = c.doc.text;
  fs.writeFileSync(file, text);
  const said: string[] = [];
  for (let version = 1; version <= c.doc.versions.length + 1; version++) {
    if (version > 1) text = applyEdits(text, c.doc.versions[version - 2]);
    const step = (what: string, fn: () => unknown): Failure | undefined => {
      try {
        said.push(JSON.stringify(fn()) ?? "");
        return undefined;
      } catch (e) {
        return thrown(`server ${what}`, e);
      }
    };
    let analysis: ReturnType<typeof analyzeDocument> | undefined;
    const f0 = step("analysis", () => {
      analysis = analyzeDocument({
        uri,
        version,
        text,
        overlay: () => undefined,
        rules: { ruleFindings },
        ruleContext: { count: 10, referenceDate: REFERENCE_DATE },
        // As the server reads files: inside the workspace folder (the project) and the document's folder.
        access: { trusted: c.trusted, roots: editorRoots([layout.project], file, NO_OFFLINE_SOURCES) },
      });
      return analysis.diagnostics;
    });
    if (f0) return f0;
    const a = analysis!;
    let generator: Generator | SpecMintError | undefined;
    if (a.internalErrors.length) {
      return {
        klass: `server analysis internal error: ${normalize(a.internalErrors[0].split("\n")[0])}`,
        detail: a.internalErrors.join("\n"),
      };
    }
    for (const offset of c.doc.positions) {
      const position = positionAt(text, offset);
      const failure =
        step("hover", () => {
          const rule = ruleStringAt(a.doc, position);
          if (rule) {
            if (!a.exact || !a.loaded) return null;
            try {
              return ruleHover(a.doc, a.loaded, rule, { seed: 1, referenceDate: REFERENCE_DATE });
            } catch (e) {
              if (e instanceof SpecMintError) return e.message;
              throw e;
            }
          }
          const target = nodeTargetAt(a, position);
          if (!target) return null;
          const description = describeSchema(target.schema, a.loaded, { required: target.required });
          let values: unknown[] = [];
          if (a.exact && a.loaded) {
            try {
              // One generator per version, as the server's generation worker keeps it.
              if (!generator) generator = new Generator(a.loaded, { seed: 1, referenceDate: REFERENCE_DATE }, { strictRules: false });
              if (generator instanceof Generator) values = samplesAt(generator, target.pointer, 2, { maxRecords: 4 });
            } catch (e) {
              if (!(e instanceof SpecMintError)) throw e;
              generator ??= e;
            }
          }
          return hoverFor(target, description, { values }, 1, a.loaded?.draftChoice);
        }) ??
        step("completion", () => completionAt(a.doc, a, position, true)) ??
        step("code actions", () =>
          codeActionsFor(a, {
            textDocument: { uri },
            range: { start: position, end: position },
            context: { diagnostics: diagnosticsAt(a.diagnostics, position) },
          }),
        ) ??
        step("definition", () => definitionAt(a, position));
      if (failure) return failure;
    }
    const f1 =
      step("code lens", () => codeLensesFor(a.doc)) ??
      step("symbols", () => documentSymbolsFor(a.doc)) ??
      step("semantic tokens", () =>
        semanticTokensFor(a.doc, {
          draft: a.loaded?.draft ?? "2020-12",
          deprecationsOf: a.loaded && deprecationDraft(a.loaded.draftChoice),
          ruleLength: 10_000,
        }),
      );
    if (f1) return f1;
  }
  const leak = leaks(said.join("\n"));
  if (leak) return { klass: `server answer quotes ${leak}`, detail: around(said.join("\n")) };
  return undefined;
}

// ---- the worker's loop --------------------------------------------------------------------------

export function runCase(layout: Layout, n: number, kind: CaseKind, input: unknown): Failure | undefined {
  const dir = path.join(layout.project, `c${n}`);
  try {
    switch (kind) {
      case "engine":
        return engineCase(layout, dir, input as SchemaCase);
      case "rules":
        return rulesCase(layout, dir, input as { rules: unknown[]; seed: number });
      case "dataset":
        return datasetCase(layout, dir, input as { dataset: DatasetCase; schema: SchemaCase });
      case "server":
        return serverCase(layout, dir, input as { doc: DocumentCase; schema: SchemaCase; trusted: boolean });
    }
  } catch (e) {
    return thrown(`${kind} case (outside the code under test?)`, e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function serveCases(): void {
  const layout = makeLayout("specmint-fuzz-");
  const port = parentPort!;
  port.on("message", (m: { id: number; kind: CaseKind; input: unknown }) => {
    const started = Date.now();
    const failure = runCase(layout, m.id, m.kind, m.input);
    port.postMessage({ id: m.id, failure, ms: Date.now() - started });
  });
  port.postMessage({ ready: true, root: layout.root });
}
