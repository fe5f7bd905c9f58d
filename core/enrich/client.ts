// Ollama over ollama-js, with what 0.6.x lacks: a per-call AbortSignal and timeout (through a custom
// fetch), streamed chat (a non-streamed call fails after 300 s without headers), and errors sorted
// into kinds, because only some of them are worth a retry.
import { Ollama, type ListResponse, type ProgressResponse } from "ollama";
import type { ChatMessage } from "./prompt";

export type CallErrorKind =
  /** The call took longer than its timeout. */
  | "timeout"
  /** 5xx, or an error the server reported after output had begun. */
  | "server"
  /** No connection, or the connection dropped before the answer was complete. */
  | "network"
  /** 4xx: the request itself is wrong (unknown model, rejected format); a retry would fail again. */
  | "client"
  /** The caller cancelled. */
  | "aborted";

export class LlmCallError extends Error {
  constructor(
    readonly kind: CallErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "LlmCallError";
  }
  get retryable(): boolean {
    return this.kind === "timeout" || this.kind === "server" || this.kind === "network";
  }
}

export interface ChatCall {
  model: string;
  messages: ChatMessage[];
  format: object;
  options: { seed: number; temperature: number; num_predict?: number };
}

export interface ChatResult {
  content: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

const TIMEOUT = Symbol("timeout");

/**
 * A fetch bound to one call's signal. ollama-js logs a non-JSON error body with console.log (which
 * would land in `--stdout` output), so such a body is handed on as the JSON error Ollama would send.
 */
function boundFetch(signal: AbortSignal): typeof fetch {
  return async (input, init) => {
    const signals = init?.signal ? AbortSignal.any([init.signal, signal]) : signal;
    const res = await fetch(input, { ...init, signal: signals });
    if (res.ok || res.headers.get("content-type")?.includes("application/json")) return res;
    const text = (await res.text().catch(() => "")).trim().slice(0, 500);
    return new Response(JSON.stringify({ error: text || `HTTP ${res.status} ${res.statusText}`.trim() }), {
      status: res.status,
      statusText: res.statusText,
      headers: { "content-type": "application/json" },
    });
  };
}

function describeCause(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `${err.message ?? String(e)} (${cause})` : (err?.message ?? String(e));
}

/** Runs `work` with an Ollama client whose every request ends with the signal or the timeout. */
async function withClient<T>(host: string, opts: CallOptions, work: (client: Ollama) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const outer = opts.signal;
  if (outer?.aborted) throw new LlmCallError("aborted", "cancelled");
  const onAbort = () => controller.abort();
  outer?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(TIMEOUT), opts.timeoutMs);
  try {
    return await work(new Ollama({ host, fetch: boundFetch(controller.signal) }));
  } catch (e) {
    if (outer?.aborted) throw new LlmCallError("aborted", "cancelled");
    if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
      throw new LlmCallError("timeout", `no complete answer within ${opts.timeoutMs} ms`);
    }
    throw classify(e);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

export function classify(e: unknown): LlmCallError {
  if (e instanceof LlmCallError) return e;
  const err = e as { name?: string; message?: string; status_code?: number };
  if (err?.name === "ResponseError" && typeof err.status_code === "number") {
    const status = err.status_code;
    return new LlmCallError(status >= 500 ? "server" : "client", `HTTP ${status}: ${err.message}`, status);
  }
  if (e instanceof TypeError) return new LlmCallError("network", describeCause(e));
  if (err?.name === "AbortError") return new LlmCallError("network", "the connection was closed");
  if (err?.message === "Did not receive done or success response in stream.") {
    return new LlmCallError("network", "the answer ended before it was complete");
  }
  if (err?.message === "Missing body") return new LlmCallError("network", "the answer had no body");
  // ollama-js throws a plain Error with the text of an {"error": …} line that came after output
  // had begun: the server failed mid-answer, which is a server error.
  return new LlmCallError("server", `error during the answer: ${err?.message ?? String(e)}`);
}

export class OllamaClient {
  constructor(readonly host: string) {}

  /** One chat request, streamed; resolves with the whole content once the model says done. */
  chat(call: ChatCall, opts: CallOptions): Promise<ChatResult> {
    return withClient(this.host, opts, async (client) => {
      const stream = await client.chat({ ...call, stream: true });
      let content = "";
      for await (const part of stream) content += part.message?.content ?? "";
      return { content };
    });
  }

  version(opts: CallOptions): Promise<string> {
    return withClient(this.host, opts, async (client) => (await client.version()).version);
  }

  list(opts: CallOptions): Promise<ListResponse> {
    return withClient(this.host, opts, (client) => client.list());
  }

  /** Pulls a model, reporting each progress message; the timeout is for the whole pull. */
  pull(model: string, onProgress: (p: ProgressResponse) => void, opts: CallOptions): Promise<void> {
    return withClient(this.host, opts, async (client) => {
      const stream = await client.pull({ model, stream: true });
      for await (const p of stream) onProgress(p);
    });
  }
}
