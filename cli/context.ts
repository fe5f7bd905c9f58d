// What a command runs with: the process's streams, environment and working directory, or a test's.

export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stderrIsTTY: boolean;
  signal: AbortSignal;
}
