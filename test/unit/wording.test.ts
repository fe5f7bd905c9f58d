// The extension's wording of failures (client/wording.ts) against the engine's own messages: what a
// user of the editor reads names settings and commands, never a CLI flag, and carries the buttons.
import assert from "node:assert/strict";
import { test } from "node:test";
import { providerProblem } from "../../core/enrich";
import { raiseHint } from "../../core/base/limits";
import { describeFailure, ollamaProblem } from "../../client/wording";

const CLI = /--[a-z]|specmint doctor|OLLAMA_HOST|specmint\.toml/;
const down = { host: "http://127.0.0.1:9", model: "qwen2.5:latest", reachable: false, error: "fetch failed", models: [] };
const noModel = {
  host: "http://127.0.0.1:9",
  model: "llama3.2:1b",
  reachable: true,
  models: [{ name: "qwen2.5:latest", size: 1, digest: "d" }],
};

test("Ollama down: the message names specmint.ollama.host, with Open Settings on it and Check Ollama", () => {
  for (const d of [ollamaProblem(down)!, describeFailure(`SpecMint: ${providerProblem({ ...down, models: [] })}`)]) {
    assert.match(d.message, /cannot reach Ollama at http:\/\/127\.0\.0\.1:9 \(fetch failed\)/);
    assert.match(d.message, /specmint\.ollama\.host/);
    assert.doesNotMatch(d.message, CLI);
    assert.deepEqual(d.actions.slice(0, 2), [
      { kind: "settings", setting: "specmint.ollama.host" },
      { kind: "command", title: "Check Ollama", command: "specmint.doctor" },
    ]);
  }
});

test("a missing model: Select Model and the model setting, no CLI advice", () => {
  const fromEngine = describeFailure(providerProblem(noModel)!);
  assert.doesNotMatch(fromEngine.message, CLI);
  assert.match(fromEngine.message, /Select Model/);
  const ours = ollamaProblem(noModel)!;
  assert.match(ours.message, /llama3\.2:1b is not on Ollama .*it has qwen2\.5:latest.*specmint\.ollama\.model/);
  assert.deepEqual(
    ours.actions.map((a) => (a.kind === "settings" ? `settings ${a.setting}` : a.title)),
    ["Select Model", "settings specmint.ollama.model"],
  );
  assert.equal(ollamaProblem({ ...noModel, found: { name: "llama3.2:1b" } }), undefined);
});

test("a limit: the specmint.limits setting, not --limit or specmint.toml", () => {
  const d = describeFailure(`enum of 20,000 values is over the enum-size limit (10,000); ${raiseHint("enum-size")}`);
  assert.doesNotMatch(d.message, CLI);
  assert.match(d.message, /specmint\.limits setting: \{"enum-size": N\}/);
  assert.deepEqual(d.actions[0], { kind: "settings", setting: "specmint.limits" });
});

test("untrusted: Manage Workspace Trust; a foreign folder: no --force", () => {
  assert.equal(describeFailure("SpecMint: this workspace is not trusted; x is refused").actions[0].kind, "command");
  const d = describeFailure("refusing to write into /w/out: it is not empty …; choose another folder, empty it, or pass --force");
  assert.equal(d.message, "SpecMint: refusing to write into /w/out: it is not empty …; choose another folder or empty it");
});
