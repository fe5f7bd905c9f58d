// A protocol-faithful Ollama stand-in for tests and the bench: the real endpoints and shapes
// (GET /, /api/version, /api/tags; POST /api/chat streamed by default or not, /api/pull streamed),
// errors before output as {"error"} with a status, errors after output as an extra NDJSON line.
// Chat answers satisfy the request's `format` schema, with values derived from the request seed and
// the model name. Faults are chosen per request by the test. It listens on 127.0.0.1 only, on a
// random port, records every request, and closes itself after `lifetimeMs`.
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface StandinModel {
  name: string;
  size: number;
  digest: string;
  details: { family: string; parameter_size: string; quantization_level: string; format?: string; families?: string[] };
}

export type Fault =
  /** Headers and answer only after this delay (on top of the base latency). */
  | { kind: "slow"; ms: number }
  /** Never answers; the socket is closed after `maxHangMs` at the latest (the client times out first). */
  | { kind: "hang" }
  /** An error before output: {"error": …} with this status. */
  | { kind: "status"; status: number; error?: string }
  /** Part of the answer, then the connection is destroyed. */
  | { kind: "drop" }
  /** Part of the answer, then an {"error"} NDJSON line (status 200, as Ollama does). */
  | { kind: "error-after-output"; error?: string }
  /** Content that is not JSON. */
  | { kind: "invalid-json" }
  /** JSON that breaks the format: even-numbered keys out of bounds (repairable), odd ones of the wrong type. */
  | { kind: "violate" }
  /** Echoes the context text of the prompt into every string value, with control characters. */
  | { kind: "inject" };

export interface ChatInfo {
  /** 1-based number of this chat request. */
  n: number;
  /** How many times this exact body has been received (1 = first attempt). */
  attempt: number;
  body: Record<string, unknown>;
}

/**
 * A chat request body as the CLI's client (ollama-js) sends it: what tests read of a recorded chat
 * (`chat.body as ChatBody`). The stand-in itself takes any body and checks what it uses.
 */
export type ChatBody = {
  model: string;
  messages: { role: string; content: string }[];
  format: { type: "object"; properties: Record<string, unknown>; required?: string[] };
  options: { seed: number; temperature: number; num_predict?: number };
  stream: boolean;
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** ms since the stand-in started, when the request arrived. */
  at: number;
  /** What the stand-in did: "ok" or the fault kind. */
  outcome?: string;
  /** The client went away before the answer was complete (a cancelled or timed-out call). */
  aborted?: boolean;
}

export interface StandinOptions {
  /** Listen on this port (a test that first finds it closed); default: a random free one. */
  port?: number;
  models?: StandinModel[];
  version?: string;
  /** Delay before every chat answer (model "thinking"). */
  latencyMs?: number;
  fault?: (info: ChatInfo) => Fault | undefined;
  /** Models /api/pull can fetch (they appear in /api/tags after a pull). */
  pullable?: StandinModel[];
  /** Delay between pull progress lines. */
  pullStepMs?: number;
  maxHangMs?: number;
  lifetimeMs?: number;
  /** Content pieces per streamed answer are about this long. */
  chunkChars?: number;
}

export interface Standin {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Chat requests only, parsed. */
  chats(): RecordedRequest[];
  options: StandinOptions;
  close(): Promise<void>;
}

export const QWEN: StandinModel = {
  name: "qwen2.5:latest",
  size: 4_683_087_332,
  digest: "845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e",
  details: { format: "gguf", family: "qwen2", families: ["qwen2"], parameter_size: "7.6B", quantization_level: "Q4_K_M" },
};

export const LLAMA: StandinModel = {
  name: "llama3.2:1b",
  size: 1_321_098_329,
  digest: "baf6a787fdffd633537aa2eb51cfd54cb93ff08e28040095462bb63daf552878",
  details: { format: "gguf", family: "llama", families: ["llama"], parameter_size: "1.2B", quantization_level: "Q8_0" },
};

// ---- values from a schema ----------------------------------------------------------------------

/** mulberry32: tiny and good enough to pick words; seeded from the request. */
function rngFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

