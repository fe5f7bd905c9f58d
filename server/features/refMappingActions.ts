// Quick fixes for a `$ref` to a URL that is not available offline: add the folder that holds a
// schema with that `$id` (found under the schema's folder or the workspace folder by a bounded
// search, server/schemaIdSearch.ts) to `specmint.schemaDirs`, or map the URL's prefix to a folder
// the user picks (`specmint.refs`). Both are commands the client runs: they change settings, not
// the document.
import * as path from "node:path";
import { CodeActionKind, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import { DIAGNOSTIC_SOURCE, MoreCommands } from "../../common/protocol";
import { urlPrefix } from "../../core/analyze";
import { uriToPath } from "../../common/paths";
import { searchSchemaIds } from "../schemaIdSearch";

const OFFLINE = /(https?:\/\/[^\s#]+) is not available offline/;

export function refMappingActions(params: CodeActionParams, workspaceFolder: string | undefined): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) return [];
  const file = uriToPath(params.textDocument.uri);
  const actions: CodeAction[] = [];
  let index: Map<string, string> | undefined;
  for (const d of params.context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || d.code !== "ref-unresolved") continue;
    const url = OFFLINE.exec(typeof d.message === "string" ? d.message : "")?.[1];
    if (!url) continue;
    if (file) {
      index ??= searchSchemaIds([path.dirname(file), ...(workspaceFolder ? [workspaceFolder] : [])]);
      const found = index.get(url);
      if (found) {
        const dir = path.dirname(found);
        const shown =
          workspaceFolder && !path.relative(workspaceFolder, dir).startsWith("..") ? path.relative(workspaceFolder, dir) || "." : dir;
        actions.push({
          title: `Add ${shown} to specmint.schemaDirs (it holds ${path.basename(found)}, whose $id is ${url})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          command: { title: "Add schema folder", command: MoreCommands.addSchemaDir, arguments: [shown, params.textDocument.uri] },
        });
      }
    }
    const prefix = urlPrefix(url);
    actions.push({
      title: `Map ${prefix} to a local folder… (specmint.refs)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: "Map URL prefix", command: MoreCommands.mapRefPrefix, arguments: [prefix, params.textDocument.uri] },
    });
  }
  return actions;
}
