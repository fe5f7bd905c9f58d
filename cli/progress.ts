// One self-rewriting line on stderr, only on a terminal: a log file or CI output would fill with
// carriage returns otherwise.

const MIN_INTERVAL_MS = 100;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export class ProgressLine {
  private readonly started = performance.now();
  private last = -Infinity;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    readonly enabled: boolean = Boolean(process.stderr.isTTY),
  ) {}

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < MIN_INTERVAL_MS && done < total) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : Infinity;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    const text = `${this.label} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${pct}%) · ${Math.round(rate).toLocaleString("en-US")} records/s · ETA ${formatDuration(eta)}`;
    this.stream.write(`\r\x1b[2K${text}`);
    this.shown = true;
  }

  /** Removes the line, so that whatever is printed next starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
