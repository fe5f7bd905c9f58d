// The stand-in speaks Ollama's protocol: the shapes tests rely on are the real ones, checked over raw
// HTTP and through ollama-js itself.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Ollama } from "ollama";
import { createAjv } from "../../core/validate/ajv";
import { answerFor, QWEN, startStandin, type Standin } from "../support/ollama-standin";

/** /api/tags as it is on the wire (dates are strings there; ollama-js's ListResponse says Date). */
interface TagsBody {
  models: { name: string; digest: string; size: number; details: { quantization_level: string } }[];
}

/** One NDJSON line of a streamed chat answer, or a non-streamed answer: a part, or the last part with stats. */
interface ChatLine {
  model: string;
  message: { role: string; content: string };
  done: boolean;
  done_reason?: string;
  total_duration?: number;
  eval_count?: number;
}

let standin: Standin;
before(async () => {
  standin = await startStandin({
    fault: ({ body }) => ((body.options as { seed?: number } | undefined)?.seed === 666 ? { kind: "error-after-output" } : undefined),
  });
});
after(() => standin.close());

const FORMAT = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 3, maxLength: 12 },
    n: { type: "integer", minimum: 5, maximum: 9 },
    price: { type: "number", minimum: 1, maximum: 2 },
    tags: { type: "array", minItems: 1, maxItems: 2, items: { type: "string", maxLength: 5 } },
    kind: { enum: ["a", "b"] },
    when: { type: "string", format: "date" },
  },
  required: ["name", "n", "price", "tags", "kind", "when"],
  additionalProperties: false,
};

const post = (path: string, body: unknown) =>
  fetch(`${standin.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("Ollama stand-in", () => {
  test("listens on loopback only", () => {
    assert.match(standin.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("GET /, /api/version, /api/tags", async () => {
    const root = await fetch(`${standin.url}/`);
    assert.equal(await root.text(), "Ollama is running");
    assert.deepEqual(await (await fetch(`${standin.url}/api/version`)).json(), { version: "0.6.5" });
    const tags = (await (await fetch(`${standin.url}/api/tags`)).json()) as TagsBody;
    assert.equal(tags.models[0].name, "qwen2.5:latest");
    assert.equal(tags.models[0].digest, QWEN.digest);
    assert.equal(tags.models[0].details.quantization_level, "Q4_K_M");
    assert.equal(typeof tags.models[0].size, "number");
  });

  test("POST /api/chat streams NDJSON by default, the last line done with stats", async () => {
    const res = await post("/api/chat", {
      model: "qwen2.5",
      messages: [{ role: "user", content: "hi" }],
      format: FORMAT,
      options: { seed: 7 },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/x-ndjson");
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ChatLine);
    assert.ok(lines.length > 2);
    assert.ok(lines.slice(0, -1).every((l) => l.done === false && l.message.role === "assistant"));
    const last = lines[lines.length - 1];
    assert.equal(last.done, true);
    assert.equal(last.done_reason, "stop");
    assert.equal(typeof last.total_duration, "number");
    assert.equal(typeof last.eval_count, "number");
    const content = lines.map((l) => l.message.content).join("");
    const answer = JSON.parse(content) as unknown;
    const validate = createAjv("2020-12").compile(FORMAT);
    assert.ok(validate(answer), JSON.stringify(validate.errors));
    assert.equal(content, answerFor({ model: "qwen2.5", format: FORMAT, options: { seed: 7 } }), "derived from seed and model only");
  });

  test("stream: false answers with one JSON object", async () => {
    const res = await post("/api/chat", { model: "qwen2.5:latest", messages: [], format: FORMAT, stream: false, options: { seed: 7 } });
    const body = (await res.json()) as ChatLine;
    assert.equal(body.done, true);
    assert.equal(body.message.role, "assistant");
    assert.doesNotThrow(() => JSON.parse(body.message.content));
  });

  test("answers depend on the seed and the model", () => {
    const a = answerFor({ model: "qwen2.5:latest", format: FORMAT, options: { seed: 1 } });
    assert.notEqual(a, answerFor({ model: "qwen2.5:latest", format: FORMAT, options: { seed: 2 } }));
    assert.notEqual(a, answerFor({ model: "llama3.2:1b", format: FORMAT, options: { seed: 1 } }));
  });

  test("errors before output: JSON {error} with 400 and 404", async () => {
    const noModel = await post("/api/chat", { messages: [] });
    assert.equal(noModel.status, 400);
    assert.deepEqual(await noModel.json(), { error: "model is required" });
    const missing = await post("/api/chat", { model: "nope", messages: [] });
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get("content-type")!, /application\/json/);
    assert.deepEqual(await missing.json(), { error: "model 'nope' not found" });
  });

  test("ollama-js reads it: chat streamed and not, list, version, ResponseError with status_code", async () => {
    const client = new Ollama({ host: standin.url });
    const r = await client.chat({
      model: "qwen2.5:latest",
      messages: [{ role: "user", content: "x" }],
      format: FORMAT,
      options: { seed: 3 },
    });
    assert.doesNotThrow(() => JSON.parse(r.message.content));
    let streamed = "";
    for await (const part of await client.chat({
      model: "qwen2.5:latest",
      messages: [],
      format: FORMAT,
      stream: true,
      options: { seed: 3 },
    })) {
      streamed += part.message.content;
    }
    assert.equal(streamed, r.message.content);
    assert.equal((await client.list()).models.length, 1);
    assert.equal((await client.version()).version, "0.6.5");
    await assert.rejects(client.chat({ model: "nope", messages: [] }), (e: unknown) => {
      const err = e as { name?: string; status_code?: number };
      return err.name === "ResponseError" && err.status_code === 404;
    });
  });

  test("an error after output has begun is an NDJSON {error} line with status 200", async () => {
    const res = await post("/api/chat", { model: "qwen2.5:latest", messages: [], format: FORMAT, options: { seed: 666 } });
    assert.equal(res.status, 200);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    assert.equal((lines[0] as ChatLine).done, false);
    assert.match((lines[lines.length - 1] as { error: string }).error, /error/);
  });

  test("POST /api/pull streams progress; an unknown model ends with an {error} line", async () => {
    const res = await post("/api/pull", { name: "unknown:1b" });
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(lines, [{ status: "pulling manifest" }, { error: "pull model manifest: file does not exist" }]);
  });

  test("every request is recorded", () => {
    assert.ok(standin.requests.some((r) => r.method === "GET" && r.path === "/api/tags"));
    assert.ok(standin.chats().every((c) => typeof c.body === "object"));
  });
});
