// Reading a dataset back for `validate` (and the editor): JSON Lines, a JSON array, or a SpecMint
// output folder. Every record keeps where it came from so that reports can point at it.
import * as fs from "node:fs";
import * as path from "node:path";
import * as jsonc from "jsonc-parser";
import { SpecMintError } from "../base/errors";
import { lineStartsOf, positionOf } from "../schema/load";
import { limitsOf, type Limits } from "../base/limits";
import { scanJson, valueDepthExceeds } from "../schema/scan";

export interface RecordSource {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
}

export interface Dataset {
  records: unknown[];
  sources: RecordSource[];
}

const RECORD_FILE = /^record_(\d+)\.json$/;

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function readText(file: string): string {
  try {
    return stripBom(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new SpecMintError("io", `cannot read dataset ${file}: ${why}`, { file });
  }
}

/**
 * JSON.parse is fast but its messages carry no line:column (and differ between Node versions), so a
 * failed parse is parsed again with jsonc-parser in strict mode to find where the text goes wrong.
 */
function parseJson(text: string, file: string, limits: Limits, firstLine = 1): unknown {
  // JSON.parse does not recurse, but everything that reads a record afterwards (ajv, the rules, the
  // statistics) does: a record deeper than the depth limit is refused here, with where it nests.
  const refuseDeep = () =>
    scanJson(text, {
      limits,
      schema: false,
      file,
      lineStarts: lineStartsOf(text),
      position: (starts, offset) => {
        const p = positionOf(starts, offset);
        return { line: firstLine + p.line - 1, column: p.column };
      },
      what: `the record at ${file}:${firstLine}`,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuseDeep(); // jsonc-parser, which finds where the text goes wrong, recurses per level
    const errors: jsonc.ParseError[] = [];
    jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first ? first.offset : 0;
    const pos = positionOf(lineStartsOf(text), offset);
    const what = first ? jsonc.printParseErrorCode(first.error) : "invalid JSON";
    const line = firstLine + pos.line - 1;
    throw new SpecMintError("io", `${file} ${line}:${pos.column}: not valid JSON (${what})`, {
      file,
      line,
      column: pos.column,
    });
  }
  if (valueDepthExceeds(value, limits.depth)) refuseDeep();
  return value;
}

function readJsonLines(file: string, limits: Limits): Dataset {
  const text = readText(file);
  const records: unknown[] = [];
  const sources: RecordSource[] = [];
  const lines = text.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].endsWith("\r") ? lines[k].slice(0, -1) : lines[k];
    if (line.trim() === "") continue;
    records.push(parseJson(line, file, limits, k + 1));
    sources.push({ file, line: k + 1 });
  }
  return { records, sources };
}

function readJsonFile(file: string, limits: Limits): Dataset {
  const text = readText(file);
  const value = parseJson(text, file, limits);
  if (!Array.isArray(value)) return { records: [value], sources: [{ file, line: 1 }] };
  // Lines of the elements, for reports; only the top level is walked.
  const tree = jsonc.parseTree(text);
  const starts = lineStartsOf(text);
  const sources = value.map((_, k) => {
    const node = tree?.children?.[k];
    return { file, line: node ? positionOf(starts, node.offset).line : 1 };
  });
  return { records: value, sources };
}

function readFolder(dir: string, limits: Limits): Dataset {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new SpecMintError("io", `cannot read dataset folder ${dir}: ${(e as Error).message}`, { file: dir });
  }
  const numbered = names
    .map((n) => ({ n, m: RECORD_FILE.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .map((x) => ({ name: x.n, index: Number(x.m[1]) }))
    .sort((a, b) => a.index - b.index || (a.name < b.name ? -1 : 1));
  if (numbered.length === 0) {
    // Output made with --format jsonl only has no record files.
    if (names.includes("dataset.jsonl")) return readJsonLines(path.join(dir, "dataset.jsonl"), limits);
    throw new SpecMintError("io", `no record_*.json files and no dataset.jsonl in ${dir}`, { file: dir });
  }
  const records: unknown[] = [];
  const sources: RecordSource[] = [];
  for (const { name } of numbered) {
    const file = path.join(dir, name);
    records.push(parseJson(readText(file), file, limits));
    sources.push({ file, line: 1 });
  }
  return { records, sources };
}

/** A `.jsonl` file, a `.json` file (an array of records, or one record), or a folder of `record_*.json`. */
export function readDataset(p: string, limits: Limits = limitsOf(undefined)): Dataset {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecMintError("io", code === "ENOENT" ? `dataset not found: ${p}` : `cannot read dataset ${p}: ${(e as Error).message}`, {
      file: p,
    });
  }
  if (st.isDirectory()) return readFolder(p, limits);
  const ext = path.extname(p).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return readJsonLines(p, limits);
  if (ext === ".json") return readJsonFile(p, limits);
  // Unknown extension: an array is a JSON file, anything else is read as JSON Lines.
  const head = readText(p).trimStart();
  return head.startsWith("[") ? readJsonFile(p, limits) : readJsonLines(p, limits);
}
