// Flag parsing by hand: util.parseArgs's messages ("To specify a positional argument starting with
// a '-', place it at the end…") do not tell a user what to do, and ours must end in a pointer to
// the command's help.
import { SpecMintError } from "../core/base";

export interface FlagSpec {
  name: string;
  type: "string" | "boolean";
  /** Given more than once, every value counts (`--schema-dir a --schema-dir b`), in order. */
  repeatable?: boolean;
}

export interface ParsedFlags {
  /** Last value of each flag given (strings for string flags, true for boolean ones). */
  values: Map<string, string | true>;
  /** Every value of each repeatable flag given, in order. */
  lists: Map<string, string[]>;
  help: boolean;
}

function usage(message: string, command: string): SpecMintError {
  return new SpecMintError("usage", `${message}; see specmint ${command ? `${command} ` : ""}--help`);
}

/** Edit distance counting a swap of neighbours as one edit ("cuont" → "count"), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function closest(word: string, candidates: string[]): string | undefined {
  if (word.length >= 3) {
    const prefixed = candidates.filter((c) => c.startsWith(word));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * `--name value`, `--name=value`, boolean `--name`; `-h`/`--help` anywhere asks for help. A flag
 * given twice keeps its last value, so that scripts can append overrides.
 */
export function parseFlags(command: string, argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  let help = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    if (arg === "--") {
      if (k + 1 < argv.length) throw usage(`unexpected argument '${argv[k + 1]}'`, command);
      break;
    }
    if (!arg.startsWith("--")) {
      const hint = /\.json[c5]?$/i.test(arg) ? ` (did you mean --schema ${arg}?)` : "";
      throw usage(arg.startsWith("-") ? `unknown option ${arg}` : `unexpected argument '${arg}'${hint}`, command);
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) {
      const guess = closest(name, [...byName.keys()]);
      throw new SpecMintError(
        "usage",
        `unknown option --${name}; see specmint ${command} --help${guess ? ` (did you mean --${guess}?)` : ""}`,
      );
    }
    if (spec.type === "boolean") {
      if (eq >= 0) throw usage(`option --${name} takes no value`, command);
      values.set(name, true);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[k + 1];
      // "--out --stdout" is a forgotten value, not a folder named "--stdout".
      if (next === undefined || (next.startsWith("--") && next.length > 2)) throw usage(`option --${name} needs a value`, command);
      value = next;
      k++;
    }
    values.set(name, value);
    if (spec.repeatable) lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { values, lists, help };
}
