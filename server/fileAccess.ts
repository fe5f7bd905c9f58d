// Which files a schema may read in the editor (issue 12). A referenced file is read only inside the
// allowed roots — the workspace folders, the schema's own folder tree and the specmint.schemaDirs /
// specmint.refs folders — checked after resolving symlinks; in an untrusted workspace nothing but the
// open documents is read at all. A refused file is never opened, and the reason names the file and
// the setting that allows it, never its content.
import * as path from "node:path";
import { isInsideRoots, realPath, type OfflineSources } from "../core/schema";

export interface FileAccess {
  /** Whether the workspace is trusted: when not, only open documents are read. */
  trusted: boolean;
  /** Folders a referenced file must be inside (symlinks resolved). */
  roots: string[];
}

/** No URL documents: what an untrusted workspace gets (indexing schema folders reads their files). */
export const NO_OFFLINE: OfflineSources = { schemaDirs: [], refMap: [] };

/** The allowed roots of a schema at `file` (undefined: an unsaved document). */
export function editorRoots(workspaceFolders: readonly string[], file: string | undefined, offline: OfflineSources): string[] {
  return [
    ...workspaceFolders,
    ...(file ? [path.dirname(path.resolve(file))] : []),
    ...offline.schemaDirs,
    ...offline.refMap.map((m) => m.folder),
  ];
}

/** Why a file outside the roots was not opened, and how to allow it. */
export function outsideRootsProblem(file: string, real: string): string {
  const via = real !== path.resolve(file) ? ` (a symlink to ${real})` : "";
  return (
    `${file}${via} is outside the folders a schema may read in the editor (the workspace folders, the schema's folder ` +
    `and the specmint.schemaDirs/specmint.refs folders); it was not opened. To allow it, add its folder to ` +
    `specmint.schemaDirs (or open a workspace folder that contains it)`
  );
}

export const UNTRUSTED_PROBLEM =
  "this workspace is not trusted, so the server reads no file that is not open in the editor; it was not opened. " +
  "Trust the workspace (or open the file) to use it";

/** Why `file` may not be read from disk (undefined: it may). Open documents are checked against the roots too. */
export function accessProblem(file: string, access: FileAccess | undefined): string | undefined {
  if (!access) return undefined;
  if (!isInsideRoots(file, access.roots)) return outsideRootsProblem(file, realPath(path.resolve(file)));
  return undefined;
}
