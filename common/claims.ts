// Which JSON documents are schemas SpecMint speaks about (docs/protocol.md): `$schema` names a JSON
// Schema draft, or the path matches specmint.schemaGlobs, or the document uses SpecMint's own
// keys (x-llm…, x-cross-field-rules). Every other JSON document gets nothing from the server. Shared:
// the server claims documents with it, the extension offers the same files when it asks for a schema.
import * as path from "node:path";
import { uriToPath } from "./paths";
import { matchesAnyGlob } from "./globs";

export type ClaimReason = "$schema" | "glob" | "extension-keyword";

const DRAFT_URI = /^https?:\/\/json-schema\.org\/(draft-0[3-7]\/schema|draft\/20\d\d-\d\d\/schema|schema)#?$/;
const JSON_LANGUAGES = new Set(["json", "jsonc"]);

function isJsonDocument(uri: string, languageId: string): boolean {
  return JSON_LANGUAGES.has(languageId) || /\.jsonc?$/i.test(uri);
}

// Read from the text, not a parse: a claim is decided for every JSON document a client opens, and
// a half-typed schema is still a schema. A `$schema` or key in a nested or quoted place counts too.
const SCHEMA_MEMBER = /"\$schema"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const EXTENSION_KEY = /"(?:x-llm[^"\\]*|x-cross-field-rules)"\s*:/;

/** Paths the globs are tried on: relative to each workspace folder that holds the file, and absolute. */
function candidatePaths(file: string, workspaceFolders: readonly string[]): string[] {
  const slash = (p: string) => p.split(path.sep).join("/");
  const out = [slash(file)];
  for (const folder of workspaceFolders) {
    const rel = path.relative(folder, file);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) out.push(slash(rel));
  }
  return out;
}

export function claimReason(
  uri: string,
  text: string,
  languageId: string,
  globs: readonly string[],
  workspaceFolders: readonly string[],
): ClaimReason | undefined {
  if (!isJsonDocument(uri, languageId)) return undefined;
  const declared = SCHEMA_MEMBER.exec(text)?.[1];
  if (declared !== undefined && DRAFT_URI.test(declared)) return "$schema";
  const file = uriToPath(uri);
  // An unsaved document has no file; its URI's path (untitled:orders.schema.json) is what a person named it.
  const paths = file ? candidatePaths(file, workspaceFolders) : [uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, "")];
  if (paths.some((p) => matchesAnyGlob(p, globs))) return "glob";
  if (EXTENSION_KEY.test(text)) return "extension-keyword";
  return undefined;
}
