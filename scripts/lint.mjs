// `npm run lint`: ESLint (type-checked rules and the import boundaries) and `prettier --check` side by
// side rather than one after the other: each leaves most of a second core idle, and in turn they took
// over 30 s on 2 cores. Each one's output is printed whole once it ends; the exit code is the worse one.
// Prettier keeps its cache in node_modules/.cache (its answer depends only on a file's text and the
// config); ESLint has none, as its type-aware rules read other files than the one they report on.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// The packages' own bin files (eslint's package exports do not list it for require.resolve).
const bin = (p) => fileURLToPath(new URL(`../node_modules/${p}`, import.meta.url));
const TOOLS = [
  ["eslint", bin("eslint/bin/eslint.js"), ["."]],
  ["prettier", bin("prettier/bin/prettier.cjs"), ["--check", "--cache", "."]],
];

function run([name, bin, args]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      process.stdout.write(out);
      if (code !== 0) console.error(`lint: ${name} failed (exit ${code})`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all(TOOLS.map(run));
process.exitCode = Math.max(...codes);