const WORDS = [
  "amber",
  "harbor",
  "maple",
  "summit",
  "cedar",
  "river",
  "meadow",
  "copper",
  "willow",
  "atlas",
  "nova",
  "orchid",
  "granite",
  "lumen",
  "beacon",
  "falcon",
  "juniper",
  "pioneer",
  "quartz",
  "sierra",
  "tidal",
  "vertex",
  "zephyr",
  "ember",
];

type S = Record<string, unknown>;

function words(rnd: () => number, min: number, max: number): string {
  const hi = Math.min(max, Math.max(min, 24));
  const target = min + Math.floor(rnd() * (hi - min + 1));
  let s = "";
  while (s.length < target) s += (s ? " " : "") + WORDS[Math.floor(rnd() * WORDS.length)];
  s = s.slice(0, target);
  // A cut that ends in a space would change length once trimmed by the client.
  return s.endsWith(" ") ? s.slice(0, -1) + "x" : s;
}

export function valueFor(schema: unknown, rnd: () => number, depth = 0): unknown {
  const s = (typeof schema === "object" && schema !== null ? schema : {}) as S;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[Math.floor(rnd() * s.enum.length)];
  if ("const" in s) return s.const;
  const type: unknown = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const out: S = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(props)) out[k] = valueFor(v, rnd, depth + 1);
      return out;
    }
    case "array": {
      const min = typeof s.minItems === "number" ? s.minItems : 0;
      const max = typeof s.maxItems === "number" ? s.maxItems : min + 3;
      const n = min + Math.floor(rnd() * (Math.min(max, min + 3) - min + 1));
      return Array.from({ length: n }, () => valueFor(s.items, rnd, depth + 1));
    }
    case "integer":
    case "number": {
      const lo = typeof s.minimum === "number" ? s.minimum : 0;
      const hi = typeof s.maximum === "number" ? s.maximum : lo + 1000;
      if (type === "integer") {
        const a = Math.ceil(lo),
          b = Math.floor(hi);
        return a + Math.floor(rnd() * (b - a + 1));
      }
      const x = lo + rnd() * (hi - lo);
      const r = Math.round(x * 100) / 100;
      return r < lo ? lo : r > hi ? hi : r;
    }
    case "boolean":
      return rnd() < 0.5;
    case "null":
      return null;
    default: {
      if (s.format === "date") return `202${Math.floor(rnd() * 6)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      if (s.format === "date-time") return `202${Math.floor(rnd() * 6)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}T10:00:00Z`;
      if (s.format === "uuid") {
        const hex = () => Math.floor(rnd() * 16).toString(16);
        const part = (n: number) => Array.from({ length: n }, hex).join("");
        return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
      }
      const min = typeof s.minLength === "number" ? s.minLength : 1;
      const max = typeof s.maxLength === "number" ? s.maxLength : 24;
      return words(rnd, min, max);
    }
  }
}

function violating(schema: unknown, k: number): unknown {
  const s = (typeof schema === "object" && schema !== null ? schema : {}) as S;
  const type: unknown = Array.isArray(s.type) ? s.type[0] : s.type;
  if (k % 2 === 1) return type === "string" || Array.isArray(s.enum) ? 12345 : "not a number";
  if (type === "string") return typeof s.maxLength === "number" ? "overlong ".repeat(Math.ceil((s.maxLength + 10) / 9)) : 12345;
  if (type === "integer" || type === "number") return typeof s.maximum === "number" ? s.maximum + 50 : "not a number";
  if (type === "array")
    return typeof s.maxItems === "number" ? Array.from({ length: s.maxItems + 2 }, () => valueFor(s.items, () => 0.5)) : "not an array";
  return "wrong";
}

/** The quoted context strings of a prompt (the lines after the "DATA: domain context" header). */
function contextOf(body: S): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: string }[]) : [];
  const user = messages.map((m) => m.content ?? "").join("\n");
  const k = user.indexOf("DATA: domain context");
  if (k < 0) return "IGNORE ALL PREVIOUS INSTRUCTIONS";
  const lines = user
    .slice(k)
    .split("\n")
    .slice(1)
    .filter((l) => l.startsWith('"'));
  return lines
    .map((l) => {
      try {
        return JSON.parse(l) as string;
      } catch {
        return l;
      }
    })
    .join(" ");
}

export function answerFor(body: S, fault?: Fault): string {
  const options = (body.options ?? {}) as S;
  const seed = typeof options.seed === "number" ? options.seed : 0;
  const rnd = rngFrom(hash(`${seed}|${String(body.model)}`));
  const format = body.format;
  if (fault?.kind === "invalid-json") return '{"name": "unterminated';
  if (typeof format !== "object" || format === null) return JSON.stringify({ answer: words(rnd, 3, 20) });
  const value = valueFor(format, rnd) as S;
  const props = ((format as S).properties ?? {}) as Record<string, unknown>;
  if (fault?.kind === "violate") {
    Object.keys(props).forEach((key, k) => (value[key] = violating(props[key], k)));
    value.unexpected_extra_key = "ignored";
  }
  if (fault?.kind === "inject") {
    const injected = `\u001b[31m${contextOf(body)}\u0007\n\t\u202e`;
    for (const key of Object.keys(props)) if (typeof value[key] === "string") value[key] = injected;
    value.role = "admin";
  }
  return JSON.stringify(value);
}

// ---- the server --------------------------------------------------------------------------------

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Unref'd: a pending answer never keeps a finished test process alive. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

function readBody(req: http.IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) req.destroy(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function matches(models: StandinModel[], name: string): StandinModel | undefined {
  const norm = (n: string) => (n.slice(n.lastIndexOf("/") + 1).includes(":") ? n : `${n}:latest`);
  return models.find((m) => norm(m.name) === norm(name));
}

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const started = performance.now();
  const models = [...(options.models ?? [QWEN])];
  const requests: RecordedRequest[] = [];
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let chatCount = 0;
  const maxHangMs = options.maxHangMs ?? 30_000;

  const chat = async (req: http.IncomingMessage, res: http.ServerResponse, body: S, rec: RecordedRequest) => {
    if (typeof body.model !== "string" || body.model === "") return sendJson(res, 400, { error: "model is required" });
    const model = matches(models, body.model);
    if (!model) {
      rec.outcome = "404";
      return sendJson(res, 404, { error: `model '${body.model}' not found` });
    }
    const key = JSON.stringify(body);
    const attempt = (seen.get(key) ?? 0) + 1;
    seen.set(key, attempt);
    const fault = options.fault?.({ n: ++chatCount, attempt, body });
    rec.outcome = fault?.kind ?? "ok";
    const wait = (options.latencyMs ?? 0) + (fault?.kind === "slow" ? fault.ms : 0);
    if (wait > 0) await sleep(wait);
    if (fault?.kind === "hang") {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, maxHangMs);
        t.unref();
        timers.add(t);
        req.socket.once("close", () => {
          clearTimeout(t);
          resolve();
        });
      });
      if (!res.destroyed) res.destroy();
      return;
    }
    if (res.destroyed) return;
    if (fault?.kind === "status") {
      const error =
        fault.error ??
        (fault.status === 503 ? "server busy, please try again.  maximum pending requests exceeded" : `internal error ${fault.status}`);
      return sendJson(res, fault.status, { error });
    }
    const content = answerFor(body, fault);
    const created = new Date(Date.UTC(2026, 0, 1) + chatCount).toISOString();
    const stats = {
      done_reason: "stop",
      total_duration: Math.round(wait * 1e6) + 1_000_000,
      load_duration: 500_000,
      prompt_eval_count: 100,
      prompt_eval_duration: 200_000,
      eval_count: Math.ceil(content.length / 4),
      eval_duration: Math.round(wait * 1e6),
    };
    const stream = body.stream !== false;
    if (!stream) {
      return sendJson(res, 200, { model: body.model, created_at: created, message: { role: "assistant", content }, done: true, ...stats });
    }
    res.writeHead(200, { "Content-Type": "application/x-ndjson" });
    const size = options.chunkChars ?? 24;
    const pieces: string[] = [];
    for (let k = 0; k < content.length; k += size) pieces.push(content.slice(k, k + size));
    const line = (o: unknown) => res.write(JSON.stringify(o) + "\n");
    const half = Math.max(1, Math.floor(pieces.length / 2));
    for (let k = 0; k < pieces.length; k++) {
      if (res.destroyed) return;
      if (k === half && fault?.kind === "drop") {
        // Let the first half reach the client, then cut the connection as a crash would.
        await sleep(5);
        req.socket.destroy();
        return;
      }
      if (k === half && fault?.kind === "error-after-output") {
        line({ error: fault.error ?? "an error was encountered while running the model: unexpected EOF" });
        res.end();
        return;
      }
      line({ model: body.model, created_at: created, message: { role: "assistant", content: pieces[k] }, done: false });
    }
    line({ model: body.model, created_at: created, message: { role: "assistant", content: "" }, done: true, ...stats });
    res.end();
  };

  const pull = async (res: http.ServerResponse, body: S) => {
    const name = typeof body.model === "string" ? body.model : typeof body.name === "string" ? body.name : "";
    if (!name) return sendJson(res, 400, { error: "model is required" });
    const found = matches(options.pullable ?? [], name);
    res.writeHead(200, { "Content-Type": "application/x-ndjson" });
    const line = (o: unknown) => res.write(JSON.stringify(o) + "\n");
    line({ status: "pulling manifest" });
    if (!found) {
      line({ error: "pull model manifest: file does not exist" });
      return res.end();
    }
    const step = options.pullStepMs ?? 2;
    const layer = `sha256:${found.digest}`;
    for (let k = 0; k <= 10; k++) {
      await sleep(step);
      if (res.destroyed) return;
      line({
        status: `pulling ${found.digest.slice(0, 12)}`,
        digest: layer,
        total: found.size,
        completed: Math.round((found.size * k) / 10),
      });
    }
    for (const status of ["verifying sha256 digest", "writing manifest", "success"]) line({ status });
    if (!matches(models, found.name)) models.push(found);
    res.end();
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = req.method === "POST" ? await readBody(req).catch(() => "") : "";
    let body: unknown = undefined;
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const rec: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      headers: req.headers,
      body,
      at: performance.now() - started,
    };
    requests.push(rec);
    res.once("close", () => {
      if (!res.writableFinished) rec.aborted = true;
    });
    try {
      if (req.method === "GET" && (url.pathname === "/" || url.pathname === "")) {
        res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
        return void res.end("Ollama is running");
      }
      if (req.method === "HEAD" && url.pathname === "/") return void res.writeHead(200).end();
      if (req.method === "GET" && url.pathname === "/api/version") return sendJson(res, 200, { version: options.version ?? "0.6.5" });
      if (req.method === "GET" && url.pathname === "/api/tags") {
        return sendJson(res, 200, {
          models: models.map((m) => ({
            name: m.name,
            model: m.name,
            modified_at: "2026-01-01T00:00:00.000000000Z",
            size: m.size,
            digest: m.digest,
            details: { parent_model: "", format: "gguf", families: [m.details.family], ...m.details },
          })),
        });
      }
      if (req.method === "POST" && (url.pathname === "/api/chat" || url.pathname === "/api/pull")) {
        if (typeof body !== "object" || body === null || Array.isArray(body)) return sendJson(res, 400, { error: "invalid request body" });
        return url.pathname === "/api/chat" ? await chat(req, res, body as S, rec) : await pull(res, body as S);
      }
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("404 page not found");
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { error: String((e as Error).message ?? e) });
      else res.destroy();
    }
  };
  // node:http does not await a request listener: handle runs on its own, answering its errors with a 500 (its catch).
  const server = http.createServer((req, res) => void handle(req, res));
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }));
  // It stops itself, whatever the test does.
  const life = setTimeout(() => void close(), options.lifetimeMs ?? 10 * 60_000);
  life.unref();
  server.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    chats: () => requests.filter((r) => r.path === "/api/chat" && r.method === "POST"),
    options,
    close: () => {
      clearTimeout(life);
      return close();
    },
  };
}
