// Model answers on disk, so that a re-run asks nothing and writes the same files. The key is the
// sha256 of everything that shapes an answer: model (and digest when the host reports one), mode,
// temperature, the full messages, the format schema and the seed. The raw answer is stored, not the
// values taken from it: checks and repairs run again on every read, so they can improve without
// invalidating the cache. Writes go to a temporary name and are renamed into place.
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export const CACHE_VERSION = 1;

export interface CacheKeyParts {
  model: string;
  digest?: string;
  mode: string;
  temperature: number;
  messages: unknown;
  format: unknown;
  seed: number;
  /** Other request options that shape the answer (num_predict). */
  options?: Record<string, unknown>;
}

/** JSON with object keys sorted, so that equal inputs give equal keys whatever built them. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function cacheKey(parts: CacheKeyParts): string {
  const text = canonicalJson({ v: CACHE_VERSION, ...parts, digest: parts.digest ?? null });
  return createHash("sha256").update(text).digest("hex");
}

interface Entry {
  v: number;
  key: string;
  model: string;
  content: string;
}

export class AnswerCache {
  private warned = false;

  /** `dir` undefined: no cache (--no-cache). `onWarning` hears once that the folder is unusable. */
  constructor(
    readonly dir: string | undefined,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  private file(key: string): string {
    return path.join(this.dir!, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.dir) return undefined;
    try {
      const entry = JSON.parse(await fs.promises.readFile(this.file(key), "utf8")) as Entry;
      // A damaged or foreign file is a miss, not an error: the answer is simply asked again.
      return entry?.v === CACHE_VERSION && entry.key === key && typeof entry.content === "string" ? entry.content : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, model: string, content: string): Promise<void> {
    if (!this.dir) return;
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const entry: Entry = { v: CACHE_VERSION, key, model, content };
      await fs.promises.writeFile(tmp, JSON.stringify(entry) + "\n", { flag: "wx" });
      await fs.promises.rename(tmp, file);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true }).catch(() => {});
      if (!this.warned) {
        this.warned = true;
        this.onWarning(`cannot write the LLM cache in ${this.dir} (${(e as Error).message}); answers are not cached in this run`);
      }
    }
  }
}
