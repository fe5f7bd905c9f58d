// Where a schema with a given `$id` lies near a schema: its own folder, then the workspace folder,
// searched breadth-first (folders and files by name) and bounded, so that a quick fix never walks a
// whole disk or reads a big data file. node_modules and dot-folders are skipped.
import { readFileSync, statSync } from "node:fs";
import { topLevelId } from "../core/schema";
import { workspaceFiles } from "./workspaceWalk";

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
  let read = 0;
  for (const file of workspaceFiles(roots, MAX_SEARCH_DEPTH, (name) => /\.json[c5]?$/i.test(name))) {
    if (read >= MAX_SEARCHED_FILES) break;
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
  return index;
}
