// Entry of the extension tests inside VS Code: the `run()` contract of @vscode/test-electron.
// Bundled with mocha by test/e2e/extension.test.ts; test files register with mocha's TDD globals.
import Mocha from "mocha";

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", timeout: 60_000, color: false, reporter: "spec" });
  mocha.suite.emit("pre-require", globalThis, "specmint-e2e", mocha);
  // Registered after the globals exist, in this order; the bundler resolves these statically.
  await import("./activation.e2e");
  await import("./features.e2e");
  await import("./refs.e2e");
  await import("./ollama.e2e");
  await import("./broken.e2e");
  await import("./validate.e2e");
  await import("./completion.e2e");
  await import("./highlight.e2e");
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
