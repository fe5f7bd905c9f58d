// What a failure says in the editor, and which buttons it carries. The engine and the server word
// their messages for the command line (`--ollama-host`, `specmint doctor --pull`); the extension
// shows the setting and the command instead. No `vscode` import: test/unit/wording.test.ts checks
// these against the engine's own messages. Notifications show plain text: no Markdown here.

/** A button of a failure notification. */
export type ActionSpec =
  /** "Open Settings" on one setting (`workbench.action.openSettings` with its id). */
  | { kind: "settings"; setting: string }
  /** A command with a title of its own ("Check Ollama"). */
  | { kind: "command"; title: string; command: string; args?: unknown[] };

/** A failure as the extension shows it: the message (in the editor's words) and its buttons. */
export interface Described {
  message: string;
  actions: ActionSpec[];
}

export const openSettings = (setting: string): ActionSpec => ({ kind: "settings", setting });
export const CHECK_OLLAMA: ActionSpec = { kind: "command", title: "Check Ollama", command: "specmint.doctor" };
export const SELECT_MODEL: ActionSpec = { kind: "command", title: "Select Model", command: "specmint.selectModel" };
export const MANAGE_TRUST: ActionSpec = { kind: "command", title: "Manage Workspace Trust", command: "workbench.trust.manage" };
export const SHOW_PROBLEMS: ActionSpec = { kind: "command", title: "Show Problems", command: "workbench.actions.view.problems" };
export const OPEN_SCHEMA: ActionSpec = {
  kind: "command",
  title: "Open a Schema…",
  command: "workbench.action.quickOpen",
  args: [".schema.json"],
};

/** The status fields of an Ollama check (common/protocol.ts OllamaStatusResult) that a message needs. */
export interface OllamaCheck {
  host: string;
  model: string;
  reachable: boolean;
  error?: string;
  models: { name: string }[];
  found?: unknown;
}

/** Why an LLM command cannot start, worded for the editor; undefined when the host has the model. */
export function ollamaProblem(s: OllamaCheck): Described | undefined {
  if (!s.reachable) {
    return {
      message:
        `SpecMint: cannot reach Ollama at ${s.host} (${s.error ?? "no answer"}). ` +
        "Start Ollama (ollama serve), or set specmint.ollama.host to a running server.",
      actions: [openSettings("specmint.ollama.host"), CHECK_OLLAMA],
    };
  }
  if (!s.found) {
    const have = s.models.length ? `it has ${s.models.map((m) => m.name).join(", ")}` : "it has no models";
    return {
      message: `SpecMint: the model ${s.model} is not on Ollama at ${s.host} (${have}). Pull it with Select Model, or choose another in specmint.ollama.model.`,
      actions: [SELECT_MODEL, openSettings("specmint.ollama.model")],
    };
  }
  return undefined;
}

/** Command-line advice in the engine's messages → the editor's setting or command. */
const PHRASES: [RegExp, string | ((...m: string[]) => string)][] = [
  [
    /;? ?start it with: ollama serve \(or point --ollama-host \/ OLLAMA_HOST at a running server\), then check with: specmint doctor/,
    ". Start Ollama (ollama serve), or set specmint.ollama.host to a running server",
  ],
  [/get it with: (ollama pull \S+) \(or: specmint doctor --pull --model [^)]*\)/, (_, pull) => `get it with Select Model (or: ${pull})`],
  [/, or: specmint doctor --pull/, ", or with Select Model"],
  [
    /raise the limit: --limit ([\w-]+)=N, or `[^`]*` under \[limits\] in specmint\.toml, or "specmint\.limits": (\{[^}]*\}) in the editor/,
    (_, _name, obj) => `raise it in the specmint.limits setting: ${obj}`,
  ],
  [/, empty it, or pass --force/, " or empty it"],
  [/ or pass --schema-dir with its folder \(or schema-dir in specmint\.toml\)/, " or add its folder to specmint.schemaDirs"],
  [/pass --schema-dir DIR/, "add a folder to specmint.schemaDirs"],
  [/--draft\b/, "specmint.defaultDraft"],
  [/\bspecmint doctor\b/, "SpecMint: Check Ollama"],
];

/** Settings a message names, and the button that opens each (the first named goes first). */
const SETTINGS = [
  "specmint.ollama.host",
  "specmint.ollama.model",
  "specmint.limits",
  "specmint.schemaDirs",
  "specmint.refs",
  "specmint.defaultDraft",
  "specmint.outputDirectory",
  "specmint.llm.timeoutMs",
];

export function editorWording(message: string): string {
  let m = message;
  for (const [re, to] of PHRASES) m = m.replace(re, to as string);
  return m;
}

/** A failure's message (from the server, the engine or the extension) in the editor's words, with its buttons. */
export function describeFailure(message: string): Described {
  const text = editorWording(message.startsWith("SpecMint:") ? message : `SpecMint: ${message}`);
  const actions: ActionSpec[] = [];
  if (/not trusted/.test(text)) actions.push(MANAGE_TRUST);
  const named = SETTINGS.map((s) => [s, text.indexOf(s)] as const)
    .filter(([, at]) => at >= 0)
    .sort((a, b) => a[1] - b[1]);
  if (named.length) actions.push(openSettings(named[0][0]));
  if (/\bOllama\b/.test(text)) actions.push(CHECK_OLLAMA);
  if (/Select Model/.test(text)) actions.push(SELECT_MODEL);
  return { message: text, actions };
}
