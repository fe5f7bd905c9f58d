// `specmint doctor`: is Ollama reachable, which version, which models (size, quantisation), is the
// configured model there; `--pull` fetches it, with a progress bar on a terminal and plain lines
// otherwise. Exit 0 when an LLM run would start, 4 when it would not (the same check as generate).
import { SpecMintError } from "../core/base";
import { OllamaClient } from "../core/enrich";
import { checkProvider, doctorReport, formatBytes, providerProblem, pullCommand } from "../core/enrich";
import { DEFAULT_SETTINGS } from "../common/settings";
import { parseFlags, type FlagSpec } from "./args";
import { EXIT, interruptedExit } from "./failure";
import { DOCTOR_HELP, printHelp } from "./help";
import { parseHost, parseModel, settingSources } from "./settings";
import type { CliContext } from "./context";

export const DOCTOR_FLAGS: FlagSpec[] = [
  { name: "ollama-host", type: "string" },
  { name: "model", type: "string" },
  { name: "pull", type: "boolean" },
];

/** A pull may take long (gigabytes); only Ctrl-C ends it early. */
const PULL_TIMEOUT_MS = 6 * 3600_000;
const CHECK_TIMEOUT_MS = 5_000;
const BAR_WIDTH = 24;

function settings(flags: Map<string, string | true>, ctx: CliContext): { host: string; model: string } {
  // The same sources as generate, so that doctor checks what generate would use.
  const { pick } = settingSources(flags, ctx.env, ctx.cwd, "doctor");
  const host = pick("ollama-host", "OLLAMA_HOST");
  const model = pick("model");
  return { host: host ? parseHost(host) : DEFAULT_SETTINGS.ollama.host, model: model ? parseModel(model) : DEFAULT_SETTINGS.ollama.model };
}

class PullProgress {
  private lastStatus = "";
  private lastDraw = 0;
  private drawn = false;
  constructor(private readonly ctx: CliContext) {}

  update(p: { status: string; total?: number; completed?: number }): void {
    const { stderr, stderrIsTTY } = this.ctx;
    const sized = typeof p.total === "number" && p.total > 0;
    if (!stderrIsTTY) {
      // Plain lines for logs: each stage once, with its size.
      if (p.status !== this.lastStatus) stderr.write(`${p.status}${sized ? ` (${formatBytes(p.total!)})` : ""}\n`);
      this.lastStatus = p.status;
      return;
    }
    const now = performance.now();
    const complete = sized && (p.completed ?? 0) >= p.total!;
    if (p.status === this.lastStatus && now - this.lastDraw < 100 && !complete) return;
    if (p.status !== this.lastStatus && this.drawn) stderr.write("\n");
    this.lastStatus = p.status;
    this.lastDraw = now;
    if (sized) {
      const done = Math.min(p.completed ?? 0, p.total!);
      const frac = done / p.total!;
      const fill = Math.round(frac * BAR_WIDTH);
      const bar = "█".repeat(fill) + "░".repeat(BAR_WIDTH - fill);
      stderr.write(
        `\r\x1b[2K${p.status} ${String(Math.floor(frac * 100)).padStart(3)}% ${bar} ${formatBytes(done)}/${formatBytes(p.total!)}`,
      );
    } else {
      stderr.write(`\r\x1b[2K${p.status}`);
    }
    this.drawn = true;
  }

  end(): void {
    if (this.drawn && this.ctx.stderrIsTTY) this.ctx.stderr.write("\n");
    this.drawn = false;
  }
}

export async function runDoctor(argv: string[], ctx: CliContext): Promise<number> {
  const parsed = parseFlags("doctor", argv, DOCTOR_FLAGS);
  if (parsed.help) return printHelp(ctx, DOCTOR_HELP);
  const { host, model } = settings(parsed.values, ctx);
  let status = await checkProvider(host, model, { signal: ctx.signal, timeoutMs: CHECK_TIMEOUT_MS });
  ctx.stdout.write(doctorReport(status));

  if (parsed.values.get("pull") === true && status.reachable && !status.found) {
    ctx.stdout.write(`pulling ${model} …\n`);
    const progress = new PullProgress(ctx);
    try {
      await new OllamaClient(host).pull(model, (p) => progress.update(p), { signal: ctx.signal, timeoutMs: PULL_TIMEOUT_MS });
    } catch (e) {
      progress.end();
      if (ctx.signal.aborted) {
        ctx.stderr.write(
          `specmint: interrupted; the pull of ${model} stopped (Ollama keeps what it has downloaded)\nsummary: interrupted, exit ${interruptedExit(ctx.signal)}\n`,
        );
        return interruptedExit(ctx.signal);
      }
      throw new SpecMintError(
        "llm",
        `cannot pull ${model} from Ollama at ${host}: ${(e as Error).message}; check the name (ollama.com/library) and try: ${pullCommand(model)}`,
      );
    }
    progress.end();
    status = await checkProvider(host, model, { signal: ctx.signal, timeoutMs: CHECK_TIMEOUT_MS });
    ctx.stdout.write(
      status.found ? `  model    ${model}: pulled and available\n` : `  model    ${model}: the pull ended but the host does not list it\n`,
    );
  } else if (parsed.values.get("pull") === true && status.found) {
    ctx.stdout.write(`  model    ${model} is already there; nothing to pull\n`);
  }

  const problem = providerProblem(status);
  if (problem) throw new SpecMintError("llm", problem);
  ctx.stdout.write(`ready: specmint generate --llm-mode fields|record can use ${model} at ${host}\n`);
  return EXIT.ok;
}
