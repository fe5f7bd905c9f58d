// One build for the three bundles: the CLI, the language server and the VS Code extension.
// Types are checked separately (`npm run typecheck`); esbuild only strips them.
import { build } from "esbuild";

const watch = process.argv.includes("--watch");
// --production: what goes into the .vsix (minified, no source maps).
const production = process.argv.includes("--production");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  legalComments: "none",
  // jsonc-parser's UMD entry loads its parts with require() calls a bundler cannot follow.
  mainFields: ["module", "main"],
};

const entries = [
  { entryPoints: ["cli/main.ts"], outfile: "dist/cli.js" },
  { entryPoints: ["core/index.ts"], outfile: "dist/core.js" },
  { entryPoints: ["server/serverMain.ts"], outfile: "dist/server.js" },
  { entryPoints: ["client/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
];

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (watch) console.error("watch mode is not supported; run npm run build again");
