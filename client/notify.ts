// One notification per failure, with buttons that lead to the fix ("Open Settings" on the setting,
// "Check Ollama", "Retry", "Show Output"), and the failure in the log as an error. Commands are
// wrapped by `guarded`: a failure from the UI (palette, menu, CodeLens, button) is reported here and
// never rethrown, so VS Code adds no modal "Command … resulted in an error" and no second toast; a
// call from a program (a test, another extension: arguments that say what to do) still rejects.
import * as vscode from "vscode";
import { SHOW_PROBLEMS, describeFailure, type ActionSpec, type Described } from "./wording";
import type { Ctx } from "./ctx";

export { CHECK_OLLAMA, MANAGE_TRUST, OPEN_SCHEMA, SELECT_MODEL, openSettings, type ActionSpec } from "./wording";

/** A failure whose message is already in the editor's words, with the buttons that fix it. */
export class Problem extends Error {
  constructor(
    message: string,
    readonly actions: ActionSpec[] = [],
  ) {
    super(message.startsWith("SpecMint:") ? message : `SpecMint: ${message}`);
    this.name = "Problem";
  }

  static of(d: Described): Problem {
    return new Problem(d.message, d.actions);
  }
}

/** The user cancelled (a progress notification's Cancel, a cancelled request). */
export function isCancellation(e: unknown): boolean {
  if (e instanceof vscode.CancellationError) return true;
  const err = e as { code?: unknown; name?: unknown } | undefined;
  return err?.code === -32800 || err?.name === "Canceled";
}

/** The message and buttons of any failure. */
export function describe(e: unknown): Described {
  if (e instanceof Problem) return { message: e.message, actions: e.actions };
  const d = describeFailure((e as Error)?.message ?? String(e));
  // A generation that failed at a schema node (the server's data: kind, file, pointer): the node's diagnostic.
  const data = (e as { data?: { kind?: unknown; pointer?: unknown } })?.data;
  if (data?.kind === "schema" || typeof data?.pointer === "string") d.actions.push(SHOW_PROBLEMS);
  return d;
}

function titleOf(a: ActionSpec): string {
  return a.kind === "settings" ? "Open Settings" : a.title;
}

function runAction(a: ActionSpec): Thenable<unknown> {
  return a.kind === "settings"
    ? vscode.commands.executeCommand("workbench.action.openSettings", a.setting)
    : vscode.commands.executeCommand(a.command, ...(a.args ?? []));
}

/**
 * Logs the failure as an error and shows it once, with its buttons, then Retry (when given) and Show
 * Output. Resolves when the notification is closed or its button has run. A cancellation is logged only.
 */
export async function report(ctx: Ctx, e: unknown, retry?: () => unknown): Promise<void> {
  if (isCancellation(e)) {
    ctx.log(`cancelled: ${(e as Error)?.message ?? String(e)}`);
    return;
  }
  const { message, actions } = describe(e);
  ctx.error(message);
  const buttons = new Map<string, () => unknown>();
  for (const a of actions) if (!buttons.has(titleOf(a))) buttons.set(titleOf(a), () => runAction(a));
  if (retry) buttons.set("Retry", retry);
  buttons.set("Show Output", () => ctx.output.show(true));
  const pick = await vscode.window.showErrorMessage(message, ...buttons.keys());
  if (pick) await buttons.get(pick)?.();
}

/**
 * A command that never rejects to VS Code when run from the UI. `isApiCall(args)`: the arguments are
 * a program's (they say what to do without asking): then failures reject as before.
 * `reportsItself`: the command shows its own failure message; here it is only not rethrown.
 */
export function guarded<A extends unknown[], R>(
  ctx: Ctx,
  run: (...args: A) => Promise<R> | R,
  opts: { isApiCall?: (...args: A) => boolean; reportsItself?: (...args: A) => boolean } = {},
): (...args: A) => Promise<R | undefined> {
  const wrapped = async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      if (opts.isApiCall?.(...args)) throw e;
      if (opts.reportsItself?.(...args)) ctx.error((e as Error)?.message ?? String(e));
      else void report(ctx, e, () => wrapped(...args));
      return undefined;
    }
  };
  return wrapped;
}

/** An options object a program passes (not a Uri, an array or an editor's menu context): keys all among `known`. */
export function isOptions(x: unknown, known: readonly string[]): boolean {
  if (typeof x !== "object" || x === null || Array.isArray(x) || x instanceof vscode.Uri) return false;
  return Object.keys(x).every((k) => known.includes(k));
}
