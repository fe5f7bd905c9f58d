import { fileURLToPath } from "node:url";

/** A file path for a file: URI; undefined for unsaved or virtual documents. */
export function URI_TO_PATH(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
