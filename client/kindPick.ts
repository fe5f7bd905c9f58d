// The kinds of records as the extension offers them (Generate Fixtures, the preview's Preview Kind…):
// one quick pick, each kind with a line that says what its records are, the current one preselected.
import * as vscode from "vscode";
// The list of common/settings.ts, not core's: the extension bundle carries no engine.
import { GENERATE_KINDS as RECORD_KINDS, type GenerateKind as RecordKind } from "../common/settings";

/** The one-line description of each kind, as the pick shows it. */
export const KIND_DESCRIPTIONS: Readonly<Record<RecordKind, string>> = {
  valid: "records that satisfy the schema, with typical values",
  invalid: "each record breaks one constraint, labelled (violations.jsonl)",
  boundary: "valid records on the schema's edges: bounds, lengths, every branch",
};

const ICONS: Readonly<Record<RecordKind, string>> = { valid: "$(pass)", invalid: "$(error)", boundary: "$(debug-breakpoint-data)" };

interface KindItem extends vscode.QuickPickItem {
  records: RecordKind;
}

/** Asks for a kind, `preselected` active (Enter takes it); undefined when the pick is dismissed. */
export function pickKind(title: string, preselected: RecordKind): Promise<RecordKind | undefined> {
  const items: KindItem[] = RECORD_KINDS.map((kind) => ({
    records: kind,
    label: `${ICONS[kind]} ${kind}`,
    description: KIND_DESCRIPTIONS[kind],
  }));
  const pick = vscode.window.createQuickPick<KindItem>();
  pick.title = title;
  pick.placeholder = "Kind of records";
  pick.items = items;
  pick.activeItems = items.filter((i) => i.records === preselected);
  pick.ignoreFocusOut = true;
  return new Promise((resolve) => {
    let chosen: RecordKind | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.records ?? pick.activeItems[0]?.records;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
