// The doctor's report: what `specmint doctor` prints and the extension's "Check Ollama" shows, from
// one provider status (host, version, models, the configured model).
import { formatBytes, pullCommand, type ProviderStatus } from "./provider";

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  return rows.map((r) =>
    r
      .map((c, k) => (k === r.length - 1 ? c : c.padEnd(widths[k])))
      .join("  ")
      .trimEnd(),
  );
}

export function doctorReport(s: ProviderStatus): string {
  const lines = [`Ollama at ${s.host}`];
  if (!s.reachable) {
    lines.push(`  host     not reachable: ${s.error ?? "no answer"}`);
    return lines.join("\n") + "\n";
  }
  lines.push(`  host     reachable${s.version ? `, Ollama ${s.version}` : ""}`);
  if (s.models.length === 0) lines.push("  models   none");
  else {
    lines.push(`  models   ${s.models.length}`);
    const rows = s.models.map((m) => [m.name, formatBytes(m.size), m.quantization ?? "-", m.parameterSize ?? "-", m.family ?? "-"]);
    for (const l of table(rows)) lines.push(`    ${l}`);
  }
  lines.push(
    s.found
      ? `  model    ${s.model}: available (${s.found.name}, ${formatBytes(s.found.size)}${s.found.quantization ? `, ${s.found.quantization}` : ""}, digest ${s.found.digest.slice(0, 12)})`
      : `  model    ${s.model}: missing; get it with: ${pullCommand(s.model)}, or: specmint doctor --pull`,
  );
  return lines.join("\n") + "\n";
}
