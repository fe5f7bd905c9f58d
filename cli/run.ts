// Command dispatch, apart from the process entry (cli/main.ts) so that it can be called in-process.
import { TOOL_VERSION } from "../core/output";
import { closest } from "./args";
import { EXIT } from "./failure";
import { MAIN_HELP } from "./help";
import { runGenerate } from "./generate";
import { runValidate } from "./validate";
import { runInspect } from "./inspect";
import { runCoverage } from "./coverage";
import { runDoctor } from "./doctor";
import type { CliContext } from "./context";

export type { CliContext };

const COMMANDS = ["generate", "validate", "inspect", "coverage", "doctor", "help"];

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      ctx.stderr.write(MAIN_HELP);
      return EXIT.usage;
    case "--help":
    case "-h":
      ctx.stdout.write(MAIN_HELP);
      return EXIT.ok;
    case "help": {
      // `specmint help generate` is the same as `specmint generate --help`.
      if (rest[0] === undefined) {
        ctx.stdout.write(MAIN_HELP);
        return EXIT.ok;
      }
      return run([rest[0], "--help"], ctx);
    }
    case "--version":
    case "-V":
      ctx.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    case "generate":
      return runGenerate(rest, ctx);
    case "validate":
      return runValidate(rest, ctx);
    case "inspect":
      return runInspect(rest, ctx);
    case "coverage":
      return runCoverage(rest, ctx);
    case "doctor":
      return runDoctor(rest, ctx);
    default: {
      const guess = closest(command.replace(/^-+/, ""), COMMANDS);
      const what = command.startsWith("-") ? `unknown option ${command}` : `unknown command '${command}'`;
      ctx.stderr.write(
        `specmint: usage error: ${what}${guess ? ` (did you mean '${guess}'?)` : ""}; see specmint --help\n` +
          `summary: 1 usage error, exit ${EXIT.usage}\n`,
      );
      return EXIT.usage;
    }
  }
}
