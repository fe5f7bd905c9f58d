import { fileURLToPath, pathToFileURL } from "node:url";

/** A file path for a file: URI; undefined for unsaved or virtual documents. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}
