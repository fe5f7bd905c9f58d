// specmint.toml: the generate flags, by the same names, for a project that runs the same command
// often. Relative paths in it are relative to the file, so that `--config sub/specmint.toml` works
// from any directory.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { SpecMintError } from "../core/base";
import { closest } from "./args";

export const CONFIG_FILE_NAME = "specmint.toml";

/** Keys a config file may set: the generate flags without their dashes (`_` works for `-` too). */
export const CONFIG_KEYS = [
  "schema",
  "count",
  "seed",
  "out",
  "format",
  "sql-dialect",
  "kind",
  "violate",
  "locale",
  "mirror",
  "reference-date",
  "draft",
  "schema-dir",
  "refs",
  "force",
  "llm-mode",
  "ollama-host",
  "model",
  "temperature",
  "llm-workers",
  "max-rps",
  "timeout-ms",
  "context",
  "cache-dir",
  "no-cache",
  "limits",
] as const;

export type ConfigKey = (typeof CONFIG_KEYS)[number];
const PATH_KEYS = new Set<ConfigKey>(["schema", "out", "context", "cache-dir"]);

export interface Config {
  file: string;
  values: Map<ConfigKey, unknown>;
}

/**
 * `--config FILE` when given (it must exist), else `specmint.toml` in the working directory when
 * there is one, else nothing.
 */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config | undefined {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === "ENOENT") return undefined;
    throw new SpecMintError("io", `cannot read config file ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`, {
      file,
    });
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split("\n")[0];
      throw new SpecMintError("usage", `${file} ${e.line}:${e.column}: not valid TOML: ${first}`, {
        file,
        line: e.line,
        column: e.column,
      });
    }
    throw e;
  }
  const values = new Map<ConfigKey, unknown>();
  for (const [rawKey, value] of Object.entries(doc)) {
    const key = rawKey.replace(/_/g, "-");
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      const guess = closest(key, [...CONFIG_KEYS]);
      throw new SpecMintError(
        "usage",
        `unknown key '${rawKey}' in ${file}${guess ? ` (did you mean '${guess}'?)` : ""}; known keys: ${CONFIG_KEYS.join(", ")}`,
        { file },
      );
    }
    const k = key as ConfigKey;
    const here = (v: unknown) => (typeof v === "string" ? path.resolve(path.dirname(file), v) : v);
    if (k === "schema-dir") values.set(k, Array.isArray(value) ? value.map(here) : here(value));
    else if (k === "refs" && typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date))
      values.set(k, Object.fromEntries(Object.entries(value).map(([prefix, folder]) => [prefix, here(folder)])));
    else values.set(k, PATH_KEYS.has(k) ? here(value) : value);
  }
  return { file, values };
}
