// Documents referenced by URL, found on disk: SpecMint never fetches. A URL resolves through a
// prefix → folder map (`[refs]` in specmint.toml, like VS Code's `json.schemas`), else through the
// `$id`s of the schemas in the folders given by `--schema-dir`.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as jsonc from "jsonc-parser";

/** "https://json.schemastore.org/" → "/abs/vendor/schemastore": a URL under the prefix is the file at the rest of its path. */
export interface RefMapping {
  prefix: string;
  folder: string;
}

export interface OfflineSources {
  /** Folders whose schemas are found by their `$id` (or draft-04 `id`). */
  schemaDirs: string[];
  refMap: RefMapping[];
}

export const NO_OFFLINE_SOURCES: OfflineSources = { schemaDirs: [], refMap: [] };

function withoutFragment(uri: string): string {
  const k = uri.indexOf("#");
  return k < 0 ? uri : uri.slice(0, k);
}

function normalizeUri(uri: string): string | undefined {
  try {
    return withoutFragment(new URL(uri).href);
  } catch {
    return undefined;
  }
}

/** The file a URL maps to by the longest matching prefix, if it stays inside that folder. */
export function mappedFile(uri: string, refMap: readonly RefMapping[]): string | undefined {
  let best: RefMapping | undefined;
  for (const m of refMap) if (uri.startsWith(m.prefix) && (!best || m.prefix.length > best.prefix.length)) best = m;
  if (!best) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(uri.slice(best.prefix.length));
  } catch {
    return undefined;
  }
  if (rest === "") return undefined;
  const file = path.resolve(best.folder, rest);
  const rel = path.relative(best.folder, file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? undefined : file;
}

const STOP = new Error("found");

/**
 * The top-level `$id` (or `id`) of a JSON/JSONC text, read by the scanner without building the
 * document: a folder of 950 schemas is indexed in a fraction of the time a parse of each takes.
 */
export function topLevelId(text: string): string | undefined {
  let depth = 0;
  let key: string | undefined;
  let found: string | undefined;
  let id: string | undefined;
  try {
    jsonc.visit(
      text,
      {
        onObjectBegin: () => void depth++,
        onObjectEnd: () => void depth--,
        onArrayBegin: () => void depth++,
        onArrayEnd: () => void depth--,
        onObjectProperty: (name) => {
          key = depth === 1 ? name : undefined;
        },
        onLiteralValue: (value) => {
          if (depth !== 1 || typeof value !== "string") return;
          if (key === "$id") {
            found = value;
            throw STOP;
          }
          if (key === "id") id ??= value;
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return found ?? id;
}

/** `$id` (without fragment) → file, over the JSON files of the folders (not their subfolders). */
export function indexSchemaDirs(dirs: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.json[c5]?$/i.test(name)) continue;
      const file = path.join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      const id = topLevelId(text);
      const uri = id === undefined ? undefined : normalizeUri(id);
      // The first folder given (and the first file by name) wins, so the choice does not depend on the disk.
      if (uri && !index.has(uri)) index.set(uri, file);
    }
  }
  return index;
}

/**
 * The local files that may hold a URL's document, in order: by the map, then by `$id` in the schema
 * folders (indexed once, when first asked, so a schema without remote references reads no folder).
 */
export function offlineResolver(sources: OfflineSources): (uri: string) => string[] {
  let index: Map<string, string> | undefined;
  return (uri) => {
    const files: string[] = [];
    const mapped = mappedFile(uri, sources.refMap);
    if (mapped) files.push(mapped);
    if (sources.schemaDirs.length) {
      index ??= indexSchemaDirs(sources.schemaDirs);
      const key = normalizeUri(uri);
      const found = key === undefined ? undefined : index.get(key);
      if (found && found !== mapped) files.push(found);
    }
    return files;
  };
}
