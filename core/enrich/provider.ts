// Is Ollama there, and does it have the model? Asked once before a run (exit 4 with the exact fix
// when not), by `specmint doctor`, and by the language server's status item.
import { OllamaClient, type LlmCallError } from "./client";

export interface ModelInfo {
  name: string;
  size: number;
  digest: string;
  family?: string;
  parameterSize?: string;
  quantization?: string;
}

export interface ProviderStatus {
  host: string;
  model: string;
  reachable: boolean;
  version?: string;
  models: ModelInfo[];
  /** The entry of the configured model, when the host has it. */
  found?: ModelInfo;
  /** Why the host could not be asked. */
  error?: string;
}

/** Ollama's own rule: a name without a tag means `:latest`. */
export function normalizeModelName(name: string): string {
  const n = name.trim();
  const lastSegment = n.slice(n.lastIndexOf("/") + 1);
  return lastSegment.includes(":") ? n : `${n}:latest`;
}

export function sameModel(a: string, b: string): boolean {
  return normalizeModelName(a) === normalizeModelName(b);
}

/** What a user types to get the model: `ollama pull qwen2.5` for qwen2.5:latest. */
export function pullCommand(model: string): string {
  return `ollama pull ${normalizeModelName(model).replace(/:latest$/, "")}`;
}

export async function checkProvider(
  host: string,
  model: string,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ProviderStatus> {
  const client = new OllamaClient(host);
  const call = { signal: opts.signal, timeoutMs: opts.timeoutMs ?? 5_000 };
  const status: ProviderStatus = { host, model, reachable: false, models: [] };
  try {
    const list = await client.list(call);
    status.reachable = true;
    status.models = (list.models ?? []).map((m) => ({
      name: m.name ?? m.model,
      size: m.size,
      digest: m.digest,
      family: m.details?.family || undefined,
      parameterSize: m.details?.parameter_size || undefined,
      quantization: m.details?.quantization_level || undefined,
    }));
    status.found = status.models.find((m) => sameModel(m.name, model));
  } catch (e) {
    const err = e as LlmCallError;
    if (err.kind === "aborted") throw e;
    status.error = err.message;
    return status;
  }
  try {
    status.version = await client.version(call);
  } catch {
    // Old servers answered /api/tags before they had /api/version; the models are what matter.
  }
  return status;
}

/** The problem that stops an LLM run, with the command that fixes it; undefined when there is none. */
export function providerProblem(s: ProviderStatus): string | undefined {
  if (!s.reachable) {
    return `cannot reach Ollama at ${s.host} (${s.error ?? "no answer"}); start it with: ollama serve (or point --ollama-host / OLLAMA_HOST at a running server), then check with: specmint doctor`;
  }
  if (!s.found) {
    const have = s.models.length ? `it has ${s.models.map((m) => m.name).join(", ")}` : "it has no models";
    return `model '${s.model}' is not available on Ollama at ${s.host} (${have}); get it with: ${pullCommand(s.model)} (or: specmint doctor --pull --model ${s.model})`;
  }
  return undefined;
}

/** "4.7 GB", "986 MB": sizes as Ollama prints them (decimal units). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "?";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let k = 0;
  let v = n;
  while (v >= 1000 && k < units.length - 1) {
    v /= 1000;
    k++;
  }
  return `${k === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[k]}`;
}
