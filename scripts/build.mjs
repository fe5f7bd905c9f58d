// One build for the bundles: the CLI, the engine as a library, the language server, the VS Code
// extension, and the locale tables the engine loads on demand. Types are checked separately
// (`npm run typecheck`); esbuild only strips them.
// The options are exported so that test/build/bundles.test.ts can rebuild a bundle in memory and
// read what went into it.
import { build } from "esbuild";
import { pathToFileURL } from "node:url";

/** @typedef {import("esbuild").BuildOptions} BuildOptions */

/** @type {Record<"cli" | "cliWorker" | "core" | "server" | "extension" | "locales", BuildOptions>} */
export const BUNDLES = {
  // The CLI is two bundles: a small main thread that answers signals (start-up loads it first) and
  // the command, which it runs in a worker thread.
  cli: { entryPoints: ["cli/main.ts"], outfile: "dist/cli.js" },
  cliWorker: { entryPoints: ["cli/worker.ts"], outfile: "dist/cli-worker.js" },
  core: { entryPoints: ["core/index.ts"], outfile: "dist/core.js" },
  server: { entryPoints: ["server/serverMain.ts"], outfile: "dist/server.js" },
  extension: { entryPoints: ["client/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
  // @faker-js/faker's data tables of the locales other than en-US: core/generate/locales requires this
  // file from beside the bundle that runs, only when such a locale is asked for (--locale).
  locales: { entryPoints: ["core/generate/locales/fakerTables.ts"], outfile: "dist/locales.js" },
};

/**
 * The options of one bundle. `production` is what goes into the .vsix: minified, no source maps.
 * @param {BuildOptions} bundle
 * @param {{ production?: boolean }} [flags]
 * @returns {BuildOptions}
 */
export function buildOptions(bundle, { production = false } = {}) {
  return {
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
    // ajv-formats-draft2019 (idn-hostname) and uri-js require("punycode"), which a node-platform bundle
    // leaves to Node's deprecated built-in: Node 21+ prints DEP0040 on stderr in every process that
    // loads the engine (the editor's log showed it as an error on every generation). Bundle the npm
    // package they depend on instead.
    alias: { punycode: "punycode/" },
    ...bundle,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--watch")) console.error("watch mode is not supported; run npm run build again");
  const production = process.argv.includes("--production");
  // No top-level await: test/build/bundles.test.ts loads this file through a CommonJS require.
  Promise.all(Object.values(BUNDLES).map((b) => build(buildOptions(b, { production })))).catch(() => {
    process.exitCode = 1; // esbuild has printed the errors
  });
}
