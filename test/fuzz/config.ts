// How many cases each fuzz file runs and with which seed. `npm test` runs the fixed seed and the
// default counts below (a few hundred CLI runs, in-process engine and server cases: about a minute
// on 2 cores); `npm run fuzz -- --runs N [--seed S]` (scripts/fuzz.mjs) splits N between the files
// and passes them here through the environment.
import * as fs from "node:fs";

/** The seed of `npm test`: the same cases every run, so that a failure there is a regression. */
export const FIXED_SEED = 12;

function intEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

export const SEED = intEnv("SPECMINT_FUZZ_SEED", FIXED_SEED);
/** Cases per tier (each CLI case is one `specmint` run; each LSP case is one document in a real server). */
export const RUNS = {
  engine: intEnv("SPECMINT_FUZZ_ENGINE", 400),
  rules: intEnv("SPECMINT_FUZZ_RULES", 300),
  dataset: intEnv("SPECMINT_FUZZ_DATASET", 200),
  server: intEnv("SPECMINT_FUZZ_SERVER", 200),
  lsp: intEnv("SPECMINT_FUZZ_LSP", 12),
  cli: intEnv("SPECMINT_FUZZ_CLI", 200),
};
/**
 * Survey mode (`npm run fuzz -- --survey`): nothing fails at the first problem; every failing case
 * is classified and written to SPECMINT_FUZZ_REPORT, to see every class a long run finds at once.
 */
export const SURVEY = process.env.SPECMINT_FUZZ_SURVEY === "1";
/** Run the cases of a known shape too (`npm run fuzz -- --run-known`): to see whether a fix has landed. */
export const RUN_KNOWN = process.env.SPECMINT_FUZZ_RUN_KNOWN === "1";
const REPORT = process.env.SPECMINT_FUZZ_REPORT;

/** Per-case budgets (milliseconds). Generous against slow CI machines; a hang takes far longer. */
export const BUDGET = {
  engineCase: intEnv("SPECMINT_FUZZ_ENGINE_MS", 8_000),
  serverCase: intEnv("SPECMINT_FUZZ_SERVER_MS", 8_000),
  lspRequest: 10_000,
  cliRun: intEnv("SPECMINT_FUZZ_CLI_MS", 10_000),
};

/** The exit codes README "Exit codes" documents for runs without an LLM mode. 1 is a bug. */
export const DOCUMENTED_EXITS = new Set([0, 2, 3, 6, 64]);

export interface Failure {
  /** A short, stable name of the class: what went wrong, without the case's details. */
  klass: string;
  /** What happened, with enough of the output to see why. */
  detail: string;
}

/**
 * Classes of hostile input that still fail on main and are owned by someone else's open work
 * (issue 12): a failing case is counted as known only when the input has the named shape. Keep
 * this list short and remove an entry as soon as its fix lands: the arbitraries keep producing
 * these inputs, so a fixed class is checked again from then on.
 */
export interface KnownClass {
  name: string;
  why: string;
  /** The input has this shape (without `failure`: judged before the case runs, and it is not run). */
  matches?: (shape: InputShape) => boolean;
  /** The failure's class (judged after the case ran), in these tiers (and with `matches`, of that shape). */
  failure?: RegExp;
  tiers?: string[];
}

/** What the known-class list looks at: sizes measured on the case's input. */
export interface InputShape {
  /** Deepest nesting of arrays/objects in any schema or dataset text. */
  depth: number;
  /** Largest minLength/minItems/minProperties/maxLength…; enum/allOf length; rule length. */
  largestSize: number;
  largestEnum: number;
  ruleDepth: number;
  ruleLength: number;
  /** Most spaces in one string: about the number of tokens of a rule. */
  ruleWords: number;
  /** A `"$ref": "#"` or `""` somewhere (the schema refers to its own root). */
  selfRef: boolean;
  /** A `$ref` to cycle-a.json (a → b → c → a). */
  refCycle: boolean;
}

// Since the work limits landed (459546f), deep nesting, huge sizes, deep and long rules and $ref
// cycles end early with exit 2 and the limit's name: they are off this list and checked again.
export const KNOWN: KnownClass[] = [];

/** A class judged from the input alone: such a case is not run. */
export function knownClassOf(shape: InputShape): KnownClass | undefined {
  return KNOWN.find((k) => !k.failure && k.matches?.(shape));
}

/** A class judged from the failure (and the input's shape, when the entry says one). */
function knownFailure(tier: string, f: Failure, shape: InputShape): KnownClass | undefined {
  return KNOWN.find((k) => k.failure?.test(f.klass) && (!k.tiers || k.tiers.includes(tier)) && (!k.matches || k.matches(shape)));
}

const seen: { tier: string; klass: string; detail: string; known?: string }[] = [];

/** Record a failure in survey mode (and for the summary); true when the property may go on. */
export function note(tier: string, f: Failure, shape: InputShape): boolean {
  const known = knownClassOf(shape) ?? knownFailure(tier, f, shape);
  seen.push({ tier, klass: f.klass, detail: f.detail.slice(0, 4000), known: known?.name });
  if (REPORT) fs.appendFileSync(REPORT, JSON.stringify(seen.at(-1)) + "\n");
  return SURVEY || known !== undefined;
}

export function summary(): string {
  const byClass = new Map<string, number>();
  for (const s of seen) {
    const key = `${s.tier}: ${s.known ? `[known: ${s.known}] ` : ""}${s.klass}`;
    byClass.set(key, (byClass.get(key) ?? 0) + 1);
  }
  return [...byClass].map(([k, n]) => `${n} × ${k}`).join("\n");
}
