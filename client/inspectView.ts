// Inspect Dataset: field statistics from the server in a webview with a strict CSP, themed with the
// editor's --vscode-* colours: types, null rate, cardinality, min/max/mean, top values, histogram.
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { send } from "./lsp";
import { InspectDatasetRequest, type DatasetStats } from "../common/protocol";
import { errorMessage, type Ctx } from "./ctx";
import { inspectSchema, type DatasetSchemas } from "./datasetSchema";
import { pickDataset } from "./validateDataset";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const short = (v: unknown, n = 28) => {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};
const fmt = (x: number | undefined) => (x === undefined ? "" : Number.isInteger(x) ? String(x) : x.toFixed(2));

export function statsHtml(stats: DatasetStats, title: string, cspSource: string, nonce: string): string {
  const rows = stats.fields.map((f) => {
    const types = Object.entries(f.types)
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${esc(t)} <span class="dim">${n}</span>`)
      .join(", ");
    const peak = Math.max(1, ...f.histogram.map((b) => b.count));
    const bars = f.histogram
      .map(
        (b) =>
          `<span class="bar" title="${fmt(b.from)}–${fmt(b.to)}: ${b.count}" style="height:${Math.max(1, Math.round((24 * b.count) / peak))}px"></span>`,
      )
      .join("");
    const top = f.top.map((t) => `<code>${esc(short(t.value))}</code> <span class="dim">${t.count}</span>`).join("<br>");
    return `<tr>
  <td><code>${esc(f.path)}</code>${f.declared === false ? ' <span class="dim">(undeclared)</span>' : ""}</td>
  <td>${types}</td>
  <td class="num">${(100 * f.nullRate).toFixed(1)}%</td>
  <td class="num">${f.cardinality}${f.cardinalityCapped ? "+" : ""}</td>
  <td class="num">${f.measure ? `${f.measure === "length" ? "len " : ""}${fmt(f.min)} … ${fmt(f.max)}<br><span class="dim">mean ${fmt(f.mean)}</span>` : ""}</td>
  <td>${top}</td>
  <td><div class="hist">${bars}</div></td>
</tr>`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
h1 { font-size: 1.2em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; position: sticky; top: 0; background: var(--vscode-editor-background); }
.num { text-align: right; white-space: nowrap; }
.dim { color: var(--vscode-descriptionForeground); }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
.hist { display: flex; align-items: flex-end; gap: 1px; height: 24px; }
.bar { display: inline-block; width: 6px; background: var(--vscode-charts-blue, var(--vscode-focusBorder)); }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="dim" id="summary">${stats.records} records, ${stats.fields.length} fields</p>
<table><thead><tr><th>field</th><th>types</th><th>null</th><th>distinct</th><th>min … max</th><th>top values</th><th>histogram</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
<script nonce="${nonce}">document.body.dataset.ready = "1";</script>
</body></html>`;
}

export function inspectDataset(ctx: Ctx, schemas: DatasetSchemas) {
  return async (datasetArg?: unknown, schemaArg?: unknown): Promise<DatasetStats | undefined> => {
    const dataset = await pickDataset(datasetArg, "SpecMint: dataset to inspect");
    if (!dataset) return undefined;
    const schema = inspectSchema(schemas, dataset, schemaArg);
    let stats: DatasetStats;
    try {
      stats = await send(ctx.client, InspectDatasetRequest, { dataset: dataset.fsPath, schemaUri: schema?.toString() });
    } catch (e) {
      if (datasetArg === undefined) void vscode.window.showErrorMessage(errorMessage(e));
      throw e;
    }
    const title = `Inspect ${path.basename(dataset.fsPath)}`;
    const panel = vscode.window.createWebviewPanel("specmint.inspect", title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.webview.html = statsHtml(
      stats,
      `${vscode.workspace.asRelativePath(dataset)}${schema ? ` · ${path.basename(schema.fsPath)}` : ""}`,
      panel.webview.cspSource,
      randomBytes(16).toString("base64"),
    );
    return stats;
  };
}
