// What goes into each bundle, read from esbuild's metafile: the language server carries no CLI
// code, and the extension host carries no engine (it only talks to the language server).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { build, type Metafile } from "esbuild";
import { BUNDLES, buildOptions } from "../../scripts/build.mjs";

/** The bundle built in memory with the options of `npm run build`, and its metafile. */
async function metafileOf(name: keyof typeof BUNDLES): Promise<Metafile> {
  const result = await build({ ...buildOptions(BUNDLES[name]), write: false, metafile: true, sourcemap: false, logLevel: "silent" });
  return result.metafile;
}

/** Bundled source files under `folder`, each with a chain of imports that brought it in from the entry. */
function modulesUnder(meta: Metafile, folder: string): string[] {
  const importer = new Map<string, string>();
  for (const [file, input] of Object.entries(meta.inputs)) {
    for (const i of input.imports) if (!importer.has(i.path)) importer.set(i.path, file);
  }
  const chain = (file: string): string => {
    const seen = new Set<string>();
    const path = [file];
    for (let f = importer.get(file); f !== undefined && !seen.has(f); f = importer.get(f)) {
      seen.add(f);
      path.unshift(f);
    }
    return path.join(" → ");
  };
  return Object.keys(meta.inputs)
    .filter((f) => f.startsWith(`${folder}/`))
    .map(chain);
}

test("dist/server.js contains no module of cli/", async () => {
  const meta = await metafileOf("server");
  assert.ok(modulesUnder(meta, "core/engine").length > 0, "the server bundle holds the engine");
  assert.deepEqual(modulesUnder(meta, "cli"), []);
});

test("dist/extension.js contains no module of core/ or server/: the engine runs in the language server", async () => {
  const meta = await metafileOf("extension");
  assert.ok(modulesUnder(meta, "client").length > 0, "the extension bundle holds the client");
  assert.deepEqual(modulesUnder(meta, "core"), []);
  assert.deepEqual(modulesUnder(meta, "server"), []);
});

test("every dependency with an install script is allowed or denied in package.json's allowScripts", () => {
  // npm 11 skips undeclared install scripts and warns about each one at `npm install`.
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { allowScripts?: Record<string, boolean> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, p]) => p.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length));
  assert.ok(withScripts.includes("esbuild"), "esbuild installs its platform binary through a script");
  const undeclared = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== "boolean");
  assert.deepEqual(undeclared, []);
});

test("no bundle loads Node's deprecated built-in punycode (DEP0040 on stderr under Node 21+)", async () => {
  for (const name of Object.keys(BUNDLES) as (keyof typeof BUNDLES)[]) {
    const meta = await metafileOf(name);
    const externals = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    assert.ok(!externals.includes("punycode"), `${name} requires the built-in punycode`);
  }
});

test("@faker-js/faker's locale tables live in dist/locales.js alone: the CLI, the engine, the server and the extension load them on demand", async () => {
  const faker = (meta: Metafile) => Object.keys(meta.inputs).filter((f) => f.includes("node_modules/@faker-js/"));
  assert.ok(faker(await metafileOf("locales")).length > 0, "the locales bundle holds the faker tables");
  for (const name of ["cli", "cliWorker", "core", "server", "extension"] as const)
    assert.deepEqual(faker(await metafileOf(name)), [], name);
});
