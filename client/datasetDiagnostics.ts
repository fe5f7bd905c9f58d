// The Problems entries of validated datasets, kept per dataset: validating a dataset again replaces
// only its own entries (another dataset's stay), closing a dataset's file takes its entries away, and
// deleting a dataset (or one of its record files) takes the entries on what is gone, so that no entry
// outlives what it is about.
import * as path from "node:path";
import * as vscode from "vscode";

/** Per dataset (its path): the entries on each file (record files of a folder, or the dataset file itself). */
type Entries = Map<string, vscode.Diagnostic[]>;

export class DatasetDiagnostics implements vscode.Disposable {
  private readonly datasets = new Map<string, Entries>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly collection: vscode.DiagnosticCollection) {
    const watcher = vscode.workspace.createFileSystemWatcher("**/*", true, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidDelete((uri) => this.deleted(uri)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.deleted(uri))),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc.uri)),
      // A closed tab: its document may stay loaded (and onDidCloseTextDocument not come) for a while.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) if (tab.input instanceof vscode.TabInputText && !isShown(tab.input.uri)) this.closed(tab.input.uri);
      }),
    );
  }

  /** The dataset's entries, replacing its earlier ones only. */
  replace(dataset: vscode.Uri, byFile: Entries): void {
    const touched = new Set([...(this.datasets.get(dataset.fsPath)?.keys() ?? []), ...byFile.keys()]);
    if (byFile.size) this.datasets.set(dataset.fsPath, byFile);
    else this.datasets.delete(dataset.fsPath);
    for (const file of touched) this.refresh(file);
  }

  /** Files that hold entries (for tests and the log). */
  files(): string[] {
    return [...new Set([...this.datasets.values()].flatMap((e) => [...e.keys()]))];
  }

  private refresh(file: string): void {
    const all = [...this.datasets.values()].flatMap((e) => e.get(file) ?? []);
    this.collection.set(vscode.Uri.file(file), all.length ? all : undefined);
  }

  private forget(dataset: string): void {
    const entries = this.datasets.get(dataset);
    if (!entries) return;
    this.datasets.delete(dataset);
    for (const file of entries.keys()) this.refresh(file);
  }

  /**
   * Closing a dataset's own file drops that dataset's entries. Closing one record file of a folder does
   * not: going through a folder's entries from the Problems panel opens and replaces record files.
   */
  private closed(uri: vscode.Uri): void {
    if (uri.scheme === "file") this.forget(uri.fsPath);
  }

  /** A deleted file or folder: every dataset inside it goes, and every entry on a file inside it. */
  private deleted(uri: vscode.Uri): void {
    if (uri.scheme !== "file") return;
    const gone = (f: string) => f === uri.fsPath || f.startsWith(uri.fsPath + path.sep);
    for (const dataset of [...this.datasets.keys()]) if (gone(dataset)) this.forget(dataset);
    for (const file of this.files()) if (gone(file)) this.dropFile(file);
  }

  private dropFile(file: string): void {
    let changed = false;
    for (const [dataset, entries] of this.datasets) {
      if (!entries.delete(file)) continue;
      changed = true;
      if (!entries.size) this.datasets.delete(dataset);
    }
    if (changed) this.refresh(file);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}

function isShown(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
  );
}
