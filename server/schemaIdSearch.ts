// Where a schema with a given `$id` lies near a schema: its own folder, then the workspace folder,
// searched breadth-first (folders and files by name) and bounded, so that a quick fix never walks a
// whole disk or reads a big data file. node_modules and dot-folders are skipped.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { topLevelId } from "../core/schema";

/** At most this many JSON files are read per search. */
export const MAX_SEARCHED_FILES = 400;
/** Folders this deep below a root are not entered (0: the root itself). */
export const MAX_SEARCH_DEPTH = 4;
/** A file bigger than this is not a schema worth offering (and is not read). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

function withoutFragment(uri: string): string | undefined {
  try {
    const href = new URL(uri).href;
    const k = href.indexOf("#");
    return k < 0 ? href : href.slice(0, k);
  } catch {
    return undefined;
  }
}

/**
 * `$id` (without fragment) → file, over the JSON files under `roots` (in that order, the first file
 * found for an `$id` winning), reading at most MAX_SEARCHED_FILES of them.
 */
export function searchSchemaIds(roots: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  const seen = new Set<string>();
  const queue: [string, number][] = roots.map((r) => [path.resolve(r), 0]);
  let read = 0;
  while (queue.length && read < MAX_SEARCHED_FILES) {
    const [dir, depth] = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (depth < MAX_SEARCH_DEPTH && e.name !== "node_modules" && !e.name.startsWith("."))
          queue.push([path.join(dir, e.name), depth + 1]);
        continue;
      }
      if (!e.isFile() || !/\.json[c5]?$/i.test(e.name) || read >= MAX_SEARCHED_FILES) continue;
      const file = path.join(dir, e.name);
      try {
        if (statSync(file).size > MAX_FILE_BYTES) continue;
        read++;
        const id = topLevelId(readFileSync(file, "utf8"));
        const uri = id === undefined ? undefined : withoutFragment(id);
        if (uri && !index.has(uri)) index.set(uri, file);
      } catch {
        // unreadable: nothing to offer from it
      }
    }
  }
  return index;
}
