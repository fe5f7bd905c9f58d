// The files of the workspace folders, breadth-first (folders and files by name) and bounded by depth,
// so that a search near a schema never walks a whole disk. node_modules and dot-folders are skipped;
// an unreadable folder is passed over. The caller stops the walk when it has read enough.
import { readdirSync } from "node:fs";
import * as path from "node:path";

/** Files under `roots` whose name `wanted` accepts, folders `maxDepth` below a root at the deepest (0: the root itself). */
export function* workspaceFiles(roots: readonly string[], maxDepth: number, wanted: (name: string) => boolean): Generator<string> {
  const seen = new Set<string>();
  const queue: [string, number][] = roots.map((r) => [path.resolve(r), 0]);
  while (queue.length) {
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
        if (depth < maxDepth && e.name !== "node_modules" && !e.name.startsWith(".")) queue.push([path.join(dir, e.name), depth + 1]);
      } else if (e.isFile() && wanted(e.name)) yield path.join(dir, e.name);
    }
  }
}
