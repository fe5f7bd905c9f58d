// When a run happened, for the manifest's created_at: the one clock read of a generation run,
// made by its caller (CLI, language server) so that core/ never reads the clock.

/** ISO time of the run: SOURCE_DATE_EPOCH (reproducible builds) when set and sane, else the clock. */
export function runTimestamp(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,15}$/.test(epoch.trim())) {
    return new Date(Number(epoch.trim()) * 1000).toISOString().replace(/\.000Z$/, "Z");
  }
  return new Date().toISOString();
}
