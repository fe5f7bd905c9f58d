// The Ollama stand-in as a process for bench/llm.mjs: prints {"url"} on start, then answers
// "arrivals" (chat arrival times, ms, since the last "reset") and "reset" on stdin; ends with stdin.
import { createInterface } from "node:readline";
import { startStandin } from "../test/support/ollama-standin";

async function main(): Promise<void> {
  const standin = await startStandin({
    latencyMs: Number(process.argv[2] ?? 50),
    chunkChars: Number(process.argv[3] ?? 24),
    lifetimeMs: 15 * 60_000,
  });
  let from = 0;
  const say = (o: unknown) => process.stdout.write(JSON.stringify(o) + "\n");
  say({ url: standin.url });
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    if (line === "reset") {
      from = standin.requests.length;
      say({ ok: true });
    } else if (line === "arrivals") {
      say({
        arrivals: standin.requests
          .slice(from)
          .filter((r) => r.path === "/api/chat")
          .map((r) => r.at),
      });
    }
  });
  input.on("close", () => void standin.close().then(() => process.exit(0)));
}

void main();
