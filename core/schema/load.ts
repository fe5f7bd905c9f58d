// Loading a schema: JSON or JSONC with positions, draft detection, and a registry of every
// resource ($id), anchor and file it references, so that `$ref`s resolve the way ajv resolves them.
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import * as jsonc from "jsonc-parser";
import { SpecMintError, type SourceLocation } from "../base/errors";
import { limitsOf, type Limits } from "../base/limits";
import { scanJson, type ScanTotals } from "./scan";
import { metaSchemaFor } from "./metaschemas";
import { escapePointerSegment, SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from "./keywords";
import { chooseDraft, type DraftChoice } from "./draft";
import { NO_OFFLINE_SOURCES, offlineResolver, type OfflineSources } from "./offline";

export type Draft = "2020-12" | "2019-09" | "07" | "06" | "04";

export const DRAFT_URIS: Record<Draft, string> = {
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
  "2019-09": "https://json-schema.org/draft/2019-09/schema",
  "07": "http://json-schema.org/draft-07/schema#",
  "06": "http://json-schema.org/draft-06/schema#",
  "04": "http://json-schema.org/draft-04/schema#",
};

export type SchemaObject = { [k: string]: unknown };
export type Schema = SchemaObject | boolean;

/** One parsed file (the root schema or a file it references). */
export interface SchemaDocument {
  /** Absolute file path, or undefined for text given in memory without a path. */
  file?: string;
  uri: string;
  text: string;
  root: Schema;
  tree: jsonc.Node | undefined;
  lineStarts: number[];
}

/** Where a schema object was found: its document, its resource base URI and its JSON pointer. */
export interface SchemaOrigin {
  doc: SchemaDocument;
  pointer: string;
  /** URI of the resource that contains it (nearest `$id`). */
  baseUri: string;
  /** JSON pointer of the object inside that resource (what ajv resolves `baseUri#pointer` to). */
  resourcePointer: string;
}

export interface LoadedSchema {
  main: SchemaDocument;
  draft: Draft;
  /** How the draft was chosen: declared by `$schema`, given, inferred from keywords, or the default. */
  draftChoice: DraftChoice;
  /** sha256 of the main file's bytes. */
  sha256: string;
  /** Every document loaded, main first. */
  documents: SchemaDocument[];
  /** Where documents referenced by URL were looked for (the URL map and the schema folders). */
  offline: OfflineSources;
  /** Referenced files not opened because they are outside the allowed roots: path → why. */
  refused: Map<string, string>;
  /** Resources by absolute URI without fragment, for ajv. */
  resources: Map<string, Schema>;
  /** The work limits of this run, which every later stage (plans, rules, the validator) keeps to. */
  limits: Limits;
  /** Resolve `ref` found in schema object `from`; undefined when it does not resolve. */
  resolveRef(from: SchemaObject, ref: string): Schema | undefined;
  /** Resolve `$dynamicRef`/`$recursiveRef` the static way (nearest dynamic anchor of that name). */
  origin(schema: SchemaObject): SchemaOrigin | undefined;
  /** file, pointer, line:column of a schema object (or of a pointer in the main document). */
  locate(schema: SchemaObject | string): SourceLocation;
}

/** The draft a schema is read as when nothing else is said: see chooseDraft (draft.ts). */
export function detectDraft(root: Schema): Draft {
  return chooseDraft(root).draft;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) starts.push(k + 1);
    else if (c === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      starts.push(k + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset. */
export function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0,
    hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "" || pointer === "#") return [];
  return pointer
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * `text` with its percent-escapes decoded, or why it cannot be: decodeURIComponent throws a
 * URIError on a "%" that starts no escape ("#/H%=") and on escapes that are not UTF-8 ("%FF"), and
 * a $ref is text anyone can type. The problem names the first such escape.
 */
export function percentDecoded(text: string): { decoded: string } | { problem: string } {
  if (!text.includes("%")) return { decoded: text };
  try {
    return { decoded: decodeURIComponent(text) };
  } catch {
    const bad = /%(?![0-9a-fA-F]{2})/.exec(text);
    if (bad) return { problem: `${text.slice(bad.index, bad.index + 3)} is not a percent-escape (a literal % is written %25)` };
    const run = /(?:%[0-9a-fA-F]{2})+/g;
    for (let m; (m = run.exec(text));) {
      try {
        decodeURIComponent(m[0]);
      } catch {
        return { problem: `${m[0]} is not percent-encoded UTF-8` };
      }
    }
    return { problem: "its percent-escapes are not percent-encoded UTF-8" };
  }
}

/**
 * The value of a parse tree as JSON.parse would build it. jsonc-parser's own getNodeValue makes
 * prototype-less objects, which deep-equality (ajv's const/enum) treats as different from `{}`.
 * Built without recursion: a tree that jsonc-parser recovered from a syntax error is not behind
 * the depth limit's scan, and can nest deeper than the stack allows a recursive walk.
 */
export function nodeValue(root: jsonc.Node): unknown {
  const unfilled: { node: jsonc.Node; container: unknown[] | Record<string, unknown> }[] = [];
  // A container is made empty where it belongs and filled when its turn comes.
  const valueOf = (node: jsonc.Node): unknown => {
    if (node.type !== "array" && node.type !== "object") return node.value;
    const container = node.type === "array" ? [] : {};
    unfilled.push({ node, container });
    return container;
  };
  const rootValue = valueOf(root);
  for (let next = unfilled.pop(); next; next = unfilled.pop()) {
    const { node, container } = next;
    if (Array.isArray(container)) {
      for (const element of node.children ?? []) container.push(valueOf(element));
      continue;
    }
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value) continue;
      // defineProperty keeps a key named "__proto__" an ordinary own property.
      Object.defineProperty(container, key.value as string, {
        value: valueOf(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return rootValue;
}

/**
 * The first object or array, in document order, inside more than `limit` others (the root is 1
 * deep, as the depth limit counts), or undefined; found without recursion.
 */
export function nodeNestedDeeperThan(root: jsonc.Node, limit: number): jsonc.Node | undefined {
  const pending: { node: jsonc.Node; outer: number }[] = [{ node: root, outer: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, outer } = next;
    const depth = node.type === "array" || node.type === "object" ? outer + 1 : outer;
    if (depth > limit) return node;
    const children = node.children ?? [];
    for (let k = children.length - 1; k >= 0; k--) pending.push({ node: children[k], outer: depth });
  }
  return undefined;
}

/** One step down a parse tree; array indices may be strings ("1"); of duplicate keys the last counts, as JSON.parse keeps it. */
export function stepInto(node: jsonc.Node, seg: string | number): jsonc.Node | undefined {
  if (node.type === "object") {
    let found: jsonc.Node | undefined;
    for (const prop of node.children ?? []) if (prop.children?.[0]?.value === String(seg)) found = prop.children[1];
    return found;
  }
  if (node.type === "array") return /^(0|[1-9][0-9]*)$/.test(String(seg)) ? node.children?.[Number(seg)] : undefined;
  return undefined;
}

/** The tree node at a path (unlike jsonc's findNodeAtLocation, "/allOf/1" works). */
export function nodeAtPointer(root: jsonc.Node | undefined, path: (string | number)[]): jsonc.Node | undefined {
  let node = root;
  for (const seg of path) node = node ? stepInto(node, seg) : undefined;
  return node;
}

/** Parse JSON/JSONC text; syntax errors become a SpecMintError with line:column. */
export function parseSchemaText(
  text: string,
  file?: string,
  limits: Limits = limitsOf(undefined),
  totals: ScanTotals = { schemaNodes: 0 },
): { root: Schema; tree: jsonc.Node | undefined; lineStarts: number[] } {
  const lineStarts = lineStartsOf(text);
  // Before the parser (which recurses per level) and everything after it that recurses along the tree.
  scanJson(text, { limits, schema: true, file, lineStarts, totals, position: positionOf, what: "the schema" });
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || tree === undefined) {
    const details = errors.slice(0, 5).map((e) => {
      const p = positionOf(lineStarts, e.offset);
      return `${file ?? "<schema>"} ${p.line}:${p.column}: ${jsonc.printParseErrorCode(e.error)}`;
    });
    const first = errors[0] ? positionOf(lineStarts, errors[0].offset) : { line: 1, column: 1 };
    throw new SpecMintError(
      "schema",
      `the schema is not valid JSON (${errors.length} syntax error${errors.length === 1 ? "" : "s"}, first: ${errors[0] ? jsonc.printParseErrorCode(errors[0].error) : "empty document"})`,
      { file, line: first.line, column: first.column },
      details,
    );
  }
  const root = nodeValue(tree);
  if (typeof root !== "boolean" && (typeof root !== "object" || root === null || Array.isArray(root))) {
    throw new SpecMintError("schema", "a JSON Schema must be an object or a boolean", { file, pointer: "", line: 1, column: 1 });
  }
  return { root: root as Schema, tree, lineStarts };
}

function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

function stripFragment(uri: string): string {
  const k = uri.indexOf("#");
  return k < 0 ? uri : uri.slice(0, k);
}

function resolveUri(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

export { escapePointerSegment, SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from "./keywords";

export interface LoadOptions {
  /** Read a referenced file; defaults to the file system (only files, never the network). */
  readFile?: (file: string) => string;
  /** The draft of a schema without `$schema` (`--draft`, `specmint.defaultDraft`); else it is inferred. */
  draft?: Draft;
  /** Documents referenced by URL: `--schema-dir` folders and the `[refs]` URL map (never the network). */
  offline?: OfflineSources;
  /**
   * Folders a referenced file must be inside, after resolving symlinks (the CLI: the working
   * directory, the schema's folder, the schema folders and the URL map's). A file elsewhere is not
   * opened: it is recorded in `refused` with why. Undefined: any file.
   */
  allowedRoots?: string[];
  /** Work limits raised or lowered by name (`--limit`, `[limits]`, `specmint.limits`); the rest keep their defaults. */
  limits?: Partial<Limits>;
}

/** Load a schema from text (the language server's open document) or from a file. */
export function loadSchemaText(text: string, file: string | undefined, options: LoadOptions = {}): LoadedSchema {
  const readFile = options.readFile ?? readRegularFile;
  const documents: SchemaDocument[] = [];
  const resources = new Map<string, Schema>();
  const origins = new WeakMap<object, SchemaOrigin>();
  const anchors = new Map<string, SchemaObject>(); // "uri#anchor" → schema
  const docsByUri = new Map<string, SchemaDocument>();

  const offline = options.offline ?? NO_OFFLINE_SOURCES;
  const refused = new Map<string, string>();
  const allowed = (f: string): boolean => {
    if (!options.allowedRoots) return true;
    if (!isInsideRoots(f, options.allowedRoots)) {
      refused.set(f, outsideRootsReason(f));
      return false;
    }
    return true;
  };
  const localFilesFor = offlineResolver(offline);
  const limits = limitsOf(options.limits);
  const totals: ScanTotals = { schemaNodes: 0 };
  const parsed = parseSchemaText(text, file, limits, totals);
  const draftChoice = chooseDraft(parsed.root, options.draft);
  const draft = draftChoice.draft;
  const idKey = draft === "04" ? "id" : "$id";
  const mainUri = file ? pathToFileURL(path.resolve(file)).href : "specmint:///schema.json";
  const main: SchemaDocument = { file: file ? path.resolve(file) : undefined, uri: mainUri, text, ...parsed };

  const register = (doc: SchemaDocument) => {
    documents.push(doc);
    docsByUri.set(doc.uri, doc);
    resources.set(doc.uri, doc.root);
    walk(doc.root, doc, "", doc.uri, "");
  };

  const walk = (node: unknown, doc: SchemaDocument, pointer: string, base: string, resourcePointer: string) => {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return;
    const obj = node as SchemaObject;
    if (origins.has(obj)) return;
    const id = obj[idKey];
    if (typeof id === "string") {
      const legacy = draft === "04" || draft === "06" || draft === "07";
      if (id.startsWith("#")) {
        // Plain-name fragment ids of older drafts are anchors; later drafts forbid them.
        if (legacy) anchors.set(stripFragment(base) + id, obj);
      } else {
        base = stripFragment(resolveUri(id, base));
        resourcePointer = "";
        if (!resources.has(base)) resources.set(base, obj);
      }
    }
    origins.set(obj, { doc, pointer, baseUri: base, resourcePointer });
    // Files a schema refers to are loaded up front: ajv needs every resource before it compiles.
    for (const k of ["$ref", "$dynamicRef"]) {
      const r = obj[k];
      if (typeof r === "string" && !r.startsWith("#")) pendingFiles.push(stripFragment(resolveUri(r, base)));
    }
    if (typeof obj.$anchor === "string") anchors.set(`${base}#${obj.$anchor}`, obj);
    if (typeof obj.$dynamicAnchor === "string") {
      anchors.set(`${base}#${obj.$dynamicAnchor}`, obj);
    }
    const child = (value: unknown, seg: string) => walk(value, doc, `${pointer}/${seg}`, base, `${resourcePointer}/${seg}`);
    for (const kw of SCHEMA_MAP_KEYWORDS) {
      const m = obj[kw];
      if (typeof m === "object" && m !== null && !Array.isArray(m)) {
        for (const [k, v] of Object.entries(m)) child(v, `${kw}/${escapePointerSegment(k)}`);
      }
    }
    for (const kw of SCHEMA_ARRAY_KEYWORDS) {
      const a = obj[kw];
      if (Array.isArray(a)) a.forEach((v, k) => child(v, `${kw}/${k}`));
    }
    for (const kw of SCHEMA_KEYWORDS) {
      const v = obj[kw];
      if (typeof v === "object" && v !== null && !Array.isArray(v)) child(v, kw);
    }
  };

  const pendingFiles: string[] = [];
  register(main);

  const loadFile = (uri: string): SchemaDocument | undefined => {
    const meta = metaSchemaFor(uri);
    if (meta) {
      // Registered under its own URI; ajv already knows it, so it is never added to ajv again.
      const metaText = JSON.stringify(meta);
      const doc: SchemaDocument = { uri, text: metaText, root: JSON.parse(metaText) as Schema, tree: undefined, lineStarts: [0] };
      register(doc);
      return doc;
    }
    const existing = docsByUri.get(uri);
    if (existing) return existing;
    if (!uri.startsWith("file:")) {
      // A document by URL: from a mapped folder or a schema folder, registered under its URL so
      // that its own relative references resolve against that URL, as they would online.
      for (const f of localFilesFor(uri)) {
        if (!allowed(f)) continue;
        let fileText: string;
        try {
          fileText = readFile(f);
        } catch {
          continue;
        }
        if (fileText.charCodeAt(0) === 0xfeff) fileText = fileText.slice(1);
        const doc: SchemaDocument = { file: f, uri, text: fileText, ...parseSchemaText(fileText, f, limits, totals) };
        register(doc);
        return doc;
      }
      return undefined;
    }
    let f: string;
    try {
      f = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    if (!allowed(f)) return undefined;
    let fileText: string;
    try {
      fileText = readFile(f);
    } catch (e) {
      // A FIFO or device is named as such rather than as "cannot be read" (it was not opened).
      if ((e as NodeJS.ErrnoException).code === "ENOTREG") refused.set(f, `${(e as Error).message}; it was not read`);
      return undefined;
    }
    const p = parseSchemaText(fileText, f, limits, totals);
    const doc: SchemaDocument = { file: f, uri, text: fileText, ...p };
    register(doc);
    return doc;
  };

  while (pendingFiles.length) {
    const uri = pendingFiles.shift()!;
    if (!resources.has(uri)) loadFile(uri);
  }

  const resolvePointer = (root: unknown, pointer: string): Schema | undefined => {
    let cur: unknown = root;
    for (const seg of pointerToPath(pointer)) {
      if (typeof cur !== "object" || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[seg as string];
    }
    if (typeof cur === "boolean") return cur;
    if (typeof cur === "object" && cur !== null && !Array.isArray(cur)) return cur as SchemaObject;
    return undefined;
  };

  const resolveRef = (from: SchemaObject, ref: string): Schema | undefined => {
    const base = origins.get(from)?.baseUri ?? mainUri;
    const abs = resolveUri(ref, base);
    const hash = abs.indexOf("#");
    const resourceUri = hash < 0 ? abs : abs.slice(0, hash);
    const decoded = percentDecoded(hash < 0 ? "" : abs.slice(hash + 1));
    // A fragment that cannot be decoded leads nowhere; refFindings says why (ref-unresolved).
    if ("problem" in decoded) return undefined;
    const fragment = decoded.decoded;
    let resource = resources.get(resourceUri);
    if (resource === undefined && loadFile(resourceUri)) resource = resources.get(resourceUri);
    if (resource === undefined) {
      // A draft-07 style "#foo" id lives in the anchors map under its resource.
      return anchors.get(abs);
    }
    if (fragment === "") return resource;
    if (fragment.startsWith("/")) return adopt(resolvePointer(resource, fragment), resource, resourceUri, fragment);
    return anchors.get(`${resourceUri}#${fragment}`);
  };

  // A pointer may reach into a part of a document that is under no schema keyword, as in
  // "$ref": "#/definitions/notifications/webhooks" where `notifications` is a plain object of schemas.
  // The schemas there get their origins when first reached, so that they are validated in place,
  // with their own `$ref`s resolved against their resource, like every other subschema.
  const adopt = (target: Schema | undefined, resource: Schema, resourceUri: string, fragment: string): Schema | undefined => {
    if (typeof target !== "object" || target === null || origins.has(target) || typeof resource !== "object") return target;
    const o = origins.get(resource);
    if (o) walk(target, o.doc, o.pointer + fragment, resourceUri, o.resourcePointer + fragment);
    return target;
  };

  const locate = (schema: SchemaObject | string): SourceLocation => {
    let doc = main;
    let pointer: string;
    if (typeof schema === "string") pointer = schema;
    else {
      const o = origins.get(schema);
      if (!o) return { file: main.file };
      doc = o.doc;
      pointer = o.pointer;
    }
    const loc: SourceLocation = { file: doc.file, pointer };
    if (doc.tree) {
      const node = nodeAtPointer(doc.tree, pointerToPath(pointer));
      // Point at the property key when there is one: that is what a person looks for.
      const at = node?.parent?.type === "property" ? node.parent : node;
      if (at) Object.assign(loc, positionOf(doc.lineStarts, at.offset));
    }
    return loc;
  };

  return {
    main,
    draft,
    draftChoice,
    sha256: sha256(text),
    documents,
    offline,
    refused,
    resources,
    limits,
    resolveRef,
    origin: (s) => origins.get(s),
    locate,
  };
}

/** The path with symlinks resolved as far as it exists (a missing file: its folder's real path). */
export function realPath(f: string): string {
  try {
    return realpathSync(f);
  } catch {
    const dir = path.dirname(f);
    return dir === f ? f : path.join(realPath(dir), path.basename(f));
  }
}

/** Whether a file, symlinks resolved, is inside one of the roots (themselves resolved). */
export function isInsideRoots(file: string, roots: readonly string[]): boolean {
  const real = realPath(path.resolve(file));
  return roots.some((r) => {
    const rel = path.relative(realPath(path.resolve(r)), real);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  });
}

function outsideRootsReason(file: string): string {
  const real = realPath(path.resolve(file));
  const via = real !== path.resolve(file) ? ` (a symlink to ${real})` : "";
  return `${file}${via} is outside the folders a schema may read (the working directory, the schema's folder and the --schema-dir folders); it was not opened. To allow it, run from a folder that contains it or pass --schema-dir with its folder (or schema-dir in specmint.toml)`;
}

/**
 * A file's text, refusing at once what is not a regular file: a FIFO or a device would block the
 * read (and with it every signal handler), a folder cannot be read.
 */
export function readRegularFile(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) {
    const what = st.isDirectory()
      ? "a folder"
      : st.isFIFO()
        ? "a named pipe (FIFO)"
        : st.isSocket()
          ? "a socket"
          : "a device or special file";
    throw Object.assign(new Error(`${file} is ${what}, not a regular file`), { code: "ENOTREG" });
  }
  return readFileSync(file, "utf8");
}

export function loadSchemaFile(file: string, options: LoadOptions = {}): LoadedSchema {
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecMintError(
      code === "ENOENT" ? "schema" : "io",
      code === "ENOENT"
        ? `schema file not found: ${file}`
        : code === "ENOTREG"
          ? `cannot read schema file: ${(e as Error).message}; give --schema a JSON file`
          : `cannot read schema file ${file}: ${(e as Error).message}`,
      { file },
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return loadSchemaText(text, file, options);
}

export { sha256 as sha256Hex };
