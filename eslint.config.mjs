// @ts-check
// ESLint flat config: typescript-eslint's type-checked recommended rules over the TypeScript sources,
// the plain recommended rules over the JavaScript scripts, and the import boundaries between core/ and
// the programs built on it (see `boundaries` below). Formatting is prettier's job (.prettierrc.json).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

// An import source that climbs out of the importing file's folder: "../", "../../", …
const UP = String.raw`^(?:\./)?(?:\.\./)+`;

/** @typedef {{ regex: string, message: string, allowTypeImports?: boolean }} Boundary */

/** @type {Boundary} */
const coreOnlyThroughIndex = {
  regex: String.raw`${UP}core/[^/]+/(?!index$)[^/]`,
  message: "imports core only through core/index.ts or a stage's index (`core/<stage>`); export the name there if it is missing",
};
/** @type {(folders: string[]) => Boundary} */
const noneOf = (folders) => ({
  regex: `${UP}(?:${folders.join("|")})(?:/|$)`,
  message: `must not import from ${folders.map((f) => `${f}/`).join(", ")}`,
});

/**
 * One config object per folder: a file gets the options of the last object whose `files` match it, so each
 * folder lists all of its boundaries. Static imports and re-exports are checked by no-restricted-imports;
 * `import()` by no-restricted-syntax, from the same patterns (esquery's regex literals cannot hold a "/").
 * @param {string} folder
 * @param {Boundary[]} boundaries
 */
function boundary(folder, boundaries) {
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: boundaries.map((b) => ({ ...b, message: `${folder}/ ${b.message}`, caseSensitive: true })) },
      ],
      "no-restricted-syntax": [
        "error",
        ...boundaries.map((b) => ({
          selector: `ImportExpression[source.value=/${b.regex.replaceAll("/", String.raw`\x2f`)}/]`,
          message: `${folder}/ ${b.message}`,
        })),
      ],
    },
  };
}

const boundaries = [
  boundary("core", [
    noneOf(["cli", "server", "client"]),
    {
      // common/settings is the one arrow from core into common/, on purpose: it is a leaf module of defaults
      // (it imports nothing) that the engine, the CLI, the server and the client all read.
      regex: `${UP}common(?:$|/(?!settings$))`,
      message: "reads only common/settings (the defaults) from common/",
    },
    { regex: String.raw`^(?:vscode(?:$|[-/])|@vscode/)`, message: "runs outside the editor: no vscode* package" },
  ]),
  boundary("cli", [coreOnlyThroughIndex]),
  boundary("common", [coreOnlyThroughIndex]),
  boundary("server", [coreOnlyThroughIndex, noneOf(["cli"])]),
  boundary("client", [
    coreOnlyThroughIndex,
    noneOf(["cli", "server"]),
    {
      // The extension host only talks to the language server; the engine must not be bundled into it.
      regex: `${UP}core(?:/|$)`,
      allowTypeImports: true,
      message: "may import only types from core (`import type`): the engine runs in the language server",
    },
  ]),
];

export default defineConfig(
  { ignores: ["dist/", "bench/out/", "test/fixtures/", "test/e2e/artifacts/", ".cache/", "fixtures/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test's test() and describe() return promises that the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        // A leading underscore marks a name that is there on purpose (a parameter kept for callers, a counted
        // loop variable); properties taken out of an object by destructuring leave the rest.
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The .mjs/.js scripts are outside tsconfig.json's program (no allowJs), so rules that need types cannot run on them.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The launcher is CommonJS on purpose (it runs before anything is built): require() is its module system.
    files: ["bin/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  ...boundaries,
);
