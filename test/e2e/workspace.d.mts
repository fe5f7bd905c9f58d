// Types of workspace.mjs (plain JavaScript, shared with scripts/test-electron.mjs).

/** Writes the fixture workspace into `dir` (created if missing) and returns `dir`. */
export function writeWorkspace(dir: string): string;
