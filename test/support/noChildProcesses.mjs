// Preloaded into each test file's process by `npm run test:unit`: the unit tier runs in-process
// (no CLI, server, editor or Neovim started), and a test that tries to start a program fails at
// the call instead of quietly making the tier slow. The test runner's own process, which starts
// one process per test file, is left alone.
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";

if (process.env.NODE_TEST_CONTEXT?.startsWith("child")) {
  for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
    childProcess[name] = () => {
      throw new Error(`child_process.${name}: the unit tier starts no child process (move this test out of test/unit)`);
    };
  }
  syncBuiltinESMExports();
}
