// ref-unresolved: a $ref (or $dynamicRef) that leads nowhere — a missing definition in this
// document, a file next to it that is missing or broken, or a remote URL, which SpecMint never
// fetches. Each is reported on the reference string, with the nearest existing target offered.
import { fileURLToPath } from "node:url";
import * as path from "node:path";
import { percentDecoded, type LoadedSchema } from "../schema/load";
import { closestName } from "./suggest";
import { at, type Finding } from "./finding";
import type { SchemaNode } from "../schema/walk";

/** Local `$ref` values that lead to the document's reusable definitions ("#/$defs/name"). */
export function localDefinitionRefs(nodes: readonly SchemaNode[]): string[] {
  return nodes.filter((n) => n.via && (n.via.keyword === "$defs" || n.via.keyword === "definitions")).map((n) => `#${n.pointer}`);
}

function withoutFragment(uri: string): string {
  const k = uri.indexOf("#");
  return k < 0 ? uri : uri.slice(0, k);
}

/** How to make a URL's document available, in the words of the host (CLI flags, editor settings). */
export type OfflineHint = (url: string, prefix: string) => string;

export const CLI_OFFLINE_HINT: OfflineHint = (url, prefix) =>
  `pass --schema-dir DIR (a folder holding a schema whose "$id" is ${url}), or map the URL to a folder in specmint.toml: [refs] "${prefix}" = "path/to/folder"`;

/** The URL up to its last "/": the prefix a [refs] entry would map. */
export function urlPrefix(url: string): string {
  return url.slice(0, url.lastIndexOf("/") + 1);
}

function notFoundOffline(url: string, loaded: LoadedSchema): string {
  const { schemaDirs, refMap } = loaded.offline;
  const tried = [
    schemaDirs.length ? `${schemaDirs.length} schema folder${schemaDirs.length === 1 ? "" : "s"}` : "",
    refMap.length ? `${refMap.length} URL mapping${refMap.length === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return `${url} is not available offline (SpecMint never fetches schemas${tried.length ? `; not found through ${tried.join(" or ")}` : ""})`;
}

/** Why `ref` cannot be percent-decoded, in its fragment (a JSON pointer or an anchor) or before it. */
function percentEscapeProblem(ref: string): string | undefined {
  const hash = ref.indexOf("#");
  const fragment = hash < 0 ? undefined : ref.slice(hash + 1);
  const before = percentDecoded(hash < 0 ? ref : ref.slice(0, hash));
  if ("problem" in before) return `is not a valid URI reference: ${before.problem}`;
  if (fragment === undefined) return undefined;
  const inFragment = percentDecoded(fragment);
  if (!("problem" in inFragment)) return undefined;
  return `${fragment.startsWith("/") ? "is not a valid JSON pointer" : "has an invalid fragment"}: ${inFragment.problem}`;
}

/**
 * `fileProblems`: why a referenced file could not be used (absolute path → "not found",
 * "JSON syntax error at 3:5", …), as recorded by whoever read the files.
 */
export function refFindings(
  nodes: readonly SchemaNode[],
  loaded: LoadedSchema,
  fileProblems: ReadonlyMap<string, string>,
  offlineHint: OfflineHint = CLI_OFFLINE_HINT,
): Finding[] {
  const findings: Finding[] = [];
  const definitions = localDefinitionRefs(nodes);
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    for (const keyword of ["$ref", "$dynamicRef"]) {
      const ref = s[keyword];
      if (typeof ref !== "string" || loaded.resolveRef(s, ref) !== undefined) continue;
      const pointer = `${node.pointer}/${keyword}`;
      const escapeProblem = percentEscapeProblem(ref);
      if (escapeProblem) {
        findings.push({ code: "ref-unresolved", severity: "error", message: `${keyword} "${ref}" ${escapeProblem}`, ...at.value(pointer) });
        continue;
      }
      const base = loaded.origin(s)?.baseUri ?? loaded.main.uri;
      let abs: string;
      try {
        abs = new URL(ref, base).href;
      } catch {
        findings.push({
          code: "ref-unresolved",
          severity: "error",
          message: `${keyword} "${ref}" is not a valid URI reference`,
          ...at.value(pointer),
        });
        continue;
      }
      const resource = withoutFragment(abs);
      let message: string;
      let suggestion: string | undefined;
      if (loaded.resources.has(resource)) {
        const inMain = resource === withoutFragment(loaded.main.uri);
        message = `${keyword} "${ref}": ${inMain ? "this document" : path.basename(resource)} has no schema at "${abs.slice(resource.length) || "#"}"`;
        if (inMain && ref.startsWith("#")) suggestion = closestName(ref, definitions);
      } else if (resource.startsWith("file:")) {
        let file = resource;
        try {
          file = fileURLToPath(resource);
        } catch {
          // keep the URI as written
        }
        message = `${keyword} "${ref}": cannot use ${path.basename(file)}: ${fileProblems.get(file) ?? "the file cannot be read"}`;
      } else if (/^https?:/.test(resource)) {
        message = `${keyword} "${ref}": ${notFoundOffline(resource, loaded)}; ${offlineHint(resource, urlPrefix(resource))}`;
      } else {
        message = `${keyword} "${ref}" cannot be resolved`;
      }
      findings.push({
        code: "ref-unresolved",
        severity: "error",
        message: suggestion ? `${message} (did you mean "${suggestion}"?)` : message,
        ...at.value(pointer),
        fixes: suggestion
          ? [{ title: `Change to "${suggestion}"`, edits: [{ op: "setValue", pointer, value: suggestion }], preferred: true }]
          : undefined,
      });
    }
  }
  return findings;
}
